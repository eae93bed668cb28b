package rxgate.gateway.ops;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import rxgate.gateway.config.RxgateProperties;

/** The time limit of one request: its own (e.g. a gRPC deadline) when shorter than the configured one. */
public final class Timeouts {
    private static final Duration MIN = Duration.ofMillis(1); // zero would mean no limit at all
    private final Duration configured;

    public Timeouts(RxgateProperties props) {
        this.configured = props.getCall().getTimeout();
    }

    /** {@code f}, failed with a TimeoutException if it has not completed within {@code t}. */
    public static <T> CompletableFuture<T> bound(CompletableFuture<T> f, Duration t) {
        return f.orTimeout(t.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** {@code requested} (null = none) capped by {@code rxgate.call.timeout}, never zero. */
    public Duration effective(Duration requested) {
        Duration d = requested == null || requested.compareTo(configured) > 0 ? configured : requested;
        return d.compareTo(MIN) < 0 ? MIN : d;
    }
}
