package rxgate.gateway.ops;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** STAND-IN (see {@link GatewayException}): VLDB reads. A null timeout means the configured default. */
public interface VolumeOps {
    CompletableFuture<VolumeEntry> get(String cell, String nameOrId, Duration timeout);

    CompletableFuture<Page<VolumeEntry>> list(String cell, String prefix, int limit, String cursor, Duration timeout);
}
