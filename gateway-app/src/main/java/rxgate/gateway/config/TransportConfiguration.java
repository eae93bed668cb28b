package rxgate.gateway.config;

import java.net.InetSocketAddress;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import rxgate.gateway.cells.CellDirectory;
import rxgate.gateway.cells.EmbeddedCell;
import rxgate.gateway.health.RxEndpointHealthIndicator;
import rxgate.rxrpc.RxEndpoint;

/** Wires the one RxRPC endpoint of the process. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({TransportProperties.class, RxgateProperties.class})
public class TransportConfiguration {

    /** The demo cell, only when no cell is configured and it is enabled. */
    @Bean(destroyMethod = "close")
    @org.springframework.context.annotation.Conditional(EmbeddedCellCondition.class)
    EmbeddedCell embeddedCell(RxgateProperties props) {
        return new EmbeddedCell(props.getEmbedded().getCellName());
    }

    @Bean
    CellDirectory cellDirectory(RxgateProperties props, RxEndpoint endpoint,
            org.springframework.beans.factory.ObjectProvider<EmbeddedCell> embedded) {
        return new CellDirectory(props, endpoint, embedded.getIfAvailable());
    }

    @Bean(destroyMethod = "close")
    RxEndpoint rxEndpoint(TransportProperties props) {
        return RxEndpoint.builder()
                .bind(new InetSocketAddress(props.getPort()))
                .deadTime(props.getDeadTime())
                .maxCalls(props.getMaxCalls())
                .build();
    }

    /** One health entry per cell, one per database server in it ({@code cells.<cell>.<server>}). */
    @Bean
    org.springframework.boot.health.contributor.CompositeHealthContributor cellsHealthContributor(CellDirectory cells,
            RxEndpoint endpoint) {
        java.util.Map<String, org.springframework.boot.health.contributor.HealthContributor> byCell =
                new java.util.LinkedHashMap<>();
        for (rxgate.gateway.cells.Cell cell : cells.all()) {
            java.util.Map<String, rxgate.gateway.health.DbServerHealthIndicator> servers = new java.util.LinkedHashMap<>();
            for (java.net.InetSocketAddress a : cell.vlServers()) {
                rxgate.gateway.health.DbServerHealthIndicator h = new rxgate.gateway.health.DbServerHealthIndicator(a,
                        endpoint.client(a, 52), java.time.Duration.ofSeconds(10), java.time.Clock.systemUTC());
                h.probe();
                servers.put(a.getAddress().getHostAddress() + ":" + a.getPort(), h);
            }
            byCell.put(cell.name(), org.springframework.boot.health.contributor.CompositeHealthContributor.fromMap(servers));
        }
        return org.springframework.boot.health.contributor.CompositeHealthContributor.fromMap(byCell);
    }

    @Bean
    RxEndpointHealthIndicator rxEndpointHealthIndicator(RxEndpoint endpoint) {
        return new RxEndpointHealthIndicator(endpoint);
    }
}
