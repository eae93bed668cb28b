package rxgate.rxrpc.call;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.buffer.ByteBuf;
import rxgate.rxrpc.RxStats;
import rxgate.rxrpc.peer.Peer;

/**
 * What a call needs from its endpoint: the I/O thread, the clock, buffers, the socket and the
 * channel allocator. Implemented by the endpoint; all methods are called on its event loop.
 */
public interface CallHost {

    EventLoop eventLoop();

    long nanoTime();

    ByteBufAllocator alloc();

    RxStats stats();

    /** Sub-packets per jumbogram we advertise and send at most (1 = jumbograms off). */
    int jumboMax();

    /** The endpoint's bound on memory pinned by received data. */
    ReceiveBudget receiveBudget();

    /** Sends one datagram to {@code peer}; takes ownership of {@code datagram}. */
    void send(Peer peer, ByteBuf datagram, int type);

    /** The call has left its channel (ended, or moving after BUSY): hand the channel on. */
    void releaseChannel(Call call);

    /**
     * The server said BUSY: find the call another channel after {@code delayNanos} (it has been
     * detached already).
     */
    void requeueAfterBusy(Call call, long delayNanos);

    /** The call has ended; forget it. */
    void callEnded(Call call);

    /**
     * A received packet of {@code call} failed its security check: as OpenAFS, the whole connection
     * is aborted with the code (a tampered packet may be an attempt to hijack it). The packet is
     * never delivered. The default only aborts the call.
     */
    default void securityFailure(Call call, rxgate.rxrpc.security.RxSecurityException e) {
        call.abortLocally(e.abortCode(), e.getMessage());
    }

    /** The peer looks dead: stop reusing the connection. */
    void retireConnection(Call call);
}
