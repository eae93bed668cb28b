package rxgate.gateway.health;

import java.util.List;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import rxgate.gateway.pool.RxConnectionManager;

/**
 * The connection pool in the health details: each server/service/identity key with its circuit
 * breaker state, calls in flight, calls admitted, refused and failed by the server. UP always:
 * the state of the servers is reported by the cells' indicators; this one is for operators.
 */
public class PoolHealthIndicator extends AbstractHealthIndicator {
    private final RxConnectionManager pool;

    public PoolHealthIndicator(RxConnectionManager pool) {
        super("connection pool health check failed");
        this.pool = pool;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        List<RxConnectionManager.KeyState> keys = pool.keys();
        builder.up().withDetail("callsInFlight", pool.inFlight().size()).withDetail("keys", keys);
    }
}
