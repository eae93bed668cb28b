package rxgate.rxrpc.services.perf;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs {@code count} rxperf operations with {@code concurrency} of them in flight at all times
 * (futures, no threads) and measures each: the numbers {@code rxgate-cli perf client} prints.
 */
public final class PerfRun {

    /** The outcome of a run. */
    public record Result(String mode, int calls, int concurrency, long bytes, long nanos, long[] latencyNanos,
            int failures, Throwable firstFailure) {

        public double callsPerSecond() {
            return calls * 1e9 / nanos;
        }

        public double megabytesPerSecond() {
            return bytes / 1e6 / (nanos / 1e9);
        }

        /** The {@code p}-th percentile latency in microseconds (0 &lt; p ≤ 100). */
        public double percentileMicros(double p) {
            if (latencyNanos.length == 0) {
                return 0;
            }
            long[] sorted = latencyNanos.clone();
            Arrays.sort(sorted);
            int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1000.0;
        }

        public String format() {
            return String.format("%s: %d calls, concurrency %d, %.3f s, %.0f calls/s, %.2f MB/s, "
                    + "latency p50 %.0f us, p90 %.0f us, p99 %.0f us, max %.0f us, failures %d",
                    mode, calls, concurrency, nanos / 1e9, callsPerSecond(), megabytesPerSecond(),
                    percentileMicros(50), percentileMicros(90), percentileMicros(99), percentileMicros(100), failures);
        }
    }

    private PerfRun() {
    }

    /** Runs {@code count} operations made by {@code op}, {@code concurrency} at a time. */
    public static CompletableFuture<Result> run(String mode, int count, int concurrency,
            Supplier<CompletableFuture<Long>> op) {
        long[] latency = new long[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        Throwable[] first = new Throwable[1];
        long[] bytes = new long[1];
        CompletableFuture<Result> done = new CompletableFuture<>();
        AtomicInteger finished = new AtomicInteger();
        long start = System.nanoTime();
        int lanes = Math.max(1, Math.min(concurrency, count));
        Object lock = new Object();
        Runnable[] lane = new Runnable[1];
        lane[0] = () -> {
            int i = next.getAndIncrement();
            if (i >= count) {
                return;
            }
            long t0 = System.nanoTime();
            op.get().whenComplete((n, err) -> {
                latency[i] = System.nanoTime() - t0;
                synchronized (lock) {
                    if (err != null) {
                        failures.incrementAndGet();
                        if (first[0] == null) {
                            first[0] = err;
                        }
                    } else {
                        bytes[0] += n;
                    }
                }
                if (finished.incrementAndGet() == count) {
                    done.complete(new Result(mode, count, lanes, bytes[0], System.nanoTime() - start, latency,
                            failures.get(), first[0]));
                } else {
                    lane[0].run();
                }
            });
        };
        if (count == 0) {
            done.complete(new Result(mode, 0, lanes, 0, 1, new long[0], 0, null));
        }
        for (int i = 0; i < lanes; i++) {
            lane[0].run();
        }
        return done;
    }
}
