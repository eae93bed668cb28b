package rxgate.gateway.ops;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import rxgate.gateway.cells.Cell;
import rxgate.gateway.pool.RxConnectionManager;
import rxgate.rxrpc.RxClient;
import rxgate.rxrpc.security.NullSecurity;
import rxgate.rxrpc.security.RxSecurityClass;

/**
 * A raw call for services the gateway has no typed endpoint for: the request bytes (opcode and
 * XDR arguments) go to a service on a server of a configured cell (see {@link ServerAllowList})
 * through the connection pool, and the reply bytes come back; an abort fails with its AFS error.
 * Security {@code none} is rxnull; {@code cell} uses the security of the cell the server belongs
 * to (its rxkad identity and level).
 */
public final class RawCallOps {
    /** Largest request accepted (the reply is bounded by the transport's maxReplyBytes). */
    public static final int MAX_REQUEST_BYTES = 1 << 20;
    private final RxConnectionManager pool;
    private final ServerAllowList allowed;
    private final Timeouts timeouts;

    public RawCallOps(RxConnectionManager pool, ServerAllowList allowed, Timeouts timeouts) {
        this.pool = pool;
        this.allowed = allowed;
        this.timeouts = timeouts;
    }

    public CompletableFuture<byte[]> call(String server, int port, int serviceId, String security, byte[] request,
            Duration timeout) {
        if (serviceId < 0 || serviceId > 65535) {
            throw GatewayException.badRequest("serviceId", "must be between 0 and 65535");
        }
        if (request == null || request.length < 4) {
            throw GatewayException.badRequest("request", "must hold at least the 4-byte opcode");
        }
        if (request.length > MAX_REQUEST_BYTES) {
            throw GatewayException.badRequest("request", "larger than " + MAX_REQUEST_BYTES + " bytes");
        }
        Optional<Cell> cell = allowed.check(server, port);
        RxSecurityClass sec = switch (security == null ? "none" : security) {
            case "none" -> NullSecurity.INSTANCE;
            case "cell" -> cell.map(Cell::securityClass).orElseThrow(() -> GatewayException.badRequest("security",
                    "'cell' needs a server of a configured cell"));
            default -> throw GatewayException.badRequest("security", "must be none or cell");
        };
        InetSocketAddress target = ServerAllowList.parse(server, port);
        Duration t = timeouts.effective(timeout);
        RxClient client = pool.client(target, serviceId, sec);
        return client.withOptions(client.options().withHardTimeout(t)).call(request);
    }
}
