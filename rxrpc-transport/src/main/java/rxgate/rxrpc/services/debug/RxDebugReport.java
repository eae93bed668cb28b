package rxgate.rxrpc.services.debug;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the same sequence of queries as OpenAFS's {@code rxdebug HOST PORT [options]} and
 * produces the same text (rxrpc-protocol.md §7.7; rxdebug.c MainCommand):
 *
 * <ol>
 *   <li>{@code Trying <ip> (port <p>):}</li>
 *   <li>with {@code version}: VERSION, {@code AFS version: …}, and nothing else;</li>
 *   <li>GETSTATS and its block; the version letter decides what follows;</li>
 *   <li>with {@code rxStats}: RXSTATS (≥ 'M') and the {@code rx stats:} block;</li>
 *   <li>unless {@code noConns}: GETCONN (GETALLCONN with {@code allConnections}) 0, 1, … up to
 *       the end marker, each printed, then {@code Done.};</li>
 *   <li>with {@code peers} (≥ 'Q'): GETPEER 0, 1, …, then {@code Done.}.</li>
 * </ol>
 *
 * A failed query ends the report: {@link Result#failure()} holds it and the text printed so far
 * is kept (rxdebug prints its own "call failed with code" line there; the CLI prints our error
 * line instead). Not supported from rxdebug's options: -nodally, -onlyserver, -onlyclient,
 * -onlyport, -onlyhost, -onlyauth.
 */
public final class RxDebugReport {

    /** Which parts to show, as rxdebug's flags. */
    public record Options(boolean version, boolean rxStats, boolean noConns, boolean allConnections,
            boolean peers, boolean showLong) {

        /** rxdebug with no flags: stats and the "interesting" connections. */
        public static final Options DEFAULT = new Options(false, false, false, false, false, false);
    }

    /**
     * The report: what rxdebug would print on stdout and stderr, and the failure that ended it
     * early ({@code null} if none).
     */
    public record Result(String stdout, String stderr, Throwable failure) {
        public boolean succeeded() {
            return failure == null;
        }
    }

    private final RxDebugClient client;
    private final Clock clock;

    public RxDebugReport(RxDebugClient client) {
        this(client, Clock.systemUTC());
    }

    public RxDebugReport(RxDebugClient client, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Runs the report; never completes exceptionally (failures are in the result). */
    public CompletableFuture<Result> run(Options options) {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        out.append(RxDebugFormatter.trying(client.channel().target()));
        CompletableFuture<Void> done;
        if (options.version()) {
            done = client.version().thenAccept(v -> out.append(RxDebugFormatter.version(v)));
        } else {
            done = client.stats().thenCompose(stats -> afterStats(stats, options, out, err));
        }
        return done.handle((v, t) -> new Result(out.toString(), err.toString(),
                t == null ? null : unwrap(t)));
    }

    private CompletableFuture<Void> afterStats(DebugStats stats, Options options, StringBuilder out, StringBuilder err) {
        out.append(RxDebugFormatter.stats(stats));
        CompletableFuture<Void> step = CompletableFuture.completedFuture(null);
        if (options.rxStats()) {
            if (!stats.supportsRxStats()) {
                err.append(RxDebugFormatter.NO_RX_STATS_WARNING);
            } else {
                step = client.raw(RxDebugConstants.RXSTATS, 0).thenAccept(body -> {
                    if (body.length < RxStatistics.SIZE) {
                        if (body.length >= 4 && ByteBuffer.wrap(body).getInt(0) == RxDebugConstants.BADTYPE) {
                            err.append(RxDebugFormatter.NO_RX_STATS_WARNING);
                            return;
                        }
                        out.append(RxDebugFormatter.unexpectedStatsSize(body.length));
                    }
                    out.append(RxDebugFormatter.rxStats(RxStatistics.decode(body), stats.nFreePackets(),
                            stats.version()));
                });
            }
        }
        if (!options.noConns()) {
            step = step.thenCompose(v -> {
                if (options.allConnections() && !stats.supportsAllConnections()) {
                    err.append(RxDebugFormatter.NO_ALL_CONN_WARNING);
                }
                return client.connections(options.allConnections());
            }).thenAccept(conns -> printConns(conns, stats, out));
        }
        if (options.peers() && stats.supportsPeers()) {
            step = step.thenCompose(v -> client.peers()).thenAccept(peers -> printPeers(peers, options, out));
        }
        return step;
    }

    private void printConns(List<DebugConn> conns, DebugStats stats, StringBuilder out) {
        long now = clock.instant().getEpochSecond();
        for (DebugConn c : conns) {
            out.append(RxDebugFormatter.connection(c, stats.supportsSecStats(), now));
        }
        out.append(RxDebugFormatter.DONE);
    }

    private static void printPeers(List<DebugPeer> peers, Options options, StringBuilder out) {
        for (DebugPeer p : peers) {
            out.append(RxDebugFormatter.peer(p, options.showLong()));
        }
        out.append(RxDebugFormatter.DONE);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while (c instanceof java.util.concurrent.CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
