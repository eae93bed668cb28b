package rxgate.gateway.ops;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import java.util.function.Supplier;
import rxgate.gateway.ops.GatewayException.Kind;

/**
 * Retries of idempotent read calls (VL and PT lookups, file status and directory reads), with the
 * Resilience4j retry named {@code rxRead} ({@code resilience4j.retry.instances.rxRead.*}). Only
 * transient failures are retried ({@link Transient}); writes never go through here.
 */
public final class ReadRetry {
    public static final String NAME = "rxRead";
    private final Retry retry;
    private final ScheduledExecutorService scheduler;

    public ReadRetry(RetryRegistry registry, ScheduledExecutorService scheduler) {
        this.retry = registry.retry(NAME);
        this.scheduler = scheduler;
    }

    /** Runs {@code call}, again after a backoff while it fails transiently and attempts remain. */
    public <T> CompletableFuture<T> run(Supplier<CompletableFuture<T>> call) {
        return retry.executeCompletionStage(scheduler, call::get).toCompletableFuture();
    }

    /**
     * The retry predicate for {@code retry-exception-predicate}: the server was busy, unavailable
     * or timed out (after ubik's fail-over over every server), not an answer like "no such entry".
     */
    public static final class Transient implements Predicate<Throwable> {
        @Override
        public boolean test(Throwable t) {
            Kind k = GatewayErrors.classify(t).kind();
            return k == Kind.BUSY || k == Kind.UNAVAILABLE || k == Kind.TIMEOUT;
        }
    }
}
