package rxgate.gateway.config;

import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import rxgate.gateway.cells.Cell;
import rxgate.gateway.cells.CellDirectory;
import rxgate.gateway.pool.NatKeepalive;
import rxgate.gateway.pool.RxConnectionManager;
import rxgate.gateway.pool.ShutdownAborter;
import rxgate.gateway.pool.TransportMetrics;
import rxgate.rxrpc.RxEndpoint;

/** Metrics of the transport and pool, the NAT keepalives, and the end of graceful shutdown. */
@Configuration(proxyBeanMethods = false)
public class OperationsConfiguration {

    @Bean
    TransportMetrics transportMetrics(RxEndpoint endpoint, RxConnectionManager pool,
            ScheduledExecutorService rxgateScheduler) {
        return new TransportMetrics(endpoint, pool, rxgateScheduler);
    }

    @Bean
    ShutdownAborter shutdownAborter(RxConnectionManager pool, RxgateProperties props) {
        return new ShutdownAborter(pool.inFlight(), props.getShutdown().getAbortAfter());
    }

    @Bean
    NatKeepalive natKeepalive(RxEndpoint endpoint, CellDirectory cells, TransportProperties transport,
            ScheduledExecutorService rxgateScheduler) {
        NatKeepalive k = new NatKeepalive(endpoint, () -> {
            Set<InetSocketAddress> all = new HashSet<>();
            for (Cell c : cells.all()) {
                if (c.files() != null) {
                    all.addAll(c.files().fileServerAddresses());
                }
            }
            return all;
        });
        if (!transport.getNatKeepalive().isZero() && !transport.getNatKeepalive().isNegative()) {
            k.start(rxgateScheduler, transport.getNatKeepalive());
        }
        return k;
    }
}
