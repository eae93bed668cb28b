package rxgate.gateway.pool;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import rxgate.gateway.ops.GatewayErrors;

/**
 * The {@code rxgate.rx.calls} timer: one sample per outgoing RxRPC call, tagged with the server,
 * the service, the opcode and the outcome ({@code ok} or the AFS error name), with a latency
 * histogram. Tag values are bounded: opcodes past {@link #MAX_OPCODES} distinct ones per service
 * (raw calls can send anything) are tagged {@code other}.
 */
public final class CallMetrics {
    public static final String NAME = "rxgate.rx.calls";
    static final int MAX_OPCODES = 64;
    private static final Map<Integer, String> SERVICES = Map.of(1, "fs", 52, "vl", 73, "pt", 4, "cb", 147, "rxperf",
            2503, "yfs-vl");
    private final MeterRegistry registry;
    private final Map<Integer, Set<Integer>> opcodesSeen = new ConcurrentHashMap<>();
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

    public CallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records one call that ended after {@code nanos} with {@code failure} (null = success). */
    public void record(InetSocketAddress server, int serviceId, int opcode, Throwable failure, long nanos) {
        String outcome = failure == null ? "ok" : GatewayErrors.classify(failure).errorName();
        TimerKey key = new TimerKey(server, serviceId, opcodeTag(serviceId, opcode), outcome);
        Timer t = timers.get(key);
        if (t == null) {
            t = timers.computeIfAbsent(key, k -> Timer.builder(NAME)
                    .description("Outgoing RxRPC calls")
                    .tag("server", k.server().getAddress().getHostAddress() + ":" + k.server().getPort())
                    .tag("service", serviceName(k.serviceId()))
                    .tag("opcode", k.opcode())
                    .tag("outcome", k.outcome())
                    .publishPercentileHistogram()
                    .register(registry));
        }
        t.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One timer's tags; the map of them is bounded like the tags (servers, opcodes, error names). */
    private record TimerKey(InetSocketAddress server, int serviceId, String opcode, String outcome) {
    }

    static String serviceName(int serviceId) {
        return SERVICES.getOrDefault(serviceId, String.valueOf(serviceId));
    }

    private String opcodeTag(int serviceId, int opcode) {
        if (opcode == Integer.MIN_VALUE) {
            return "none";
        }
        Set<Integer> seen = opcodesSeen.computeIfAbsent(serviceId, k -> ConcurrentHashMap.newKeySet());
        if (seen.contains(opcode) || (seen.size() < MAX_OPCODES && seen.add(opcode))) {
            return Integer.toString(opcode);
        }
        return "other";
    }
}
