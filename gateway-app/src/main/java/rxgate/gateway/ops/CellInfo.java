package rxgate.gateway.ops;

import java.util.List;

/** STAND-IN (see {@link GatewayException}): a configured cell. */
public record CellInfo(String name, List<String> dbServers, String security, boolean embedded) {
}
