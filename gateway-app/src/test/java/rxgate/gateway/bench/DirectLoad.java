package rxgate.gateway.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import rxgate.rxrpc.RxClient;
import rxgate.rxrpc.RxEndpoint;
import rxgate.rxrpc.security.NullSecurity;
import rxgate.rxrpc.services.RpcCaller;
import rxgate.rxrpc.services.vl.VlClient;

/**
 * The direct counterpart of {@link GrpcLoad} for the gateway benchmark: the same VLDB lookup
 * (VL_GetEntryByNameN) made with the rxgate client API ({@code RxEndpoint} + {@code VlClient}, rxnull)
 * straight to a VL server, e.g. the gateway's embedded demo cell. {@code concurrency} calls are
 * outstanding at all times: each of the callers starts its next call from the completion of its
 * previous one, for {@code duration} or until {@code max-requests} calls in all, whichever comes
 * first, after an unmeasured warm-up period. Every answer's name is checked. Prints one line in the
 * format of GrpcLoad: requests/s, p50 and p99 latency (µs), errors.
 *
 * <p>Loopback only: it refuses any server that is not a loopback address. Bounded: duration at
 * most 10 minutes, concurrency at most 1024.
 *
 * <pre>
 * DirectLoad --server 127.0.0.1:PORT --volume root.cell --concurrency 16 --duration 10s --warmup 2s \
 *            --max-requests 2000000
 * </pre>
 */
public final class DirectLoad {
    private static final Duration MAX_DURATION = Duration.ofMinutes(10);
    private static final int MAX_CONCURRENCY = 1024;
    private static final int VL_SERVICE = 52;
    private static final long HIGHEST_MICROS = 60_000_000L;
    /** A caller stops after this many failed calls in all (no busy loop on a dead server). */
    private static final long MAX_ERRORS = 1000;

    private DirectLoad() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String[] server = o.getOrDefault("server", "127.0.0.1:7003").split(":");
        InetAddress host = InetAddress.getByName(server[0]);
        if (!host.isLoopbackAddress()) {
            throw new IllegalArgumentException("--server must be a loopback address, not " + server[0]);
        }
        int port = Integer.parseInt(server[1]);
        String volume = o.getOrDefault("volume", "root.cell");
        int concurrency = Integer.parseInt(o.getOrDefault("concurrency", "1"));
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("--concurrency: 1.." + MAX_CONCURRENCY);
        }
        Duration duration = GrpcLoad.duration(o.getOrDefault("duration", "10s"));
        Duration warmup = GrpcLoad.duration(o.getOrDefault("warmup", "2s"));
        long maxRequests = Long.parseLong(o.getOrDefault("max-requests", "10000000"));
        if (duration.compareTo(MAX_DURATION) > 0 || warmup.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("--duration/--warmup: at most " + MAX_DURATION);
        }
        int code;
        try (RxEndpoint ep = RxEndpoint.builder().build()) {
            RxClient client = ep.client(new InetSocketAddress(host, port), VL_SERVICE, NullSecurity.INSTANCE,
                    ep.defaultCallOptions());
            VlClient vl = new VlClient(RpcCaller.of(client));
            run(vl, volume, concurrency, warmup, Long.MAX_VALUE, null);
            Recorder recorder = new Recorder(HIGHEST_MICROS, 3);
            GrpcLoad.Result r = run(vl, volume, concurrency, duration, maxRequests, recorder);
            Histogram h = recorder.getIntervalHistogram();
            double seconds = r.elapsedNanos() / 1e9;
            System.out.printf("direct VL_GetEntryByNameN server=%s:%d concurrency=%d requests=%d errors=%d "
                    + "seconds=%.2f requests/s=%.0f p50_us=%d p99_us=%d%n", host.getHostAddress(), port,
                    concurrency, r.ok(), r.errors(), seconds, r.ok() / seconds, h.getValueAtPercentile(50),
                    h.getValueAtPercentile(99));
            if (r.firstError() != null) {
                System.out.println("first error: " + r.firstError());
            }
            code = r.errors() == 0 && r.ok() > 0 ? 0 : 1;
        }
        System.out.flush();
        System.exit(code);
    }

    /** Runs the callers until the time is up or maxRequests calls were started; records latencies if asked. */
    static GrpcLoad.Result run(VlClient vl, String volume, int concurrency, Duration time, long maxRequests,
            Recorder recorder) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + time.toNanos();
        AtomicLong started = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Throwable[] firstError = new Throwable[1];
        CountDownLatch finished = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            new Runnable() {
                @Override
                public void run() {
                    if (System.nanoTime() >= end || started.incrementAndGet() > maxRequests
                            || errors.get() >= MAX_ERRORS) {
                        finished.countDown();
                        return;
                    }
                    long t0 = System.nanoTime();
                    vl.getEntryByName(volume).orTimeout(10, TimeUnit.SECONDS).whenComplete((e, t) -> {
                        long t1 = System.nanoTime();
                        if (t == null && !volume.equals(e.name())) {
                            t = new IllegalStateException("VL entry " + e.name() + " for " + volume);
                        }
                        if (t != null) {
                            errors.incrementAndGet();
                            synchronized (firstError) {
                                if (firstError[0] == null) {
                                    firstError[0] = t;
                                }
                            }
                        } else {
                            if (recorder != null) {
                                recorder.recordValue(Math.min(HIGHEST_MICROS, (t1 - t0) / 1000));
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
        return new GrpcLoad.Result(ok.get(), errors.get(), System.nanoTime() - start, firstError[0]);
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
