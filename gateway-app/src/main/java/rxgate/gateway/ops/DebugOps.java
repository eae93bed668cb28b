package rxgate.gateway.ops;

import java.lang.reflect.RecordComponent;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import rxgate.rxrpc.RxEndpoint;
import rxgate.rxrpc.services.debug.DebugConn;
import rxgate.rxrpc.services.debug.DebugPeer;
import rxgate.rxrpc.services.debug.RxClock;
import rxgate.rxrpc.services.debug.RxDebugChannel;
import rxgate.rxrpc.services.debug.RxDebugClient;
import rxgate.rxrpc.services.debug.RxStatistics;
import rxgate.rxrpc.services.vl.VlSite;

/**
 * rxdebug of a server of a configured cell (see {@link ServerAllowList}): version, statistics,
 * peers and connections, asked with the rx VERSION and DEBUG packets as OpenAFS's rxdebug does.
 * Queries the server only for what its rxdebug version says it has.
 */
public final class DebugOps {
    private final RxEndpoint endpoint;
    private final ServerAllowList allowed;
    private final Timeouts timeouts;

    public DebugOps(RxEndpoint endpoint, ServerAllowList allowed, Timeouts timeouts) {
        this.endpoint = endpoint;
        this.allowed = allowed;
        this.timeouts = timeouts;
    }

    public CompletableFuture<DebugInfo> debug(String host, int port, Duration timeout) {
        allowed.check(host, port);
        InetSocketAddress target = ServerAllowList.parse(host, port);
        Duration t = timeouts.effective(timeout);
        // each query has a share of the time: a few round trips, each retried by the endpoint
        RxDebugClient rx = new RxDebugClient(RxDebugChannel.of(endpoint, target, t.dividedBy(4)));
        CompletableFuture<DebugInfo> info = rx.version().thenCompose(version -> rx.stats().thenCompose(stats -> {
            Map<String, Long> statistics = new LinkedHashMap<>();
            flatten(stats, statistics);
            CompletableFuture<Void> rxStats = stats.supportsRxStats()
                    ? rx.rxStats().thenAccept(s -> flatten(s, statistics))
                    : CompletableFuture.completedFuture(null);
            CompletableFuture<List<Map<String, Object>>> peers = stats.supportsPeers()
                    ? rx.peers().thenApply(l -> l.stream().map(DebugOps::peer).toList())
                    : CompletableFuture.completedFuture(List.of());
            CompletableFuture<List<Map<String, Object>>> conns = rx.connections(stats.supportsAllConnections())
                    .thenApply(l -> l.stream().map(DebugOps::connection).toList());
            return rxStats.thenCompose(v -> peers).thenCombine(conns, (p, c) ->
                    new DebugInfo(host + ":" + port, version.strip(), statistics, p, c));
        }));
        return Timeouts.bound(info, t);
    }

    /** The numeric fields of an rxdebug record, by name; lists become name[i], clocks seconds. */
    static void flatten(Record r, Map<String, Long> out) {
        for (RecordComponent rc : r.getClass().getRecordComponents()) {
            Object v = value(rc, r);
            if (v instanceof Integer i) {
                out.put(rc.getName(), Integer.toUnsignedLong(i)); // rxdebug prints them unsigned
            } else if (v instanceof Long l) {
                out.put(rc.getName(), l);
            } else if (v instanceof Character ch) {
                out.put(rc.getName(), (long) ch);
            } else if (v instanceof RxClock c) {
                out.put(rc.getName() + "Micros", c.sec() * 1_000_000L + c.usec());
            } else if (v instanceof List<?> list && rc.getName().startsWith("packets")) {
                for (int i = 0; i < list.size() && i < RxStatistics.PACKET_TYPE_NAMES.size(); i++) {
                    String type = RxStatistics.PACKET_TYPE_NAMES.get(i);
                    if (!type.equals("unused") && list.get(i) instanceof Integer n) {
                        out.put(rc.getName() + "." + type, Integer.toUnsignedLong(n));
                    }
                }
            }
        }
    }

    private static Object value(RecordComponent rc, Record r) {
        try {
            return rc.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> peer(DebugPeer p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", VlSite.dottedQuad(p.host()));
        m.put("port", p.port() & 0xFFFF);
        m.put("rttMillis", p.rtt() >> 3);
        m.put("rttDevMillis", p.rttDev() >> 2);
        m.put("timeoutMicros", p.timeout().sec() * 1_000_000L + p.timeout().usec());
        m.put("packetsSent", Integer.toUnsignedLong(p.nSent()));
        m.put("resends", Integer.toUnsignedLong(p.reSends()));
        m.put("bytesSent", p.bytesSent());
        m.put("bytesReceived", p.bytesReceived());
        m.put("ifMtu", p.ifMTU());
        m.put("natMtu", p.natMTU());
        m.put("maxMtu", p.maxMTU());
        m.put("cwind", p.cwind());
        return m;
    }

    static Map<String, Object> connection(DebugConn c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", VlSite.dottedQuad(c.host()));
        m.put("port", c.port() & 0xFFFF);
        m.put("cid", Integer.toUnsignedLong(c.cid()));
        m.put("epoch", Integer.toUnsignedLong(c.epoch()));
        m.put("serial", Integer.toUnsignedLong(c.serial()));
        m.put("type", c.type() == DebugConn.SERVER_CONNECTION ? "server" : "client");
        m.put("securityIndex", c.securityIndex());
        m.put("error", c.error());
        m.put("callNumbers", c.callNumber().stream().map(Integer::toUnsignedLong).toList());
        m.put("callStates", c.callState());
        return m;
    }
}
