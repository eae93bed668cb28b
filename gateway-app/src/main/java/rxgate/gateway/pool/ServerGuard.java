package rxgate.gateway.pool;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.InetSocketAddress;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import rxgate.gateway.ops.GatewayErrors;
import rxgate.rxrpc.CallCompletion;
import rxgate.rxrpc.RxCallException;
import rxgate.rxrpc.errors.AfsErrors;
import rxgate.rxrpc.services.ubik.UbikCaller;

/**
 * Admission to one server: its circuit breaker (a server that keeps failing is skipped and
 * probed back), its bulkhead (calls in progress at once), and counts for metrics and health.
 * Shared by every connection key to that server. Thread-safe.
 */
public final class ServerGuard {
    private final InetSocketAddress server;
    private final CircuitBreaker breaker;
    private final Bulkhead bulkhead;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong serverFaults = new AtomicLong();

    ServerGuard(InetSocketAddress server, CircuitBreaker breaker, Bulkhead bulkhead) {
        this.server = server;
        this.breaker = breaker;
        this.bulkhead = bulkhead;
    }

    /** A granted admission: {@link #done} must be called exactly once. */
    public final class Permit {
        private final long startNanos = System.nanoTime();

        private Permit() {
        }

        /** Ends the call: frees the bulkhead slot and tells the breaker how it went. */
        public void done(Throwable failure) {
            long nanos = System.nanoTime() - startNanos;
            inFlight.decrementAndGet();
            bulkhead.onComplete();
            Throwable c = failure == null ? null : GatewayErrors.unwrap(failure);
            if (c instanceof CancellationException || isOurAbort(c)) {
                breaker.releasePermission(); // we gave up: says nothing about the server
            } else if (c != null && isServerFault(c)) {
                serverFaults.incrementAndGet();
                breaker.onError(nanos, TimeUnit.NANOSECONDS, c);
            } else {
                breaker.onSuccess(nanos, TimeUnit.NANOSECONDS); // an answer, even an error one
            }
        }

        public long elapsedNanos() {
            return System.nanoTime() - startNanos;
        }
    }

    /** Admits one call, or throws CallNotPermittedException / BulkheadFullException. */
    public Permit acquire() {
        if (!breaker.tryAcquirePermission()) {
            rejected.incrementAndGet();
            throw CallNotPermittedException.createCallNotPermittedException(breaker);
        }
        if (!bulkhead.tryAcquirePermission()) {
            breaker.releasePermission();
            rejected.incrementAndGet();
            throw BulkheadFullException.createBulkheadFullException(bulkhead);
        }
        inFlight.incrementAndGet();
        calls.incrementAndGet();
        return new Permit();
    }

    /** Whether {@code t} (possibly wrapped) is this guard's refusal: breaker open or bulkhead full. */
    public static boolean isRefusal(Throwable t) {
        Throwable c = GatewayErrors.unwrap(t);
        return c instanceof CallNotPermittedException || c instanceof BulkheadFullException;
    }

    /** Failures that say the server (or the path to it) is unwell: what ubik fails over on. */
    static boolean isServerFault(Throwable c) {
        return UbikCaller.isFailoverError(c);
    }

    private static boolean isOurAbort(Throwable c) {
        return c instanceof RxCallException rx && rx.code() == AfsErrors.RX_USER_ABORT
                && rx.completion() != CallCompletion.REMOTELY_ABORTED;
    }

    public InetSocketAddress server() {
        return server;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    public Bulkhead bulkhead() {
        return bulkhead;
    }

    /** Calls admitted and not yet done. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Calls admitted since start. */
    public long calls() {
        return calls.get();
    }

    /** Calls refused by the breaker or the bulkhead since start. */
    public long rejected() {
        return rejected.get();
    }

    /** Calls that ended with a server fault (network, timeout, Rx-level abort) since start. */
    public long serverFaults() {
        return serverFaults.get();
    }
}
