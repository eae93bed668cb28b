package rxgate.gateway.ops;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** STAND-IN (see {@link GatewayException}): raw Rx calls to servers of the configured cells. */
public interface RawCallOps {
    CompletableFuture<byte[]> call(String server, int port, int serviceId, String security, byte[] request,
            Duration timeout);
}
