package rxgate.gateway.health;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import rxgate.rxrpc.RxCallException;
import rxgate.rxrpc.RxClient;
import rxgate.rxrpc.errors.AfsErrors;
import rxgate.rxrpc.services.RpcCaller;
import rxgate.rxrpc.services.vl.VlClient;

/**
 * Health of one VL database server: the result of the latest VL_ProbeServer, cached. Reading
 * it never blocks: a stale result triggers a new probe in the background and the cached one is
 * reported meanwhile (UNKNOWN before the first probe ends). Takes plain constructor arguments.
 */
public class DbServerHealthIndicator implements HealthIndicator {
    private final InetSocketAddress server;
    private final VlClient vl;
    private final Duration ttl;
    private final Clock clock;
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile Health last = Health.unknown().withDetail("reason", "not probed yet").build();
    private volatile Instant lastProbe = Instant.EPOCH;

    private final Supplier<String> circuit;

    /**
     * Probes {@code server} through {@code client} at most every {@code ttl}; {@code circuit}
     * gives the state of the gateway's circuit breaker for the server, shown in the details.
     */
    public DbServerHealthIndicator(InetSocketAddress server, RxClient client, Duration ttl, Clock clock,
            Supplier<String> circuit) {
        this.server = server;
        this.circuit = circuit;
        this.vl = new VlClient(RpcCaller.of(client));
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public Health health() {
        if (Duration.between(lastProbe, clock.instant()).compareTo(ttl) >= 0) {
            probe();
        }
        return last;
    }

    /** Starts a probe unless one is running. */
    public void probe() {
        if (!probing.compareAndSet(false, true)) {
            return;
        }
        long t0 = System.nanoTime();
        vl.probe().orTimeout(ttl.toMillis(), TimeUnit.MILLISECONDS).whenComplete((v, err) -> {
            long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - t0);
            Health.Builder b = err == null ? Health.up() : Health.down();
            b.withDetail("server", server.getAddress().getHostAddress() + ":" + server.getPort())
                    .withDetail("probe", "VL_ProbeServer")
                    .withDetail("circuitBreaker", circuit.get());
            if (err == null) {
                b.withDetail("latencyMicros", micros);
            } else {
                Throwable t = err.getCause() != null ? err.getCause() : err;
                b.withDetail("error", t instanceof RxCallException rx ? AfsErrors.name(rx.code()) : t.getClass().getSimpleName());
            }
            last = b.build();
            lastProbe = clock.instant();
            probing.set(false);
        });
    }
}
