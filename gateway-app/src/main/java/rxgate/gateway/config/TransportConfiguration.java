package rxgate.gateway.config;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import rxgate.gateway.pool.CallMetrics;
import rxgate.gateway.pool.RxConnectionManager;
import rxgate.rxrpc.RxEndpoint;
import rxgate.rxrpc.services.cb.CallbackService;

/**
 * The one RxRPC endpoint of the process, the callback service fileservers call back into, and
 * the pooled connection manager every outgoing call goes through.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({TransportProperties.class, RxgateProperties.class})
public class TransportConfiguration {

    @Bean(destroyMethod = "close")
    RxEndpoint rxEndpoint(TransportProperties transport, RxgateProperties props) {
        RxgateProperties.Pool pool = props.getPool();
        return RxEndpoint.builder()
                .bind(new InetSocketAddress(transport.getPort()))
                .deadTime(transport.getDeadTime())
                .maxCalls(transport.getMaxCalls())
                .maxPeers(pool.getMaxServers())
                .maxConnectionsPerServer(pool.getMaxConnectionsPerServer())
                .maxWaitingCallsPerServer(pool.getMaxWaitingCallsPerServer())
                .connectionIdleTime(pool.getIdleTimeout())
                .versionString("rxgate gateway")
                .build();
    }

    /** Answers the fileservers' callback calls (CB_Probe, InitCallBackState3, CallBack…) on the endpoint. */
    @Bean
    CallbackService callbackService(RxEndpoint endpoint) {
        return CallbackService.builder().build().installOn(endpoint);
    }

    @Bean
    CallMetrics callMetrics(MeterRegistry registry) {
        return new CallMetrics(registry);
    }

    @Bean
    RxConnectionManager rxConnectionManager(RxEndpoint endpoint, CircuitBreakerRegistry breakers,
            BulkheadRegistry bulkheads, TimeLimiterRegistry timeLimiters, CallMetrics metrics, RxgateProperties props) {
        int maxKeys = props.getPool().getMaxServers() * 4; // a few services and identities per server
        return new RxConnectionManager(endpoint, breakers, bulkheads, timeLimiters, metrics, maxKeys);
    }
}
