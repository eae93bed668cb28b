package rxgate.gateway.ops;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import rxgate.gateway.cells.Cell;
import rxgate.gateway.cells.CellDirectory;
import rxgate.gateway.config.RxgateProperties;
import rxgate.gateway.ops.GatewayException.Kind;

/**
 * Which servers the rxdebug and raw-call endpoints may send packets to, so that the gateway never
 * becomes a way to reach arbitrary hosts: the hosts of configured cells (their database servers,
 * and the fileservers their VLDBs pointed the gateway to) on the AFS server ports 7000-7009, the
 * embedded demo cell's exact address, and the entries of {@code rxgate.debug.allowed-servers}
 * (an IP allows the AFS ports, IP:port that port only). Names are never resolved.
 */
public final class ServerAllowList {
    static final int FIRST_AFS_PORT = 7000;
    static final int LAST_AFS_PORT = 7009;
    private final CellDirectory cells;
    private final List<InetSocketAddress> extra = new ArrayList<>();

    public ServerAllowList(CellDirectory cells, RxgateProperties props) {
        this.cells = cells;
        for (int i = 0; i < props.getDebug().getAllowedServers().size(); i++) {
            String s = props.getDebug().getAllowedServers().get(i);
            extra.add(CellDirectory.parseServer("rxgate.debug.allowed-servers[" + i + "]", s, 0));
        }
    }

    /**
     * Checks {@code host}:{@code port}; answers the configured cell it belongs to, if any.
     *
     * @throws GatewayException BAD_REQUEST for a malformed address, PERMISSION_DENIED
     *                          (SERVER_NOT_ALLOWED) for one not allowed
     */
    public Optional<Cell> check(String host, int port) {
        InetSocketAddress target = parse(host, port);
        InetAddress a = target.getAddress();
        for (Cell c : cells.all()) {
            if (c.embedded()) {
                if (c.vlServers().contains(target)) {
                    return Optional.of(c);
                }
                continue;
            }
            boolean cellHost = c.vlServers().stream().anyMatch(s -> s.getAddress().equals(a))
                    || (c.files() != null && c.files().fileServerAddresses().stream()
                            .anyMatch(s -> s.getAddress().equals(a)));
            if (cellHost && afsPort(port)) {
                return Optional.of(c);
            }
        }
        for (InetSocketAddress e : extra) {
            if (e.getAddress().equals(a) && (e.getPort() == port || (e.getPort() == 0 && afsPort(port)))) {
                return Optional.empty();
            }
        }
        throw new GatewayException(Kind.PERMISSION_DENIED, "SERVER_NOT_ALLOWED", null, "host", null,
                target.getAddress().getHostAddress() + ":" + port + " is not a server of a configured cell "
                        + "nor in rxgate.debug.allowed-servers", null);
    }

    /** {@code host} as an IP literal with {@code port}; host names are refused. */
    public static InetSocketAddress parse(String host, int port) {
        if (port < 1 || port > 65535) {
            throw GatewayException.badRequest("port", "must be between 1 and 65535");
        }
        if (host == null || !host.matches("[0-9.]{7,15}|[0-9A-Fa-f:]{2,39}")) {
            throw GatewayException.badRequest("host", "must be an IPv4 or IPv6 address (names are not resolved)");
        }
        try {
            return new InetSocketAddress(CellDirectory.parseServer("host", host.contains(":") ? "[" + host + "]" : host,
                    port).getAddress(), port);
        } catch (IllegalStateException e) {
            throw GatewayException.badRequest("host", "not an IP address");
        }
    }

    private static boolean afsPort(int port) {
        return port >= FIRST_AFS_PORT && port <= LAST_AFS_PORT;
    }
}
