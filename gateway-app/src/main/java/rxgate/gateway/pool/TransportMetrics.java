package rxgate.gateway.pool;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import rxgate.rxrpc.RxEndpoint;
import rxgate.rxrpc.RxEndpointState;
import rxgate.rxrpc.RxPeerState;
import rxgate.rxrpc.RxStats;

/**
 * The transport and the pool in Micrometer: RxRPC counters ({@code rxgate.rx.packets.*},
 * retransmissions, RTT samples, calls), occupancy gauges ({@code rxgate.pool.*}: connections,
 * calls in flight per server, refused calls), the smoothed RTT and RTO of each peer
 * ({@code rxgate.rx.peer.rtt}), and the circuit breakers (published by Resilience4j itself).
 * Values read from the event loop are refreshed every few seconds, never on the scrape thread.
 */
public final class TransportMetrics implements MeterBinder {
    static final long REFRESH_SECONDS = 5;
    private final RxEndpoint endpoint;
    private final RxConnectionManager pool;
    private final ScheduledExecutorService scheduler;
    private volatile RxEndpointState state = new RxEndpointState(0, 0, 0, 0, 0, 0);

    public TransportMetrics(RxEndpoint endpoint, RxConnectionManager pool, ScheduledExecutorService scheduler) {
        this.endpoint = endpoint;
        this.pool = pool;
        this.scheduler = scheduler;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        RxStats stats = endpoint.stats();
        counter(registry, stats, "rxgate.rx.packets.sent", RxStats.Counter.DATA_PACKETS_SENT, "type", "data");
        counter(registry, stats, "rxgate.rx.packets.sent", RxStats.Counter.ACK_PACKETS_SENT, "type", "ack");
        counter(registry, stats, "rxgate.rx.packets.read", RxStats.Counter.DATA_PACKETS_READ, "type", "data");
        counter(registry, stats, "rxgate.rx.packets.read", RxStats.Counter.ACK_PACKETS_READ, "type", "ack");
        counter(registry, stats, "rxgate.rx.retransmissions", RxStats.Counter.DATA_PACKETS_RESENT, "cause", "all");
        counter(registry, stats, "rxgate.rx.retransmissions", RxStats.Counter.FAST_RETRANSMITS, "cause", "fast");
        counter(registry, stats, "rxgate.rx.retransmissions", RxStats.Counter.RETRANSMIT_TIMEOUTS, "cause", "rto");
        counter(registry, stats, "rxgate.rx.busy.received", RxStats.Counter.BUSIES_RECEIVED, "side", "client");
        counter(registry, stats, "rxgate.rx.calls.finished", RxStats.Counter.CALLS_SUCCEEDED, "result", "ok");
        counter(registry, stats, "rxgate.rx.calls.finished", RxStats.Counter.CALLS_FAILED, "result", "failed");
        counter(registry, stats, "rxgate.rx.calls.finished", RxStats.Counter.CALLS_DEAD, "result", "dead");
        counter(registry, stats, "rxgate.rx.calls.finished", RxStats.Counter.CALLS_TIMED_OUT, "result", "timeout");
        FunctionCounter.builder("rxgate.rx.packets.dropped", stats, RxStats::totalDrops)
                .description("Received packets dropped (malformed, unknown call, over limits)").register(registry);

        Gauge.builder("rxgate.pool.connections", this, m -> m.state.clientConnections())
                .description("Client connections open to servers").register(registry);
        Gauge.builder("rxgate.pool.calls.active", this, m -> m.state.activeCalls())
                .description("Client calls in progress in the transport, waiting ones included").register(registry);
        Gauge.builder("rxgate.pool.calls.waiting", this, m -> m.state.waitingCalls())
                .description("Client calls queued for a free channel (connections per server at their limit)")
                .register(registry);
        Gauge.builder("rxgate.pool.peers", this, m -> m.state.peers()).register(registry);
        Gauge.builder("rxgate.pool.calls.in-flight", pool, p -> p.inFlight().size())
                .description("Calls admitted by the pool and not finished").register(registry);
        MultiGauge inFlightByServer = MultiGauge.builder("rxgate.pool.server.in-flight")
                .description("Calls in flight per server").register(registry);
        MultiGauge rejectedByServer = MultiGauge.builder("rxgate.pool.server.rejected")
                .description("Calls refused by the circuit breaker or bulkhead, per server").register(registry);
        MultiGauge srtt = MultiGauge.builder("rxgate.rx.peer.rtt").baseUnit("seconds")
                .description("Smoothed round-trip time per peer").register(registry);
        MultiGauge rto = MultiGauge.builder("rxgate.rx.peer.rto").baseUnit("seconds")
                .description("Retransmission timeout per peer").register(registry);

        scheduler.scheduleWithFixedDelay(() -> {
            endpoint.state().thenAccept(s -> state = s);
            List<ServerGuard> guards = List.copyOf(pool.guards());
            inFlightByServer.register(guards.stream().map(g -> MultiGauge.Row.of(tags(g), g, ServerGuard::inFlight))
                    .toList(), true);
            rejectedByServer.register(guards.stream().map(g -> MultiGauge.Row.of(tags(g), g, x -> x.rejected()))
                    .toList(), true);
            endpoint.peers().thenAccept(peers -> {
                srtt.register(peers.stream().map(p -> MultiGauge.Row.of(peerTags(p), p.smoothedRttMicros() / 1e6))
                        .toList(), true);
                rto.register(peers.stream().map(p -> MultiGauge.Row.of(peerTags(p), p.rtoMicros() / 1e6))
                        .toList(), true);
            });
        }, 0, REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    private static void counter(MeterRegistry registry, RxStats stats, String name, RxStats.Counter c, String tag,
            String value) {
        FunctionCounter.builder(name, stats, s -> s.get(c)).tag(tag, value).register(registry);
    }

    private static Tags tags(ServerGuard g) {
        return Tags.of("server", g.server().getAddress().getHostAddress() + ":" + g.server().getPort());
    }

    private static Tags peerTags(RxPeerState p) {
        return Tags.of("peer", p.address().getAddress().getHostAddress() + ":" + p.address().getPort());
    }
}
