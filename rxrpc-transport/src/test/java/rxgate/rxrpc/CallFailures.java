package rxgate.rxrpc;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/** Test helper: the {@link RxCallException} a call's future failed with. */
public final class CallFailures {
    private CallFailures() {
    }

    /** Waits up to {@code seconds} for {@code f} and returns its RxCallException; fails if it succeeded. */
    public static RxCallException of(CompletableFuture<?> f, long seconds) {
        try {
            f.orTimeout(seconds, TimeUnit.SECONDS).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RxCallException rx) {
                return rx;
            }
            throw e;
        }
        throw new AssertionError("the call succeeded");
    }
}
