package rxgate.gateway.ops;

import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import rxgate.rxrpc.services.RpcCaller;

/**
 * The RxRPC calls one request makes, so that giving up on the request (its future cancelled by a
 * gRPC cancellation, or failed by its deadline) aborts the calls still running instead of leaving
 * them to their own time limits. Thread-safe.
 */
public final class RequestScope {
    private final Set<CompletableFuture<?>> calls = ConcurrentHashMap.newKeySet();
    private volatile boolean ended;

    /** {@code caller}, with each call it makes tracked in this scope. */
    public RpcCaller track(RpcCaller caller) {
        return request -> {
            CompletableFuture<byte[]> f = caller.call(request);
            if (ended) {
                f.cancel(false);
                return f;
            }
            calls.add(f);
            f.whenComplete((r, e) -> calls.remove(f));
            return f;
        };
    }

    /**
     * Ties the scope to the request's result: when {@code result} is cancelled or times out, the
     * calls still running are cancelled, which aborts them (RX_USER_ABORT to the server).
     */
    public <T> CompletableFuture<T> bind(CompletableFuture<T> result) {
        result.whenComplete((r, e) -> {
            Throwable c = GatewayErrors.unwrap(e);
            if (c instanceof CancellationException || c instanceof TimeoutException) {
                ended = true;
                for (CompletableFuture<?> f : Set.copyOf(calls)) {
                    f.cancel(false);
                }
            }
        });
        return result;
    }
}
