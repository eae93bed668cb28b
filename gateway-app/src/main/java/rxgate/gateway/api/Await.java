package rxgate.gateway.api;

import java.util.concurrent.CompletableFuture;

/**
 * Waits for an operation's result on the request's own thread. Request threads are virtual
 * ({@code spring.threads.virtual.enabled}), so waiting holds no platform thread, and a unary
 * request makes one pass through the servlet container instead of the two of an async dispatch.
 * Every operation's future is bounded by its time limit, so the wait is too. A failure is
 * rethrown as the CompletionException that {@link ProblemAdvice} turns into a problem document.
 */
final class Await {
    private Await() {
    }

    static <T> T result(CompletableFuture<T> operation) {
        return operation.join();
    }
}
