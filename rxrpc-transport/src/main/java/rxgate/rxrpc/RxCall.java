package rxgate.rxrpc;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * One Rx call seen from the application: a request stream out, a reply stream in.
 *
 * <p>Threading: any thread may call these methods; the call's protocol state lives on the
 * endpoint's event loop and these methods only post commands to it. Futures complete on the
 * event loop: do not block in their callbacks.
 */
public interface RxCall {

    /**
     * Queues request bytes. The returned future completes when the bytes have been taken into
     * the call's transmit queue, which is bounded (a few transmit windows): wait for it before
     * sending more (backpressure). {@code last} ends the request phase. The buffer is copied.
     */
    CompletableFuture<Void> send(ByteBuffer data, boolean last);

    /**
     * Reads the next chunk of the reply stream, in order. Completes with an empty buffer at the
     * end of the reply; never with an empty buffer before that. Only one read may be outstanding.
     * Reply data not yet read is held in a bounded receive window, so a slow reader slows the
     * sender (flow control) instead of filling memory.
     */
    CompletableFuture<ByteBuffer> receive();

    /** Aborts the call with {@code code} (sent to the peer); pending futures fail. Idempotent. */
    void abort(int code);

    /**
     * Completes normally when the call has ended successfully (reply fully read), exceptionally
     * with {@link RxCallException} otherwise.
     */
    CompletableFuture<Void> completion();
}
