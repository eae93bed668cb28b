package rxgate.gateway.config;

import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import rxgate.gateway.cells.CellDirectory;
import rxgate.gateway.cells.EmbeddedCell;
import rxgate.gateway.ops.CellOps;
import rxgate.gateway.ops.DebugOps;
import rxgate.gateway.ops.FileOps;
import rxgate.gateway.ops.PtOps;
import rxgate.gateway.ops.RawCallOps;
import rxgate.gateway.ops.ReadRetry;
import rxgate.gateway.ops.ServerAllowList;
import rxgate.gateway.ops.Timeouts;
import rxgate.gateway.ops.VolumeOps;
import rxgate.gateway.pool.RxConnectionManager;
import rxgate.gateway.security.AdminTokens;
import rxgate.rxrpc.RxEndpoint;

/** The cells, the operations both APIs share, access control and the gateway's executors. */
@Configuration(proxyBeanMethods = false)
public class GatewayConfiguration {
    /** Threads for blocking stream I/O (HTTP bodies); more tasks than the queue holds are refused. */
    static final int IO_THREADS = 64;
    static final int IO_QUEUE = 1024;

    /** The demo cell, only when no cell is configured and it is enabled. */
    @Bean(destroyMethod = "close")
    @Conditional(EmbeddedCellCondition.class)
    EmbeddedCell embeddedCell(RxgateProperties props) {
        return new EmbeddedCell(props.getEmbedded().getCellName());
    }

    @Bean
    CellDirectory cellDirectory(RxgateProperties props, RxConnectionManager pool,
            ObjectProvider<EmbeddedCell> embedded) {
        return new CellDirectory(props, pool, embedded.getIfAvailable());
    }

    @Bean
    AdminTokens adminTokens(RxgateProperties props) {
        return new AdminTokens(props);
    }

    @Bean
    Timeouts timeouts(RxgateProperties props) {
        return new Timeouts(props);
    }

    @Bean
    ReadRetry readRetry(RetryRegistry retries, ScheduledExecutorService rxgateScheduler) {
        return new ReadRetry(retries, rxgateScheduler);
    }

    @Bean
    ServerAllowList serverAllowList(CellDirectory cells, RxgateProperties props) {
        return new ServerAllowList(cells, props);
    }

    @Bean
    CellOps cellOps(CellDirectory cells) {
        return new CellOps(cells);
    }

    @Bean
    VolumeOps volumeOps(CellDirectory cells, Timeouts timeouts, ReadRetry retry) {
        return new VolumeOps(cells, timeouts, retry);
    }

    @Bean
    PtOps ptOps(CellDirectory cells, Timeouts timeouts, ReadRetry retry) {
        return new PtOps(cells, timeouts, retry);
    }

    @Bean
    FileOps fileOps(CellDirectory cells, Timeouts timeouts, ReadRetry retry) {
        return new FileOps(cells, timeouts, retry);
    }

    @Bean
    DebugOps debugOps(RxEndpoint endpoint, ServerAllowList allowed, Timeouts timeouts) {
        return new DebugOps(endpoint, allowed, timeouts);
    }

    @Bean
    RawCallOps rawCallOps(RxConnectionManager pool, ServerAllowList allowed, Timeouts timeouts) {
        return new RawCallOps(pool, allowed, timeouts);
    }

    /** Retry back-offs, health refreshes and NAT keepalives. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService rxgateScheduler() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rxgate-scheduler");
            t.setDaemon(true);
            return t;
        });
    }

    /** Blocking reads and writes of HTTP bodies streamed to and from fileservers; bounded, with metrics. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService rxgateIoExecutor(MeterRegistry registry) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(IO_THREADS, IO_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(IO_QUEUE), r -> {
                    Thread t = new Thread(r, "rxgate-io-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return ExecutorServiceMetrics.monitor(registry, pool, "rxgate.io");
    }
}
