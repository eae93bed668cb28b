package rxgate.rxrpc.services.debug;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * TEST DOUBLE — not a transport. Answers rxdebug queries from a table of canned reply bodies;
 * unknown (type, index) pairs fail.
 */
public final class FakeDebugChannel implements RxDebugChannel {
    private final InetSocketAddress target;
    private final Map<Long, CompletableFuture<byte[]>> replies = new HashMap<>();
    private final List<String> queries = new ArrayList<>();
    private CompletableFuture<String> version = CompletableFuture.failedFuture(new IllegalStateException("no version"));

    public FakeDebugChannel(String ip, int port) {
        this.target = new InetSocketAddress(rxgate.rxrpc.services.Ipv4.parse(ip), port);
    }

    public FakeDebugChannel version(String v) {
        version = CompletableFuture.completedFuture(v);
        return this;
    }

    public FakeDebugChannel on(int type, int index, byte[] body) {
        replies.put(key(type, index), CompletableFuture.completedFuture(body));
        return this;
    }

    public FakeDebugChannel fail(int type, int index, Throwable t) {
        replies.put(key(type, index), CompletableFuture.failedFuture(t));
        return this;
    }

    public List<String> queries() {
        return queries;
    }

    private static long key(int type, int index) {
        return ((long) type << 32) | (index & 0xFFFF_FFFFL);
    }

    @Override
    public InetSocketAddress target() {
        return target;
    }

    @Override
    public CompletableFuture<String> version() {
        queries.add("version");
        return version;
    }

    @Override
    public CompletableFuture<byte[]> debug(int type, int index) {
        queries.add(type + "/" + index);
        CompletableFuture<byte[]> f = replies.get(key(type, index));
        return f != null ? f : CompletableFuture.failedFuture(new IllegalStateException("no reply for " + type + "/" + index));
    }
}
