package rxgate.gateway.pool;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import rxgate.rxrpc.RxEndpoint;

/**
 * Holds NAT mappings open for fileserver callbacks: every interval, an rx VERSION query goes
 * from the endpoint's port to each fileserver in use, so a NAT (or a Kubernetes Service) between
 * the gateway and the cell keeps mapping the fileserver's callbacks back to this endpoint.
 */
public final class NatKeepalive {
    private final RxEndpoint endpoint;
    private final Supplier<Set<InetSocketAddress>> fileservers;

    public NatKeepalive(RxEndpoint endpoint, Supplier<Set<InetSocketAddress>> fileservers) {
        this.endpoint = endpoint;
        this.fileservers = fileservers;
    }

    /** Starts the keepalives on {@code scheduler}. */
    public void start(ScheduledExecutorService scheduler, Duration interval) {
        long ms = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::ping, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** One round of keepalives; answers (or their absence) do not matter. */
    public int ping() {
        Set<InetSocketAddress> targets = fileservers.get();
        for (InetSocketAddress a : targets) {
            endpoint.version(a, Duration.ofSeconds(2)).exceptionally(e -> null);
        }
        return targets.size();
    }
}
