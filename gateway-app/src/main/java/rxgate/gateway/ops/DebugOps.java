package rxgate.gateway.ops;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** STAND-IN (see {@link GatewayException}): rxdebug of servers of the configured cells. */
public interface DebugOps {
    CompletableFuture<DebugInfo> debug(String host, int port, Duration timeout);
}
