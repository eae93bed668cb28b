package rxgate.gateway.cells;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import rxgate.gateway.config.RxgateProperties;
import rxgate.gateway.config.RxgateProperties.ReadAccess;
import rxgate.gateway.ops.GatewayException;
import rxgate.gateway.pool.RxConnectionManager;
import rxgate.gateway.pool.ServerGuard;
import rxgate.rxrpc.RxCallOptions;
import rxgate.rxrpc.cli.ServerSpec;
import rxgate.rxrpc.security.NullSecurity;
import rxgate.rxrpc.security.RxSecurityClass;
import rxgate.rxrpc.security.rxkad.KeyFile;
import rxgate.rxrpc.security.rxkad.RxkadLevel;
import rxgate.rxrpc.security.rxkad.RxkadSecurityClass;
import rxgate.rxrpc.security.rxkad.ServerKey;
import rxgate.rxrpc.services.RpcCaller;
import rxgate.rxrpc.services.fs.AfsFileSystem;
import rxgate.rxrpc.services.fs.FsClient;
import rxgate.rxrpc.services.fs.FsOpcodes;
import rxgate.rxrpc.services.ubik.UbikCaller;
import rxgate.rxrpc.services.vl.VlClient;

/**
 * The cells the gateway serves, by name: the configured ones, or the embedded demo cell when none
 * is configured. Server addresses must be IP literals: the gateway never resolves names.
 * Credentials are read once at start-up; a missing or unreadable KeyFile or token file stops the
 * start with a message naming the property (never the file's contents).
 */
public final class CellDirectory {
    public static final int VL_SERVICE = 52;
    public static final int PT_SERVICE = 73;
    public static final int VL_PORT = 7003;
    public static final int PT_PORT = 7002;

    /** Fail over on what ubik fails over on, and on a server the gateway itself is skipping. */
    static final Predicate<Throwable> FAILOVER = UbikCaller.DEFAULT_FAILOVER.or(ServerGuard::isRefusal);

    private final Map<String, Cell> cells = new LinkedHashMap<>();

    public CellDirectory(RxgateProperties props, RxConnectionManager pool, EmbeddedCell embedded) {
        RxCallOptions fileOptions = pool.endpoint().defaultCallOptions()
                .withIdleTimeout(props.getCall().getTransferIdleTimeout());
        for (int i = 0; i < props.getCells().size(); i++) {
            RxgateProperties.Cell c = props.getCells().get(i);
            String where = "rxgate.cells[" + i + "]";
            List<InetSocketAddress> vl = new ArrayList<>();
            List<InetSocketAddress> pt = new ArrayList<>();
            for (String s : c.getDbServers()) {
                InetSocketAddress vlAddr = parseServer(where + ".db-servers", s, VL_PORT);
                vl.add(vlAddr);
                pt.add(new InetSocketAddress(vlAddr.getAddress(), PT_PORT)); // an explicit port is the VL one
            }
            RxSecurityClass security = securityOf(where, c);
            add(new CellParts(c.getName(), vl, pt, c.getSecurity(), security, c.getReadAccess(), false), pool,
                    fileOptions, true);
        }
        if (embedded != null) {
            add(new CellParts(embedded.name(), List.of(embedded.address()), List.of(embedded.address()), "none",
                    NullSecurity.INSTANCE, ReadAccess.OPEN, true), pool, fileOptions, false);
        }
    }

    private record CellParts(String name, List<InetSocketAddress> vl, List<InetSocketAddress> pt, String level,
            RxSecurityClass security, ReadAccess readAccess, boolean embedded) {
    }

    /** An IP literal with an optional port; host names are refused. */
    public static InetSocketAddress parseServer(String property, String s, int defaultPort) {
        ServerSpec spec;
        try {
            spec = ServerSpec.parse(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + ": " + e.getMessage(), e);
        }
        if (!spec.isLiteral()) {
            throw new IllegalStateException(property + ": '" + s
                    + "' is not an IP address (the gateway does not resolve host names)");
        }
        try {
            return spec.resolve(defaultPort);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(property + ": " + s, e);
        }
    }

    private static RxSecurityClass securityOf(String where, RxgateProperties.Cell c) {
        if ("none".equals(c.getSecurity())) {
            return NullSecurity.INSTANCE;
        }
        RxkadLevel level = RxkadLevel.valueOf(c.getSecurity().toUpperCase(Locale.ROOT));
        Path file = c.getKeyFile() != null ? c.getKeyFile() : c.getTokenFile();
        String property = where + (c.getKeyFile() != null ? ".key-file" : ".token-file");
        if (!Files.isReadable(file)) {
            throw new IllegalStateException(property + ": " + file + " does not exist or is not readable");
        }
        try {
            if (c.getKeyFile() == null) {
                return RxkadSecurityClass.fromTokenFile(file, level);
            }
            KeyFile keys = KeyFile.read(file);
            ServerKey key = c.getKvno() == null ? keys.latest() : keys.get(c.getKvno());
            return RxkadSecurityClass.forged(key, c.getPrincipal(), null, level); // never expires, as -localauth
        } catch (IOException | RuntimeException e) {
            // the message of a parse error names the problem, never the key material
            throw new IllegalStateException(property + ": " + file + " is not a usable "
                    + (c.getKeyFile() != null ? "KeyFile" : "token file") + ": " + e.getMessage());
        }
    }

    private void add(CellParts p, RxConnectionManager pool, RxCallOptions fileOptions, boolean hasFiles) {
        if (cells.containsKey(p.name())) {
            throw new IllegalStateException("rxgate.cells: cell " + p.name() + " is configured twice");
        }
        UbikCaller vlCaller = ubik(p.vl(), VL_SERVICE, p.security(), pool);
        UbikCaller ptCaller = ubik(p.pt(), PT_SERVICE, p.security(), pool);
        AfsFileSystem files = hasFiles ? new AfsFileSystem(new VlClient(vlCaller),
                address -> new FsClient(pool.client(address, FsOpcodes.SERVICE_ID, p.security()).withOptions(fileOptions)))
                : null;
        cells.put(p.name(), new Cell(p.name(), p.vl(), p.pt(), p.level(), p.security(), p.readAccess(), p.embedded(),
                vlCaller, ptCaller, files));
    }

    private static UbikCaller ubik(List<InetSocketAddress> servers, int serviceId, RxSecurityClass security,
            RxConnectionManager pool) {
        List<RpcCaller> callers = servers.stream().map(a -> RpcCaller.of(pool.client(a, serviceId, security)
                .withOptions(pool.endpoint().defaultCallOptions().withHardTimeout(pool.timeLimit(a))))).toList();
        return UbikCaller.builder(callers).failoverWhen(FAILOVER).build();
    }

    /** The cell named {@code name}, or a NOT_FOUND failure (UNKNOWN_CELL). */
    public Cell require(String name) {
        Cell c = cells.get(name);
        if (c == null) {
            throw GatewayException.notFound("UNKNOWN_CELL", "no cell named " + name + " is configured");
        }
        return c;
    }

    public Optional<Cell> find(String name) {
        return Optional.ofNullable(cells.get(name));
    }

    public Collection<Cell> all() {
        return cells.values();
    }
}
