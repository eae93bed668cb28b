package rxgate.gateway.bench;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;
import rxgate.gateway.grpc.v1.GetVolumeRequest;
import rxgate.gateway.grpc.v1.Volume;
import rxgate.gateway.grpc.v1.VolumeServiceGrpc;

/**
 * gRPC load client for the gateway benchmark: {@code concurrency} callers, spread over
 * {@code channels} HTTP/2 connections, each making VolumeService.GetVolume calls back to back
 * (the next as soon as the previous answers) for {@code duration} or until {@code max-requests}
 * calls in all, whichever comes first. A warm-up period is run first and not measured. Prints one
 * line: requests/s, p50 and p99 latency (µs), errors.
 *
 * <p>Loopback only: it refuses any target that is not a loopback address. Bounded: duration at
 * most 10 minutes, concurrency at most 1024.
 *
 * <pre>
 * GrpcLoad --target 127.0.0.1:9090 --cell demo.rxgate --volume root.cell \
 *          --concurrency 16 --channels 16 --duration 10s --warmup 2s --max-requests 2000000
 * </pre>
 */
public final class GrpcLoad {
    private static final Duration MAX_DURATION = Duration.ofMinutes(10);
    private static final int MAX_CONCURRENCY = 1024;
    /** Latencies above this (1 minute) are clamped; 3 significant digits. */
    private static final long HIGHEST_MICROS = 60_000_000L;

    private GrpcLoad() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String[] target = o.getOrDefault("target", "127.0.0.1:9090").split(":");
        InetAddress host = InetAddress.getByName(target[0]);
        if (!host.isLoopbackAddress()) {
            throw new IllegalArgumentException("--target must be a loopback address, not " + target[0]);
        }
        int port = Integer.parseInt(target[1]);
        String cell = o.getOrDefault("cell", "demo.rxgate");
        String volume = o.getOrDefault("volume", "root.cell");
        int concurrency = bounded(Integer.parseInt(o.getOrDefault("concurrency", "1")), MAX_CONCURRENCY, "concurrency");
        int channels = bounded(Integer.parseInt(o.getOrDefault("channels", "1")), concurrency, "channels");
        Duration duration = duration(o.getOrDefault("duration", "10s"));
        Duration warmup = duration(o.getOrDefault("warmup", "2s"));
        long maxRequests = Long.parseLong(o.getOrDefault("max-requests", "10000000"));
        if (duration.compareTo(MAX_DURATION) > 0 || warmup.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("--duration/--warmup: at most " + MAX_DURATION);
        }

        List<ManagedChannel> pool = new ArrayList<>();
        for (int i = 0; i < channels; i++) {
            pool.add(NettyChannelBuilder.forAddress(host.getHostAddress(), port).usePlaintext().build());
        }
        GetVolumeRequest request = GetVolumeRequest.newBuilder().setCell(cell).setNameOrId(volume).build();
        try {
            run(pool, request, concurrency, warmup, Long.MAX_VALUE, null);
            Recorder recorder = new Recorder(HIGHEST_MICROS, 3);
            Result r = run(pool, request, concurrency, duration, maxRequests, recorder);
            Histogram h = recorder.getIntervalHistogram();
            double seconds = r.elapsedNanos / 1e9;
            System.out.printf("grpc GetVolume target=%s:%d concurrency=%d channels=%d requests=%d errors=%d "
                    + "seconds=%.2f requests/s=%.0f p50_us=%d p99_us=%d%n", host.getHostAddress(), port, concurrency,
                    channels, r.ok, r.errors, seconds, r.ok / seconds, h.getValueAtPercentile(50),
                    h.getValueAtPercentile(99));
            if (r.firstError != null) {
                System.out.println("first error: " + r.firstError);
            }
        } finally {
            for (ManagedChannel c : pool) {
                c.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    record Result(long ok, long errors, long elapsedNanos, Throwable firstError) {
    }

    /** Runs the callers until the time is up or maxRequests calls were started; records latencies if asked. */
    static Result run(List<ManagedChannel> pool, GetVolumeRequest request, int concurrency, Duration time,
            long maxRequests, Recorder recorder) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + time.toNanos();
        AtomicLong started = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Throwable[] firstError = new Throwable[1];
        CountDownLatch finished = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            VolumeServiceGrpc.VolumeServiceStub stub = VolumeServiceGrpc.newStub(pool.get(i % pool.size()));
            new Runnable() {
                @Override
                public void run() {
                    if (System.nanoTime() >= end || started.incrementAndGet() > maxRequests) {
                        finished.countDown();
                        return;
                    }
                    long t0 = System.nanoTime();
                    stub.withDeadlineAfter(10, TimeUnit.SECONDS).getVolume(request, new StreamObserver<Volume>() {
                        @Override
                        public void onNext(Volume v) {
                        }

                        @Override
                        public void onError(Throwable t) {
                            errors.incrementAndGet();
                            synchronized (firstError) {
                                if (firstError[0] == null) {
                                    firstError[0] = t;
                                }
                            }
                            run();
                        }

                        @Override
                        public void onCompleted() {
                            if (recorder != null) {
                                recorder.recordValue(Math.min(HIGHEST_MICROS, (System.nanoTime() - t0) / 1000));
                            }
                            ok.incrementAndGet();
                            run();
                        }
                    });
                }
            }.run();
        }
        if (!finished.await(time.toSeconds() + 30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("callers did not finish");
        }
        return new Result(ok.get(), errors.get(), System.nanoTime() - start, firstError[0]);
    }

    private static int bounded(int v, int max, String name) {
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

    private static Map<String, String> options(String[] args) {
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
