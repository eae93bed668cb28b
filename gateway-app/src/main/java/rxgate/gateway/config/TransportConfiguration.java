package rxgate.gateway.config;

import java.net.InetSocketAddress;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import rxgate.gateway.health.RxEndpointHealthIndicator;
import rxgate.rxrpc.RxEndpoint;

/** Wires the one RxRPC endpoint of the process. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TransportProperties.class)
public class TransportConfiguration {

    @Bean(destroyMethod = "close")
    RxEndpoint rxEndpoint(TransportProperties props) {
        return RxEndpoint.builder()
                .bind(new InetSocketAddress(props.getPort()))
                .deadTime(props.getDeadTime())
                .maxCalls(props.getMaxCalls())
                .build();
    }

    @Bean
    RxEndpointHealthIndicator rxEndpointHealthIndicator(RxEndpoint endpoint) {
        return new RxEndpointHealthIndicator(endpoint);
    }
}
