package rxgate.gateway.pool;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import rxgate.rxrpc.RxClient;
import rxgate.rxrpc.RxEndpoint;
import rxgate.rxrpc.security.RxSecurityClass;

/**
 * Owns every outgoing RxRPC connection of the gateway. Clients are keyed by (server address,
 * service id, security identity and level): keys with different identities never share a
 * connection (the endpoint's bundles enforce it too). The endpoint under it reuses connections
 * and their 4 channels, bounds connections per server and calls waiting for a channel, and
 * closes idle connections; this class adds, per server, a Resilience4j circuit breaker named
 * {@code rx-<ip>:<port>} and bulkhead of the same name (configured with the usual
 * {@code resilience4j.circuitbreaker.*} and {@code resilience4j.bulkhead.*} properties), the
 * per-call time limit from {@code resilience4j.timelimiter} (applied as the call's hard timeout,
 * so an expired call is aborted with RX_CALL_TIMEOUT), and the calls-in-flight registry used at
 * shutdown. Thread-safe.
 */
public final class RxConnectionManager {
    /** One pool key. */
    public record Key(InetSocketAddress server, int serviceId, Object securityIdentity) {
    }

    /** A pool key and the state of its server, for health details and metrics. */
    public record KeyState(String server, String service, String security, String circuit, int inFlight,
            long calls, long rejected, long serverFaults) {
    }

    private final RxEndpoint endpoint;
    private final CircuitBreakerRegistry breakers;
    private final BulkheadRegistry bulkheads;
    private final TimeLimiterRegistry timeLimiters;
    private final CallMetrics metrics;
    private final int maxKeys;
    private final InFlightCalls inFlight = new InFlightCalls();
    private final Map<Key, RxClient> clients = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, ServerGuard> guards = new ConcurrentHashMap<>();

    public RxConnectionManager(RxEndpoint endpoint, CircuitBreakerRegistry breakers, BulkheadRegistry bulkheads,
            TimeLimiterRegistry timeLimiters, CallMetrics metrics, int maxKeys) {
        this.endpoint = endpoint;
        this.breakers = breakers;
        this.bulkheads = bulkheads;
        this.timeLimiters = timeLimiters;
        this.metrics = metrics;
        this.maxKeys = maxKeys;
    }

    /**
     * The client for {@code serviceId} on {@code server} with {@code security}, made once per key.
     * Its calls have the endpoint's default timeouts; callers narrow them with
     * {@link RxClient#withOptions} (see {@link #timeLimit}).
     */
    public RxClient client(InetSocketAddress server, int serviceId, RxSecurityClass security) {
        Key key = new Key(server, serviceId, security.identity());
        RxClient c = clients.get(key);
        if (c != null) {
            return c;
        }
        if (clients.size() >= maxKeys) {
            throw new IllegalStateException("connection pool full: " + maxKeys + " server/service/identity keys");
        }
        return clients.computeIfAbsent(key, k -> new GuardedRxClient(
                endpoint.client(server, serviceId, security, endpoint.defaultCallOptions()), guard(server), metrics,
                inFlight));
    }

    /** The admission guard of {@code server}. */
    public ServerGuard guard(InetSocketAddress server) {
        return guards.computeIfAbsent(server, s -> {
            String name = "rx-" + s.getAddress().getHostAddress() + ":" + s.getPort();
            return new ServerGuard(s, breakers.circuitBreaker(name), bulkheads.bulkhead(name));
        });
    }

    /** The time limit of one whole call to {@code server} ({@code resilience4j.timelimiter}). */
    public Duration timeLimit(InetSocketAddress server) {
        String name = "rx-" + server.getAddress().getHostAddress() + ":" + server.getPort();
        return timeLimiters.timeLimiter(name).getTimeLimiterConfig().getTimeoutDuration();
    }

    public Collection<ServerGuard> guards() {
        return guards.values();
    }

    /** Every key with its server's state, sorted by server then service. */
    public List<KeyState> keys() {
        List<KeyState> out = new ArrayList<>();
        clients.keySet().stream()
                .sorted(java.util.Comparator.comparing((Key k) -> k.server().toString()).thenComparing(Key::serviceId))
                .forEach(k -> {
                    ServerGuard g = guard(k.server());
                    out.add(new KeyState(k.server().getAddress().getHostAddress() + ":" + k.server().getPort(),
                            CallMetrics.serviceName(k.serviceId()), String.valueOf(k.securityIdentity()),
                            g.breaker().getState().name(), g.inFlight(), g.calls(), g.rejected(), g.serverFaults()));
                });
        return out;
    }

    public InFlightCalls inFlight() {
        return inFlight;
    }

    public RxEndpoint endpoint() {
        return endpoint;
    }
}
