package rxgate.gateway.pool;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * The end of graceful shutdown for RxRPC calls: when the context starts closing, the web and
 * gRPC servers stop taking requests and wait for those in progress; calls still running
 * {@code rxgate.shutdown.abort-after} later are aborted (ABORT sent to their servers), so the
 * requests waiting on them end with an error instead of holding the shutdown up.
 */
public final class ShutdownAborter implements ApplicationListener<ContextClosedEvent> {
    private static final Logger log = LoggerFactory.getLogger(ShutdownAborter.class);
    private final InFlightCalls calls;
    private final Duration abortAfter;

    public ShutdownAborter(InFlightCalls calls, Duration abortAfter) {
        this.calls = calls;
        this.abortAfter = abortAfter;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        Thread t = new Thread(this::drainThenAbort, "rxgate-shutdown");
        t.setDaemon(true);
        t.start();
    }

    void drainThenAbort() {
        long deadline = System.nanoTime() + abortAfter.toNanos();
        try {
            while (calls.size() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int n = calls.abortAll();
        if (n > 0) {
            log.info("shutdown: aborted {} RxRPC call(s) still running after {}", n, abortAfter);
        }
    }
}
