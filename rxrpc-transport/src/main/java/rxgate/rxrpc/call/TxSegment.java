package rxgate.rxrpc.call;

import io.netty.buffer.ByteBuf;

/**
 * One DATA packet of a call's transmit phase: its payload (kept until hard-ACKed) and its
 * transmission history. Confined to the endpoint's event loop.
 */
public final class TxSegment {
    final int seq;
    final ByteBuf payload;
    final boolean last;
    /** Serial of the latest transmission (0 = never sent). */
    int lastSerial;
    /** {@link System#nanoTime()} of the latest transmission. */
    long sentNanos;
    int transmissions;
    /** Soft-ACKed by the peer's latest ACK. */
    boolean softAcked;
    /** Declared lost: to be retransmitted when the window allows. */
    boolean lost;
    /** Sent inside a jumbogram but not as its last sub-packet (no RTT sample from it). */
    boolean jumboNonLast;

    TxSegment(int seq, ByteBuf payload, boolean last) {
        this.seq = seq;
        this.payload = payload;
        this.last = last;
    }

    public int seq() {
        return seq;
    }

    public boolean last() {
        return last;
    }

    public int length() {
        return payload.readableBytes();
    }

    boolean inFlight() {
        return transmissions > 0 && !softAcked && !lost;
    }
}
