package rxgate.rxrpc.call;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;

/**
 * The receive ring of one call phase: DATA payloads by sequence number, deduplicated and held
 * until the application reads them. Everything received in order is hard-ACKed at once (as the
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

    private final ByteBuf[] ring;
    private final int mask;
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
        if (Integer.bitCount(capacity) != 1 || capacity < 4 || capacity > 256) {
            throw new IllegalArgumentException("capacity must be a power of two in 4..256");
        }
        ring = new ByteBuf[capacity];
        mask = capacity - 1;
    }

    /**
     * Files one packet. On {@link Insert#IN_ORDER} and {@link Insert#OUT_OF_SEQUENCE} the window
     * takes ownership of {@code payload}; otherwise the caller keeps it.
     */
    public Insert insert(int seq, ByteBuf payload, boolean last) {
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
        ring[slot] = payload;
        heldBytes += payload.readableBytes();
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

    /**
     * Copies up to {@code maxBytes} of in-order data (whole packets, at least one) into a new
     * buffer, releasing the packets. Returns {@code null} if nothing is readable.
     */
    public ByteBuffer read(int maxBytes) {
        if (!readable()) {
            return null;
        }
        int total = 0;
        int end = consumed;
        while (end != contiguousEnd) {
            int len = ring[end & mask].readableBytes();
            if (total > 0 && total + len > maxBytes) {
                break;
            }
            total += len;
            end++;
        }
        ByteBuffer out = ByteBuffer.allocate(total);
        while (consumed != end) {
            drainOne(out);
        }
        out.flip();
        return out;
    }

    /** Moves all in-order data into {@code sink} (whole-reply collection), releasing packets. */
    public int drainTo(java.io.ByteArrayOutputStream sink) {
        int moved = 0;
        while (consumed != contiguousEnd) {
            ByteBuf b = ring[consumed & mask];
            ring[consumed & mask] = null;
            int len = b.readableBytes();
            if (b.hasArray()) {
                sink.write(b.array(), b.arrayOffset() + b.readerIndex(), len);
            } else {
                byte[] tmp = new byte[len];
                b.getBytes(b.readerIndex(), tmp);
                sink.write(tmp, 0, len);
            }
            b.release();
            heldBytes -= len;
            moved += len;
            consumed++;
        }
        return moved;
    }

    private void drainOne(ByteBuffer out) {
        ByteBuf b = ring[consumed & mask];
        ring[consumed & mask] = null;
        int len = b.readableBytes();
        b.getBytes(b.readerIndex(), out.array(), out.arrayOffset() + out.position(), len);
        out.position(out.position() + len);
        b.release();
        heldBytes -= len;
        consumed++;
    }

    /** Releases everything held (call ended). */
    public void clear() {
        for (int i = 0; i < ring.length; i++) {
            if (ring[i] != null) {
                ring[i].release();
                ring[i] = null;
            }
        }
        heldBytes = 0;
    }

    private static final byte[] EMPTY = new byte[0];
}
