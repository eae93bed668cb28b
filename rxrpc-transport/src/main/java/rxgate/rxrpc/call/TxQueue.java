package rxgate.rxrpc.call;

import io.netty.buffer.ByteBuf;

/**
 * The transmit ring of one call phase: packets from {@link #hardAckBase()} (lowest not yet
 * hard-ACKed) to {@link #nextSeq()} - 1 (last queued). Bounded by its capacity, which is what the
 * application's writes wait for. Sequence numbers start at 1 per phase. Confined to the endpoint's
 * event loop.
 */
public final class TxQueue {
    private final TxSegment[] ring;
    private final int mask;
    private int hardAckBase = 1;
    private int nextSeq = 1;
    private boolean lastQueued;

    /** @param capacity maximum packets held (rounded up to a power of two) */
    public TxQueue(int capacity) {
        int cap = Integer.highestOneBit(Math.max(4, capacity - 1)) << 1;
        ring = new TxSegment[cap];
        mask = cap - 1;
    }

    public int capacity() {
        return ring.length;
    }

    /** Packets held (queued or sent, not yet hard-ACKed). */
    public int size() {
        return nextSeq - hardAckBase;
    }

    public boolean hasRoom() {
        return size() < ring.length;
    }

    public int hardAckBase() {
        return hardAckBase;
    }

    public int nextSeq() {
        return nextSeq;
    }

    public boolean lastQueued() {
        return lastQueued;
    }

    /** Whether every packet including the last one has been hard-ACKed. */
    public boolean allAcked() {
        return lastQueued && hardAckBase == nextSeq;
    }

    /** Appends a packet; takes ownership of {@code payload}. */
    public TxSegment add(ByteBuf payload, boolean last) {
        if (!hasRoom()) {
            throw new IllegalStateException("transmit queue full");
        }
        if (lastQueued) {
            throw new IllegalStateException("packet after the last one");
        }
        TxSegment s = new TxSegment(nextSeq, payload, last);
        ring[nextSeq & mask] = s;
        nextSeq++;
        lastQueued = last;
        return s;
    }

    /** The segment with {@code seq}, or {@code null} if not held. */
    public TxSegment get(int seq) {
        if (seq - hardAckBase < 0 || seq - nextSeq >= 0) {
            return null;
        }
        return ring[seq & mask];
    }

    /**
     * Frees every packet below {@code firstPacket}; returns how many packets were newly
     * acknowledged that had not been soft-ACKed before.
     */
    public int hardAckBelow(int firstPacket) {
        int limit = firstPacket - nextSeq > 0 ? nextSeq : firstPacket;
        int newly = 0;
        while (hardAckBase - limit < 0) {
            TxSegment s = ring[hardAckBase & mask];
            ring[hardAckBase & mask] = null;
            if (!s.softAcked) {
                newly++;
            }
            s.payload.release();
            hardAckBase++;
        }
        return newly;
    }

    /** Releases every held packet (call ended). */
    public void clear() {
        while (hardAckBase != nextSeq) {
            TxSegment s = ring[hardAckBase & mask];
            ring[hardAckBase & mask] = null;
            if (s != null) {
                s.payload.release();
            }
            hardAckBase++;
        }
    }

    /** Forgets all transmission history (the call moves to another channel after BUSY). */
    public void resetTransmissions() {
        for (int seq = hardAckBase; seq != nextSeq; seq++) {
            TxSegment s = ring[seq & mask];
            s.transmissions = 0;
            s.lastSerial = 0;
            s.softAcked = false;
            s.lost = false;
        }
    }
}
