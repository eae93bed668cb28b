package rxgate.gateway.health;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import rxgate.gateway.pool.ServerGuard;
import rxgate.rxrpc.RxCallException;
import rxgate.rxrpc.RxClient;
import rxgate.rxrpc.errors.AfsErrors;
import rxgate.rxrpc.services.RpcCaller;
import rxgate.rxrpc.services.RpcCalls;
import rxgate.rxrpc.services.vl.VlClient;

/**
 * Health of one VL database server: the result of the latest VL_ProbeServer, cached. Reading
 * it never blocks: a stale result triggers a new probe in the background and the cached one is
 * reported meanwhile (UNKNOWN before the first probe ends); {@link #probe} is also called on a
 * schedule, so the server is probed whether or not anyone reads its health.
 *
 * <p>The probe goes through the server's guard (the pooled client with its circuit breaker), so
 * its outcome counts like any call: probes of a dead server open its breaker, and once the
 * breaker lets trial calls through again, probes of the recovered server close it, even when
 * the ubik fail-over sends no request there. When the guard refuses the probe (breaker open,
 * bulkhead full), the probe goes straight to the server instead, so the health still says how
 * the server is. Takes plain constructor arguments.
 */
public class DbServerHealthIndicator implements HealthIndicator {
    private final InetSocketAddress server;
    private final VlClient guarded;
    private final VlClient direct;
    private final Duration ttl;
    private final Clock clock;
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile Health last = Health.unknown().withDetail("reason", "not probed yet").build();
    private volatile Instant lastProbe = Instant.EPOCH;

    private final Supplier<String> circuit;

    /**
     * Probes {@code server} at most every {@code ttl} through {@code guarded} (its pooled client,
     * guarded by its circuit breaker), or through {@code direct} (unguarded) when the guard
     * refuses; {@code circuit} gives the state of the breaker, shown in the details.
     */
    public DbServerHealthIndicator(InetSocketAddress server, RxClient guarded, RxClient direct, Duration ttl,
            Clock clock, Supplier<String> circuit) {
        this.server = server;
        this.circuit = circuit;
        this.guarded = new VlClient(RpcCaller.of(guarded));
        this.direct = new VlClient(RpcCaller.of(direct));
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public Health health() {
        if (Duration.between(lastProbe, clock.instant()).compareTo(ttl) >= 0) {
            probe();
        }
        Health h = last;
        return Health.status(h.getStatus()).withDetails(h.getDetails()).withDetail("circuitBreaker", circuit.get())
                .build();
    }

    /** Starts a probe unless one is running. */
    public void probe() {
        if (!probing.compareAndSet(false, true)) {
            return;
        }
        long t0 = System.nanoTime();
        CompletableFuture<Void> p;
        try {
            p = guarded.probe().exceptionallyCompose(e -> ServerGuard.isRefusal(e) ? direct.probe()
                    : CompletableFuture.failedFuture(e));
        } catch (RuntimeException e) {
            p = CompletableFuture.failedFuture(e);
        }
        p.orTimeout(ttl.toMillis(), TimeUnit.MILLISECONDS).whenComplete((v, err) -> {
            long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - t0);
            Health.Builder b = err == null ? Health.up() : Health.down();
            b.withDetail("server", server.getAddress().getHostAddress() + ":" + server.getPort())
                    .withDetail("probe", "VL_ProbeServer");
            if (err == null) {
                b.withDetail("latencyMicros", micros);
            } else {
                Throwable t = RpcCalls.unwrap(err);
                b.withDetail("error", t instanceof RxCallException rx ? AfsErrors.name(rx.code()) : t.getClass().getSimpleName());
            }
            last = b.build();
            lastProbe = clock.instant();
            probing.set(false);
        });
    }
}
