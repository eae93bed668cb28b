package rxgate.gateway.ops;

import java.util.List;

/** A configured cell: its name, database servers (ip:port of the VL servers) and security level. */
public record CellInfo(String name, List<String> dbServers, String security, boolean embedded) {
}
