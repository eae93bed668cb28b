package rxgate.gateway.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.HdrHistogram.Recorder;

/**
 * What the benchmark's load clients ({@link DirectLoad}, {@link GrpcLoad}) share: {@code --name
 * value} options with their bounds, and the lanes: each of {@code concurrency} callers makes its
 * next call as soon as the previous one ends, until the time is up or {@code maxRequests} calls
 * were started, recording latencies.
 */
final class LoadLanes {
    static final Duration MAX_DURATION = Duration.ofMinutes(10);
    static final int MAX_CONCURRENCY = 1024;
    /** Latencies above this (1 minute) are clamped; 3 significant digits. */
    static final long HIGHEST_MICROS = 60_000_000L;

    private LoadLanes() {
    }

    /** What a run did. */
    record Result(long ok, long errors, long elapsedNanos, Throwable firstError) {
    }

    /**
     * Runs the lanes; lane {@code i} makes its calls with {@code lanes.apply(i)}. A lane stops
     * early once {@code maxErrors} calls have failed in all. Latencies of successful calls go to
     * {@code recorder} if it is not null.
     */
    static Result run(int concurrency, Duration time, long maxRequests, long maxErrors, Recorder recorder,
            IntFunction<Supplier<CompletableFuture<?>>> lanes) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + time.toNanos();
        AtomicLong started = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Throwable[] firstError = new Throwable[1];
        CountDownLatch finished = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            Supplier<CompletableFuture<?>> call = lanes.apply(i);
            new Runnable() {
                @Override
                public void run() {
                    if (System.nanoTime() >= end || started.incrementAndGet() > maxRequests
                            || errors.get() >= maxErrors) {
                        finished.countDown();
                        return;
                    }
                    long t0 = System.nanoTime();
                    call.get().whenComplete((v, t) -> {
                        if (t != null) {
                            errors.incrementAndGet();
                            synchronized (firstError) {
                                if (firstError[0] == null) {
                                    firstError[0] = t;
                                }
                            }
                        } else {
                            if (recorder != null) {
                                recorder.recordValue(Math.min(HIGHEST_MICROS, (System.nanoTime() - t0) / 1000));
                            }
                            ok.incrementAndGet();
                        }
                        run();
                    });
                }
            }.run();
        }
        if (!finished.await(time.toSeconds() + 30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("callers did not finish");
        }
        return new Result(ok.get(), errors.get(), System.nanoTime() - start, firstError[0]);
    }

    /** {@code v} if in 1..max, else a usage error naming the option. */
    static int bounded(int v, int max, String name) {
        if (v < 1 || v > max) {
            throw new IllegalArgumentException("--" + name + ": 1.." + max);
        }
        return v;
    }

    /** 500ms, 10s, 2m. */
    static Duration duration(String s) {
        if (s.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
        }
        long n = Long.parseLong(s.substring(0, s.length() - 1));
        return switch (s.charAt(s.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            default -> throw new IllegalArgumentException("a duration like 500ms, 10s or 2m: " + s);
        };
    }

    /** Refuses a duration or warm-up over {@link #MAX_DURATION}. */
    static void checkTimes(Duration duration, Duration warmup) {
        if (duration.compareTo(MAX_DURATION) > 0 || warmup.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("--duration/--warmup: at most " + MAX_DURATION);
        }
    }

    /** {@code --name value} pairs. */
    static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("options are --name value pairs: " + String.join(" ", args));
            }
            o.put(args[i].substring(2), args[++i]);
        }
        return o;
    }
}
