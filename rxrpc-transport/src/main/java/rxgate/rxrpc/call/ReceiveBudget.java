package rxgate.rxrpc.call;

import io.netty.buffer.ByteBuf;

/**
 * Bounds the memory that received DATA held for applications may pin. A packet is normally kept
 * as a slice of the datagram it arrived in (no copy, as the kernel keeps the skb), which pins the
 * whole receive buffer (16 KiB); past the budget, new packets are copied into buffers of their
 * own size instead, so memory stays proportional to the data held. Confined to the event loop.
 */
public final class ReceiveBudget {
    private final long limitBytes;
    private long usedBytes;
    private long copies;

    public ReceiveBudget(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    /**
     * Returns what to hold for {@code slice} (a retained slice of a received datagram): the slice
     * itself, or, over budget, a right-sized copy (the slice is then released). Charges it.
     */
    public ByteBuf hold(ByteBuf slice) {
        long cost = cost(slice);
        if (usedBytes + cost > limitBytes && cost > slice.readableBytes()) {
            ByteBuf copy = slice.alloc().heapBuffer(slice.readableBytes(), slice.readableBytes());
            copy.writeBytes(slice, slice.readerIndex(), slice.readableBytes());
            slice.release();
            copies++;
            usedBytes += cost(copy);
            return copy;
        }
        usedBytes += cost;
        return slice;
    }

    /** Returns the charge of a held buffer (call before releasing it). */
    public void release(ByteBuf held) {
        usedBytes -= cost(held);
    }

    /** Memory a held buffer pins: its whole underlying buffer when it is a slice. */
    static long cost(ByteBuf b) {
        ByteBuf parent = b.unwrap();
        return parent != null ? parent.capacity() : b.capacity();
    }

    public long usedBytes() {
        return usedBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }

    /** Packets copied because the budget was exhausted. */
    public long copies() {
        return copies;
    }
}
