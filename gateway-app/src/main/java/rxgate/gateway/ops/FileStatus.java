package rxgate.gateway.ops;

import java.time.Instant;

/** STAND-IN (see {@link GatewayException}): an AFS file's status. */
public record FileStatus(String fid, String type, long length, long dataVersion, Instant modified, int mode, int owner,
        int group, int linkCount) {
}
