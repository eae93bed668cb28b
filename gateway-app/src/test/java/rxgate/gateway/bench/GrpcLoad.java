package rxgate.gateway.bench;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
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
    private GrpcLoad() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = LoadLanes.options(args);
        String[] target = o.getOrDefault("target", "127.0.0.1:9090").split(":");
        InetAddress host = InetAddress.getByName(target[0]);
        if (!host.isLoopbackAddress()) {
            throw new IllegalArgumentException("--target must be a loopback address, not " + target[0]);
        }
        int port = Integer.parseInt(target[1]);
        String cell = o.getOrDefault("cell", "demo.rxgate");
        String volume = o.getOrDefault("volume", "root.cell");
        int concurrency = LoadLanes.bounded(Integer.parseInt(o.getOrDefault("concurrency", "1")), LoadLanes.MAX_CONCURRENCY,
                "concurrency");
        int channels = LoadLanes.bounded(Integer.parseInt(o.getOrDefault("channels", "1")), concurrency, "channels");
        Duration duration = LoadLanes.duration(o.getOrDefault("duration", "10s"));
        Duration warmup = LoadLanes.duration(o.getOrDefault("warmup", "2s"));
        long maxRequests = Long.parseLong(o.getOrDefault("max-requests", "10000000"));
        LoadLanes.checkTimes(duration, warmup);

        List<ManagedChannel> pool = new ArrayList<>();
        for (int i = 0; i < channels; i++) {
            pool.add(NettyChannelBuilder.forAddress(host.getHostAddress(), port).usePlaintext().build());
        }
        GetVolumeRequest request = GetVolumeRequest.newBuilder().setCell(cell).setNameOrId(volume).build();
        try {
            LoadLanes.run(concurrency, warmup, Long.MAX_VALUE, Long.MAX_VALUE, null, lanes(pool, request));
            Recorder recorder = new Recorder(LoadLanes.HIGHEST_MICROS, 3);
            LoadLanes.Result r = LoadLanes.run(concurrency, duration, maxRequests, Long.MAX_VALUE, recorder, lanes(pool, request));
            Histogram h = recorder.getIntervalHistogram();
            double seconds = r.elapsedNanos() / 1e9;
            System.out.printf("grpc GetVolume target=%s:%d concurrency=%d channels=%d requests=%d errors=%d "
                    + "seconds=%.2f requests/s=%.0f p50_us=%d p99_us=%d%n", host.getHostAddress(), port, concurrency,
                    channels, r.ok(), r.errors(), seconds, r.ok() / seconds, h.getValueAtPercentile(50),
                    h.getValueAtPercentile(99));
            if (r.firstError() != null) {
                System.out.println("first error: " + r.firstError());
            }
        } finally {
            for (ManagedChannel c : pool) {
                c.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    /** Each lane's calls: GetVolume on its channel, as a future. */
    static IntFunction<Supplier<CompletableFuture<?>>> lanes(List<ManagedChannel> pool, GetVolumeRequest request) {
        return i -> {
            VolumeServiceGrpc.VolumeServiceStub stub = VolumeServiceGrpc.newStub(pool.get(i % pool.size()));
            return () -> {
                CompletableFuture<Volume> done = new CompletableFuture<>();
                stub.withDeadlineAfter(10, TimeUnit.SECONDS).getVolume(request, new StreamObserver<Volume>() {
                    @Override
                    public void onNext(Volume v) {
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        done.complete(null);
                    }
                });
                return done;
            };
        };
    }
}
