package rxgate.gateway.health;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import rxgate.gateway.cells.Cell;
import rxgate.gateway.cells.CellDirectory;
import rxgate.gateway.config.RxgateProperties;
import rxgate.gateway.pool.RxConnectionManager;
import rxgate.rxrpc.RxClient;
import rxgate.rxrpc.RxEndpoint;

/** Wires the health indicators: the endpoint, the pool, and one per database server of each cell. */
@Configuration(proxyBeanMethods = false)
public class HealthConfiguration {

    /**
     * {@code cells.<cell>.<ip:port>}: VL_ProbeServer of each database server, cached, repeated
     * every {@code rxgate.pool.probe-interval} through the server's circuit breaker.
     */
    @Bean
    CompositeHealthContributor cellsHealthContributor(CellDirectory cells, RxEndpoint endpoint,
            RxConnectionManager pool, DbServerProber prober) {
        Map<String, HealthContributor> byCell = new LinkedHashMap<>();
        for (Cell cell : cells.all()) {
            Map<String, DbServerHealthIndicator> servers = new LinkedHashMap<>();
            for (InetSocketAddress a : cell.vlServers()) {
                // the same pooled client (key, breaker, time limit) as the cell's VL calls
                RxClient guarded = pool.client(a, CellDirectory.VL_SERVICE, cell.securityClass())
                        .withOptions(endpoint.defaultCallOptions().withHardTimeout(pool.timeLimit(a)));
                DbServerHealthIndicator h = new DbServerHealthIndicator(a, guarded,
                        endpoint.client(a, CellDirectory.VL_SERVICE), prober.interval(), Clock.systemUTC(),
                        () -> pool.guard(a).breaker().getState().name());
                prober.add(h);
                servers.put(a.getAddress().getHostAddress() + ":" + a.getPort(), h);
            }
            byCell.put(cell.name(), CompositeHealthContributor.fromMap(servers));
        }
        prober.start();
        return CompositeHealthContributor.fromMap(byCell);
    }

    @Bean
    DbServerProber dbServerProber(RxgateProperties props) {
        return new DbServerProber(props.getPool().getProbeInterval());
    }

    @Bean
    RxEndpointHealthIndicator rxEndpointHealthIndicator(RxEndpoint endpoint) {
        return new RxEndpointHealthIndicator(endpoint);
    }

    @Bean
    PoolHealthIndicator rxPoolHealthIndicator(RxConnectionManager pool) {
        return new PoolHealthIndicator(pool);
    }

    /** Probes every database server at a fixed rate on one daemon thread; stopped with the context. */
    static final class DbServerProber implements DisposableBean {
        private final Duration interval;
        private final List<DbServerHealthIndicator> indicators = new ArrayList<>();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rxgate-db-probe");
            t.setDaemon(true);
            return t;
        });

        DbServerProber(Duration interval) {
            this.interval = interval;
        }

        Duration interval() {
            return interval;
        }

        synchronized void add(DbServerHealthIndicator h) {
            indicators.add(h);
        }

        synchronized void start() {
            List<DbServerHealthIndicator> all = List.copyOf(indicators);
            // probe() only starts an asynchronous call, so the timer thread never waits
            timer.scheduleAtFixedRate(() -> {
                for (DbServerHealthIndicator h : all) {
                    try {
                        h.probe();
                    } catch (RuntimeException e) {
                        // the probe's own failure is its result; nothing here may end the schedule
                    }
                }
            }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void destroy() {
            timer.shutdownNow();
        }
    }
}
