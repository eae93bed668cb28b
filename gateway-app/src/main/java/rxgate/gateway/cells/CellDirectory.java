package rxgate.gateway.cells;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import rxgate.gateway.config.RxgateProperties;
import rxgate.rxrpc.RxEndpoint;
import rxgate.rxrpc.cli.ServerSpec;
import rxgate.rxrpc.services.RpcCaller;
import rxgate.rxrpc.services.pt.PtClient;
import rxgate.rxrpc.services.ubik.UbikCaller;
import rxgate.rxrpc.services.vl.VlClient;

/**
 * The cells the gateway serves, by name: the configured ones, or the embedded demo cell when none
 * is configured. Server addresses must be IP literals: the gateway never resolves names.
 */
public final class CellDirectory {
    public static final int VL_PORT = 7003;
    public static final int PT_PORT = 7002;
    private final Map<String, Cell> cells = new LinkedHashMap<>();

    public CellDirectory(RxgateProperties props, RxEndpoint endpoint, EmbeddedCell embedded) {
        for (RxgateProperties.Cell c : props.getCells()) {
            List<InetSocketAddress> vl = new ArrayList<>();
            List<InetSocketAddress> pt = new ArrayList<>();
            for (String s : c.getDbServers()) {
                ServerSpec spec;
                try {
                    spec = ServerSpec.parse(s);
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("rxgate.cells[" + c.getName() + "].db-servers: " + e.getMessage(), e);
                }
                if (!spec.isLiteral()) {
                    throw new IllegalStateException("rxgate.cells[" + c.getName() + "].db-servers: '" + s
                            + "' is not an IP address (the gateway does not resolve host names)");
                }
                try {
                    InetSocketAddress vlAddr = spec.resolve(VL_PORT);
                    vl.add(vlAddr);
                    pt.add(new InetSocketAddress(vlAddr.getAddress(), PT_PORT)); // an explicit port is the VL one

                } catch (UnknownHostException e) {
                    throw new IllegalStateException("rxgate.cells[" + c.getName() + "].db-servers: " + s, e);
                }
            }
            add(c.getName(), vl, pt, c.getSecurity(), false, endpoint);
        }
        if (embedded != null) {
            add(embedded.name(), List.of(embedded.address()), List.of(embedded.address()), "none", true, endpoint);
        }
    }

    private void add(String name, List<InetSocketAddress> vl, List<InetSocketAddress> pt, String security,
            boolean embedded, RxEndpoint endpoint) {
        if (cells.containsKey(name)) {
            throw new IllegalStateException("rxgate.cells: cell " + name + " is configured twice");
        }
        List<RpcCaller> vlCallers = vl.stream().map(a -> RpcCaller.of(endpoint.client(a, 52))).toList();
        List<RpcCaller> ptCallers = pt.stream().map(a -> RpcCaller.of(endpoint.client(a, 73))).toList();
        cells.put(name, new Cell(name, vl, pt, security, embedded, new VlClient(UbikCaller.of(vlCallers)),
                new PtClient(UbikCaller.of(ptCallers))));
    }

    public Optional<Cell> find(String name) {
        return Optional.ofNullable(cells.get(name));
    }

    public Collection<Cell> all() {
        return cells.values();
    }
}
