package rxgate.gateway.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;
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
    private static final int VL_SERVICE = 52;
    /** A caller stops after this many failed calls in all (no busy loop on a dead server). */
    private static final long MAX_ERRORS = 1000;

    private DirectLoad() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = LoadLanes.options(args);
        String[] server = o.getOrDefault("server", "127.0.0.1:7003").split(":");
        InetAddress host = InetAddress.getByName(server[0]);
        if (!host.isLoopbackAddress()) {
            throw new IllegalArgumentException("--server must be a loopback address, not " + server[0]);
        }
        int port = Integer.parseInt(server[1]);
        String volume = o.getOrDefault("volume", "root.cell");
        int concurrency = LoadLanes.bounded(Integer.parseInt(o.getOrDefault("concurrency", "1")),
                LoadLanes.MAX_CONCURRENCY, "concurrency");
        Duration duration = LoadLanes.duration(o.getOrDefault("duration", "10s"));
        Duration warmup = LoadLanes.duration(o.getOrDefault("warmup", "2s"));
        long maxRequests = Long.parseLong(o.getOrDefault("max-requests", "10000000"));
        LoadLanes.checkTimes(duration, warmup);
        int code;
        try (RxEndpoint ep = RxEndpoint.builder().build()) {
            RxClient client = ep.client(new InetSocketAddress(host, port), VL_SERVICE, NullSecurity.INSTANCE,
                    ep.defaultCallOptions());
            VlClient vl = new VlClient(RpcCaller.of(client));
            LoadLanes.run(concurrency, warmup, Long.MAX_VALUE, MAX_ERRORS, null, lanes(vl, volume));
            Recorder recorder = new Recorder(LoadLanes.HIGHEST_MICROS, 3);
            LoadLanes.Result r = LoadLanes.run(concurrency, duration, maxRequests, MAX_ERRORS, recorder,
                    lanes(vl, volume));
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

    /** Each lane's calls: VL_GetEntryByNameN of {@code volume}, answered with that very entry. */
    static IntFunction<Supplier<CompletableFuture<?>>> lanes(VlClient vl, String volume) {
        return i -> () -> vl.getEntryByName(volume).orTimeout(10, TimeUnit.SECONDS).thenApply(e -> {
            if (!volume.equals(e.name())) {
                throw new IllegalStateException("VL entry " + e.name() + " for " + volume);
            }
            return e;
        });
    }
}
