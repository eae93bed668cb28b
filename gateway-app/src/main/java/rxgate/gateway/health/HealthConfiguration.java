package rxgate.gateway.health;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import rxgate.gateway.cells.Cell;
import rxgate.gateway.cells.CellDirectory;
import rxgate.gateway.pool.RxConnectionManager;
import rxgate.rxrpc.RxEndpoint;

/** Wires the health indicators: the endpoint, the pool, and one per database server of each cell. */
@Configuration(proxyBeanMethods = false)
public class HealthConfiguration {
    /** How long a probe result is reused; a stale one triggers a new probe in the background. */
    static final Duration PROBE_TTL = Duration.ofSeconds(10);

    /** {@code cells.<cell>.<ip:port>}: VL_ProbeServer of each database server, cached. */
    @Bean
    CompositeHealthContributor cellsHealthContributor(CellDirectory cells, RxEndpoint endpoint,
            RxConnectionManager pool) {
        Map<String, HealthContributor> byCell = new LinkedHashMap<>();
        for (Cell cell : cells.all()) {
            Map<String, DbServerHealthIndicator> servers = new LinkedHashMap<>();
            for (InetSocketAddress a : cell.vlServers()) {
                DbServerHealthIndicator h = new DbServerHealthIndicator(a, endpoint.client(a, CellDirectory.VL_SERVICE),
                        PROBE_TTL, Clock.systemUTC(), () -> pool.guard(a).breaker().getState().name());
                h.probe();
                servers.put(a.getAddress().getHostAddress() + ":" + a.getPort(), h);
            }
            byCell.put(cell.name(), CompositeHealthContributor.fromMap(servers));
        }
        return CompositeHealthContributor.fromMap(byCell);
    }

    @Bean
    RxEndpointHealthIndicator rxEndpointHealthIndicator(RxEndpoint endpoint) {
        return new RxEndpointHealthIndicator(endpoint);
    }

    @Bean
    PoolHealthIndicator rxPoolHealthIndicator(RxConnectionManager pool) {
        return new PoolHealthIndicator(pool);
    }
}
