package rxgate.gateway.ops;

import java.util.List;

/** STAND-IN (see {@link GatewayException}): a VLDB entry. */
public record VolumeEntry(String name, long rwId, Long roId, Long backupId, List<VolumeSite> sites, List<String> flags) {
}
