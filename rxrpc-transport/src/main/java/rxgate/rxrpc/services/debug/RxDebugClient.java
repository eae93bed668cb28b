package rxgate.rxrpc.services.debug;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * rxdebug queries with decoded replies (rxrpc-protocol.md §7). Methods return at once. A DEBUG
 * reply of 8 bytes whose first word is -8 (RX_DEBUGI_BADTYPE) fails the future with
 * {@link RxDebugUnsupportedException}; other replies shorter than their struct are zero-filled,
 * as rxdebug does.
 */
public final class RxDebugClient {
    /** Safety limit on list walks (connections, peers); an implementation choice. */
    public static final int MAX_LIST = 100_000;

    private final RxDebugChannel channel;

    public RxDebugClient(RxDebugChannel channel) {
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    public RxDebugChannel channel() {
        return channel;
    }

    /** VERSION: the version string. */
    public CompletableFuture<String> version() {
        return channel.version();
    }

    /** GETSTATS. */
    public CompletableFuture<DebugStats> stats() {
        return query(RxDebugConstants.GETSTATS, 0, DebugStats::decode);
    }

    /** RXSTATS (server version ≥ 'M'). */
    public CompletableFuture<RxStatistics> rxStats() {
        return query(RxDebugConstants.RXSTATS, 0, RxStatistics::decode);
    }

    /**
     * GETCONN ({@code all} false: "interesting" connections only) or GETALLCONN, entry
     * {@code index}; the end of the list is an entry with {@link DebugConn#isEndMarker()}.
     */
    public CompletableFuture<DebugConn> connection(int index, boolean all) {
        return query(all ? RxDebugConstants.GETALLCONN : RxDebugConstants.GETCONN, index, DebugConn::decode);
    }

    /** All connections, walking indexes from 0 to the end marker (excluded). */
    public CompletableFuture<List<DebugConn>> connections(boolean all) {
        return walk(i -> connection(i, all), DebugConn::isEndMarker);
    }

    /** GETPEER entry {@code index} (server version ≥ 'Q'). */
    public CompletableFuture<DebugPeer> peer(int index) {
        return query(RxDebugConstants.GETPEER, index, DebugPeer::decode);
    }

    /** All peers, walking indexes from 0 to the end marker (excluded). */
    public CompletableFuture<List<DebugPeer>> peers() {
        return walk(this::peer, DebugPeer::isEndMarker);
    }

    /** The raw reply to {@code {type, index}}. */
    public CompletableFuture<byte[]> raw(int type, int index) {
        return channel.debug(type, index);
    }

    /** Whether {@code body} is the BADTYPE answer ({-8, -8}). */
    public static boolean isBadType(byte[] body) {
        return body.length >= 4 && body.length <= 8
                && ByteBuffer.wrap(body).getInt(0) == RxDebugConstants.BADTYPE;
    }

    private <T> CompletableFuture<T> query(int type, int index, Function<byte[], T> decoder) {
        return channel.debug(type, index).thenApply(body -> {
            if (isBadType(body)) {
                throw new RxDebugUnsupportedException(type);
            }
            return decoder.apply(body);
        });
    }

    private interface Fetch<T> {
        CompletableFuture<T> get(int index);
    }

    /**
     * Fetches entries 0, 1, 2, … until {@code end} matches; iterative when replies are already
     * complete, so long lists do not grow the stack.
     */
    private static <T> CompletableFuture<List<T>> walk(Fetch<T> fetch, Predicate<T> end) {
        CompletableFuture<List<T>> result = new CompletableFuture<>();
        step(fetch, end, 0, new ArrayList<>(), result);
        return result;
    }

    private static <T> void step(Fetch<T> fetch, Predicate<T> end, int from, List<T> acc,
            CompletableFuture<List<T>> result) {
        int i = from;
        while (true) {
            CompletableFuture<T> f;
            try {
                f = fetch.get(i);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            if (f.isDone() && !f.isCompletedExceptionally()) {
                T item = f.join();
                if (end.test(item) || i + 1 >= MAX_LIST) {
                    result.complete(List.copyOf(acc));
                    return;
                }
                acc.add(item);
                i++;
                continue;
            }
            int index = i;
            f.whenComplete((item, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else if (end.test(item) || index + 1 >= MAX_LIST) {
                    result.complete(List.copyOf(acc));
                } else {
                    acc.add(item);
                    step(fetch, end, index + 1, acc, result);
                }
            });
            return;
        }
    }
}
