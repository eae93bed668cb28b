package rxgate.rxrpc.services.ubik;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import rxgate.rxrpc.RxCallException;
import rxgate.rxrpc.errors.AfsErrors;
import rxgate.rxrpc.services.RpcCaller;
import rxgate.rxrpc.services.RpcCalls;

/**
 * What {@code udebug} asks a database server (afs-rpcs.md §7): VOTE service 50 on the server's
 * own port (7002 ptserver, 7003 vlserver), null security. Useful to find the sync site and to see
 * whether a server has quorum.
 */
public final class UbikDebugClient {
    /** Rx service id of ubik's VOTE service. */
    public static final int VOTE_SERVICE_ID = 50;
    public static final int DEBUG = 10004;
    public static final int SDEBUG = 10005;
    public static final int XDEBUG = 10006;
    public static final int XSDEBUG = 10007;
    /** XSDebug's abort when {@code which} is past the last other server. */
    public static final int NO_SUCH_SERVER = 2;

    private final RpcCaller caller;

    /** {@code caller} must reach the VOTE service (50) of one database server. */
    public UbikDebugClient(RpcCaller caller) {
        this.caller = Objects.requireNonNull(caller, "caller");
    }

    /** The server's vote state and whether it is a clone (non-voting). */
    public record DebugReply(UbikDebug debug, boolean isClone) {
    }

    /** XDebug, falling back to Debug (isClone false) on RXGEN_OPCODE, as udebug does. */
    public CompletableFuture<DebugReply> debug() {
        return RpcCalls.call(caller, XDEBUG, null, r -> new DebugReply(UbikDebug.decode(r), r.readInt() != 0))
                .exceptionallyCompose(t -> {
                    RxCallException rx = RpcCalls.rxCause(t);
                    if (rx != null && rx.code() == AfsErrors.RXGEN_OPCODE) {
                        return RpcCalls.call(caller, DEBUG, null, r -> new DebugReply(UbikDebug.decode(r), false));
                    }
                    return CompletableFuture.failedFuture(t instanceof CompletionException ? t.getCause() : t);
                });
    }

    /** Reply of XSDebug: one other server's state and whether it is a clone. */
    public record SDebugReply(UbikSDebug sdebug, boolean isClone) {
    }

    /**
     * XSDebug for the {@code which}-th other server (0-based); empty when {@code which} is past the
     * last one (the server aborts with 2).
     */
    public CompletableFuture<Optional<SDebugReply>> sdebug(int which) {
        return RpcCalls.call(caller, XSDEBUG, w -> w.writeInt(which),
                        r -> Optional.of(new SDebugReply(UbikSDebug.decode(r), r.readInt() != 0)))
                .exceptionallyCompose(t -> {
                    RxCallException rx = RpcCalls.rxCause(t);
                    if (rx != null && rx.code() == NO_SUCH_SERVER) {
                        return CompletableFuture.completedFuture(Optional.empty());
                    }
                    return CompletableFuture.failedFuture(t instanceof CompletionException ? t.getCause() : t);
                });
    }
}
