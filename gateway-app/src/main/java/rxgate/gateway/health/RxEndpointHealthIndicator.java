package rxgate.gateway.health;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import rxgate.rxrpc.RxEndpoint;
import rxgate.rxrpc.RxEndpointState;
import rxgate.rxrpc.RxStats.Counter;

/**
 * Health of the gateway's RxRPC endpoint: UP while its I/O thread answers, with its occupancy
 * and traffic counters as details. Takes the endpoint as a plain constructor argument.
 */
public class RxEndpointHealthIndicator extends AbstractHealthIndicator {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    private final RxEndpoint endpoint;

    public RxEndpointHealthIndicator(RxEndpoint endpoint) {
        super("RxRPC endpoint health check failed");
        this.endpoint = endpoint;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        RxEndpointState s = endpoint.state().get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        builder.up()
                .withDetail("localAddress", endpoint.localAddress().toString())
                .withDetail("nativeTransport", endpoint.isNativeTransport())
                .withDetail("peers", s.peers())
                .withDetail("clientConnections", s.clientConnections())
                .withDetail("activeCalls", s.activeCalls())
                .withDetail("waitingCalls", s.waitingCalls())
                .withDetail("callsStarted", endpoint.stats().get(Counter.CALLS_STARTED))
                .withDetail("callsFailed", endpoint.stats().get(Counter.CALLS_FAILED))
                .withDetail("retransmissions", endpoint.stats().get(Counter.DATA_PACKETS_RESENT));
    }
}
