package rxgate.rxrpc.call;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import rxgate.rxrpc.security.RxSecurityException;
import rxgate.rxrpc.wire.WireHeader;

/**
 * The receive ring of one call phase: DATA packets by sequence number, deduplicated and held
 * until the application reads them. Each slot keeps the packet's payload as received (a slice of
 * its datagram, not copied or trimmed), its header, and an annotation: which sub-packet of a
 * jumbogram it is (a jumbogram fills several slots), and whether it has been verified. Security
 * verification and decryption happen when the application reads, not on arrival (as the 2016
 * kernel rewrite does), so a later change can decrypt straight into the reader's buffer. Everything received in order is hard-ACKed at once (as the
 * kernel does since 2022); the advertised window shrinks by what the application has not read,
 * so a slow reader throttles the sender instead of filling memory.
 * Confined to the endpoint's event loop.
 */
public final class RxWindow {

    /** What happened to one inserted packet. */
    public enum Insert {
        /** Next expected packet (the contiguous prefix grew). */
        IN_ORDER,
        /** Held, but a gap precedes it. */
        OUT_OF_SEQUENCE,
        /** Already received. */
        DUPLICATE,
        /** Beyond the window: dropped. */
        EXCEEDS_WINDOW,
        /** Violates the phase rules (after LAST, a second LAST): the call must be aborted. */
        PROTOCOL_ERROR
    }

    /** Annotation: the sub-packet number within its jumbogram + 1 (0 = not from a jumbogram). */
    public static final int ANNOTATION_SUBPACKET_MASK = 0x3F;
    /** Annotation: the last sub-packet of its jumbogram. */
    public static final int ANNOTATION_JUMBO_LAST = 0x40;
    /** Annotation: verified by the security class; the user data starts at the stored offset. */
    public static final int ANNOTATION_VERIFIED = 0x80;

    private final ByteBuf[] ring;
    private final WireHeader[] headers;
    private final byte[] annotations;
    private final int mask;
    private final ReceiveBudget budget;
    /** Next sequence number the application will read. */
    private int consumed = 1;
    /** First sequence number not yet received (everything below has arrived). */
    private int contiguousEnd = 1;
    /** Highest sequence number received. */
    private int highest;
    /** Sequence number of the LAST_PACKET, 0 while unknown. */
    private int lastSeq;
    /** Bytes held (received, not read). */
    private long heldBytes;

    /** @param capacity packets held at most (a power of two, 4..256) */
    public RxWindow(int capacity) {
        this(capacity, new ReceiveBudget(Long.MAX_VALUE));
    }

    /** @param budget the endpoint's receive memory budget, charged for every packet held */
    public RxWindow(int capacity, ReceiveBudget budget) {
        if (Integer.bitCount(capacity) != 1 || capacity < 4 || capacity > 256) {
            throw new IllegalArgumentException("capacity must be a power of two in 4..256");
        }
        ring = new ByteBuf[capacity];
        headers = new WireHeader[capacity];
        annotations = new byte[capacity];
        mask = capacity - 1;
        this.budget = budget;
    }

    /** Files an unannotated packet (tests). */
    public Insert insert(int seq, ByteBuf payload, boolean last) {
        return insert(seq, payload, last, null, 0);
    }

    /**
     * Files one packet. On {@link Insert#IN_ORDER} and {@link Insert#OUT_OF_SEQUENCE} the window
     * takes ownership of {@code payload} (possibly replacing it by a compact copy when the
     * receive budget is exhausted); otherwise the caller keeps it.
     */
    public Insert insert(int seq, ByteBuf payload, boolean last, WireHeader header, int annotation) {
        if (seq - contiguousEnd < 0) {
            return Insert.DUPLICATE;
        }
        if (lastSeq != 0 && (seq - lastSeq > 0 || (last && seq != lastSeq))) {
            return Insert.PROTOCOL_ERROR;
        }
        if (seq - consumed >= ring.length) {
            return Insert.EXCEEDS_WINDOW;
        }
        int slot = seq & mask;
        if (ring[slot] != null) {
            return Insert.DUPLICATE;
        }
        if (last) {
            if (highest - seq > 0) {
                return Insert.PROTOCOL_ERROR;
            }
            lastSeq = seq;
        }
        ByteBuf held = budget.hold(payload);
        ring[slot] = held;
        headers[slot] = header;
        annotations[slot] = (byte) annotation;
        heldBytes += held.readableBytes();
        if (seq - highest > 0) {
            highest = seq;
        }
        if (seq == contiguousEnd) {
            do {
                contiguousEnd++;
            } while (contiguousEnd - consumed < ring.length && ring[contiguousEnd & mask] != null
                    && contiguousEnd - highest <= 0);
            return Insert.IN_ORDER;
        }
        return Insert.OUT_OF_SEQUENCE;
    }

    /** {@code firstPacket} of our next ACK: everything below has been received. */
    public int firstUnreceived() {
        return contiguousEnd;
    }

    /** Whether packet {@code seq}, at or above {@link #firstUnreceived()} and within the window, is held. */
    public boolean received(int seq) {
        return seq - contiguousEnd >= 0 && seq - highest <= 0 && ring[seq & mask] != null;
    }

    /** Highest sequence number seen (previousPacket of our ACKs). */
    public int highest() {
        return highest;
    }

    /** Soft-ACK table from {@link #firstUnreceived()} up to {@link #highest()} (1 = have, 0 = missing). */
    public byte[] softAcks() {
        int n = highest - contiguousEnd + 1;
        if (n <= 0) {
            return EMPTY;
        }
        n = Math.min(n, 255);
        byte[] acks = new byte[n];
        for (int i = 0; i < n; i++) {
            acks[i] = (byte) (ring[(contiguousEnd + i) & mask] != null ? 1 : 0);
        }
        return acks;
    }

    /** Packets the sender may still send beyond {@link #firstUnreceived()}. */
    public int freeSlots() {
        return ring.length - (contiguousEnd - consumed);
    }

    public int capacity() {
        return ring.length;
    }

    /** Whether the whole phase, LAST packet included, has arrived. */
    public boolean complete() {
        return lastSeq != 0 && contiguousEnd - lastSeq > 0;
    }

    /** Whether the application has read the whole phase. */
    public boolean fullyConsumed() {
        return complete() && consumed == contiguousEnd;
    }

    /** Whether in-order data is waiting to be read. */
    public boolean readable() {
        return consumed != contiguousEnd;
    }

    public long heldBytes() {
        return heldBytes;
    }

    /** Reads without verification (tests, null security). */
    public ByteBuffer read(int maxBytes) {
        try {
            return read(maxBytes, NO_VERIFY);
        } catch (RxSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Verifies and copies up to {@code maxBytes} of in-order data (whole packets, at least one)
     * into a new buffer, releasing the packets. Returns {@code null} if nothing is readable.
     */
    public ByteBuffer read(int maxBytes, PacketVerifier verifier) throws RxSecurityException {
        if (!readable()) {
            return null;
        }
        int total = 0;
        int end = consumed;
        while (end != contiguousEnd) {
            int len = verify(end & mask, verifier).readableBytes();
            if (total > 0 && total + len > maxBytes) {
                break;
            }
            total += len;
            end++;
        }
        ByteBuffer out = ByteBuffer.allocate(total);
        while (consumed != end) {
            ByteBuf b = ring[consumed & mask];
            int len = b.readableBytes();
            b.getBytes(b.readerIndex(), out.array(), out.arrayOffset() + out.position(), len);
            out.position(out.position() + len);
            releaseSlot(consumed & mask);
            consumed++;
        }
        out.flip();
        return out;
    }

    /** Moves all in-order data into {@code sink} unverified (tests, null security). */
    public int drainTo(java.io.ByteArrayOutputStream sink) {
        try {
            return drainTo(sink, NO_VERIFY);
        } catch (RxSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** Verifies and moves all in-order data into {@code sink} (whole-phase collection). */
    public int drainTo(java.io.ByteArrayOutputStream sink, PacketVerifier verifier) throws RxSecurityException {
        int moved = 0;
        while (consumed != contiguousEnd) {
            ByteBuf b = verify(consumed & mask, verifier);
            int len = b.readableBytes();
            if (b.hasArray()) {
                sink.write(b.array(), b.arrayOffset() + b.readerIndex(), len);
            } else {
                byte[] tmp = new byte[len];
                b.getBytes(b.readerIndex(), tmp);
                sink.write(tmp, 0, len);
            }
            releaseSlot(consumed & mask);
            moved += len;
            consumed++;
        }
        return moved;
    }

    /** Verifies the packet in {@code slot} once; afterwards its buffer's readable bytes are the user data. */
    private ByteBuf verify(int slot, PacketVerifier verifier) throws RxSecurityException {
        ByteBuf b = ring[slot];
        if ((annotations[slot] & ANNOTATION_VERIFIED) == 0) {
            int before = b.readableBytes();
            int offset = verifier.verify(headers[slot], b); // may also shorten b (padding)
            b.skipBytes(offset);
            heldBytes -= before - b.readableBytes();
            annotations[slot] |= (byte) ANNOTATION_VERIFIED;
        }
        return b;
    }

    /** The annotation of the packet with {@code seq} if held (tests, diagnostics), else -1. */
    public int annotation(int seq) {
        int slot = seq & mask;
        return ring[slot] != null && seq - consumed >= 0 && seq - consumed < ring.length ? annotations[slot] & 0xFF : -1;
    }

    private void releaseSlot(int slot) {
        ByteBuf b = ring[slot];
        heldBytes -= b.readableBytes();
        budget.release(b);
        b.release();
        ring[slot] = null;
        headers[slot] = null;
        annotations[slot] = 0;
    }

    /** Releases everything held (call ended). */
    public void clear() {
        for (int i = 0; i < ring.length; i++) {
            if (ring[i] != null) {
                budget.release(ring[i]);
                ring[i].release();
                ring[i] = null;
                headers[i] = null;
                annotations[i] = 0;
            }
        }
        heldBytes = 0;
    }

    private static final PacketVerifier NO_VERIFY = (h, p) -> 0;

    private static final byte[] EMPTY = new byte[0];
}
