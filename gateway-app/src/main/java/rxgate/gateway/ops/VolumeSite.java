package rxgate.gateway.ops;

import java.util.List;

/** STAND-IN (see {@link GatewayException}): a site of a volume. */
public record VolumeSite(String server, String partition, String type, List<String> flags) {
}
