package rxgate.rxrpc.services.ubik;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntUnaryOperator;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import rxgate.rxrpc.CallCompletion;
import rxgate.rxrpc.RxCallException;
import rxgate.rxrpc.errors.AfsErrors;
import rxgate.rxrpc.services.RpcCaller;
import rxgate.rxrpc.services.RpcCalls;

/**
 * Calls a ubik-replicated service (VL, PT) on one of a cell's database servers, failing over the
 * way OpenAFS's ubik client does (afs-rpcs.md §1.4; ubikclient.c {@code ubik_Call}):
 *
 * <ul>
 *   <li>the call goes to one server; if it fails with {@code UNOQUORUM}, {@code UNOTSYNC}, an
 *       Rx-level code ({@code RX_CALL_DEAD}, {@code RX_CALL_TIMEOUT}, {@code RX_RESTARTING},
 *       any other negative code except the rxgen marshalling codes -450..-457 and the local
 *       limit -10), or a network error, the next server is tried;</li>
 *   <li>success or any other error is returned at once (it is the database's answer);</li>
 *   <li>when every server has been tried, the last failure is returned, with the earlier ones
 *       attached as suppressed exceptions.</li>
 * </ul>
 *
 * <p>Servers that failed with a network-level error are remembered as down and tried last in
 * later calls (OpenAFS's two passes); each server is tried at most once per call. Like OpenAFS,
 * it learns which opcodes need the sync site (those that were answered UNOTSYNC) and sends them
 * to the last known sync site first.
 *
 * <p>Where to start is a {@link StartPolicy}. Asynchronous throughout: nothing blocks, and the
 * next attempt is made from the completion of the previous one. Thread-safe.
 */
public final class UbikCaller implements RpcCaller {

    /** Which server a call tries first (when no sync site applies). */
    public enum StartPolicy {
        /** The last server that answered (success or a definitive error); initially random. */
        STICKY,
        /** Each call starts one server further than the previous call. */
        ROUND_ROBIN,
        /** A random server each call. */
        RANDOM,
        /** Always the first listed server (OpenAFS's order after its start-up shuffle). */
        IN_ORDER
    }

    /**
     * The default fail-over rule: UNOQUORUM, UNOTSYNC, UNOSERVERS, negative Rx codes except
     * rxgen's -450..-457 and the local call limit -10, network errors and I/O exceptions.
     */
    public static final Predicate<Throwable> DEFAULT_FAILOVER = UbikCaller::isFailoverError;

    private final List<RpcCaller> servers;
    private final StartPolicy policy;
    private final IntUnaryOperator random;
    private final Predicate<Throwable> failover;
    private final AtomicIntegerArray down;
    private final AtomicInteger rotation;
    private final Set<Integer> needSyncOpcodes;
    private final AtomicInteger lastAnswered;
    private final AtomicInteger syncSite;

    private UbikCaller(Builder b) {
        this.servers = List.copyOf(b.servers);
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no database servers");
        }
        this.policy = b.policy;
        this.random = b.random;
        this.failover = b.failover;
        this.down = new AtomicIntegerArray(servers.size());
        this.rotation = new AtomicInteger(policy == StartPolicy.ROUND_ROBIN ? random.applyAsInt(servers.size()) : 0);
        this.needSyncOpcodes = ConcurrentHashMap.newKeySet();
        this.lastAnswered = new AtomicInteger(-1);
        this.syncSite = new AtomicInteger(-1);
    }

    /** A view of {@code base} over other callers of the same servers, sharing all its state. */
    private UbikCaller(UbikCaller base, List<RpcCaller> servers) {
        this.servers = List.copyOf(servers);
        this.policy = base.policy;
        this.random = base.random;
        this.failover = base.failover;
        this.down = base.down;
        this.rotation = base.rotation;
        this.needSyncOpcodes = base.needSyncOpcodes;
        this.lastAnswered = base.lastAnswered;
        this.syncSite = base.syncSite;
    }

    /**
     * A view of this caller whose calls to each server are limited to {@code timeout} (e.g. what
     * is left of a request's deadline); it shares this caller's state: down marks, last answered
     * server, sync site and rotation.
     */
    @Override
    public UbikCaller withTimeout(Duration timeout) {
        return mapServers(s -> s.withTimeout(timeout));
    }

    /**
     * A view of this caller over {@code f} applied to each server's caller (e.g. to track the
     * calls of one request), sharing all this caller's state.
     */
    public UbikCaller mapServers(UnaryOperator<RpcCaller> f) {
        return new UbikCaller(this, servers.stream().map(f).toList());
    }

    /** A caller over {@code servers} (one RpcCaller per database server, same service). */
    public static Builder builder(List<? extends RpcCaller> servers) {
        return new Builder(servers);
    }

    /** A caller with the default settings ({@link StartPolicy#STICKY}). */
    public static UbikCaller of(List<? extends RpcCaller> servers) {
        return builder(servers).build();
    }

    /** Settings of a {@link UbikCaller}. */
    public static final class Builder {
        private final List<RpcCaller> servers;
        private StartPolicy policy = StartPolicy.STICKY;
        private IntUnaryOperator random = n -> java.util.concurrent.ThreadLocalRandom.current().nextInt(n);
        private Predicate<Throwable> failover = DEFAULT_FAILOVER;

        private Builder(List<? extends RpcCaller> servers) {
            this.servers = new ArrayList<>(servers);
            this.servers.forEach(s -> Objects.requireNonNull(s, "server"));
        }

        public Builder startPolicy(StartPolicy p) {
            this.policy = Objects.requireNonNull(p);
            return this;
        }

        /** Source of random start indexes: given n, returns a value in 0..n-1 (tests pin it). */
        public Builder random(IntUnaryOperator nextInt) {
            this.random = Objects.requireNonNull(nextInt);
            return this;
        }

        /** Which failures move on to the next server (default {@link #DEFAULT_FAILOVER}). */
        public Builder failoverWhen(Predicate<Throwable> p) {
            this.failover = Objects.requireNonNull(p);
            return this;
        }

        public UbikCaller build() {
            return new UbikCaller(this);
        }
    }

    /** The servers, in the order given. */
    public List<RpcCaller> servers() {
        return servers;
    }

    /** Index of the server that answered last (success or definitive error), if any. */
    public OptionalInt lastAnswered() {
        int i = lastAnswered.get();
        return i < 0 ? OptionalInt.empty() : OptionalInt.of(i);
    }

    /** Index of the last known sync site, if one has been learnt. */
    public OptionalInt syncSite() {
        int i = syncSite.get();
        return i < 0 ? OptionalInt.empty() : OptionalInt.of(i);
    }

    /** Whether server {@code index} is currently marked down (failed with a network-level error). */
    public boolean isMarkedDown(int index) {
        return down.get(index) != 0;
    }

    @Override
    public String target() {
        StringBuilder sb = new StringBuilder("ubik[");
        for (int i = 0; i < servers.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(servers.get(i).target());
        }
        return sb.append(']').toString();
    }

    @Override
    public String toString() {
        return target();
    }

    @Override
    public CompletableFuture<byte[]> call(byte[] request) {
        int opcode = request.length >= 4
                ? ((request[0] & 0xFF) << 24) | ((request[1] & 0xFF) << 16) | ((request[2] & 0xFF) << 8) | (request[3] & 0xFF)
                : Integer.MIN_VALUE;
        int[] order = attemptOrder(opcode);
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        attempt(request, opcode, order, 0, new ArrayList<>(), result);
        return result;
    }

    /** The order servers are tried in for a call of {@code opcode}: up servers, then down ones. */
    int[] attemptOrder(int opcode) {
        int n = servers.size();
        int start;
        int sync = syncSite.get();
        if (sync >= 0 && needSyncOpcodes.contains(opcode)) {
            start = sync;
        } else {
            start = switch (policy) {
                case STICKY -> {
                    int last = lastAnswered.get();
                    yield last >= 0 ? last : Math.floorMod(random.applyAsInt(n), n);
                }
                case ROUND_ROBIN -> Math.floorMod(rotation.getAndIncrement(), n);
                case RANDOM -> Math.floorMod(random.applyAsInt(n), n);
                case IN_ORDER -> 0;
            };
        }
        int[] order = new int[n];
        int k = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < n; i++) {
                int idx = (start + i) % n;
                boolean isDown = down.get(idx) != 0;
                if (isDown == (pass == 1)) {
                    order[k++] = idx;
                }
            }
        }
        return order;
    }

    private void attempt(byte[] request, int opcode, int[] order, int k, List<Throwable> failures,
            CompletableFuture<byte[]> result) {
        int idx = order[k];
        CompletableFuture<byte[]> f;
        try {
            f = servers.get(idx).call(request);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((reply, error) -> {
            if (error == null) {
                answered(idx, opcode);
                result.complete(reply);
                return;
            }
            Throwable cause = RpcCalls.unwrap(error);
            if (!failover.test(cause)) {
                answered(idx, opcode);
                result.completeExceptionally(cause);
                return;
            }
            RxCallException rx = cause instanceof RxCallException r ? r : null;
            if (rx != null && rx.code() == AfsErrors.UNOTSYNC) {
                needSyncOpcodes.add(opcode);
                syncSite.compareAndSet(idx, -1);
            } else if (rx == null || rx.code() < 0 || rx.completion() == CallCompletion.NETWORK_ERROR) {
                down.set(idx, 1); // network-level failure: try this one last next time
                syncSite.compareAndSet(idx, -1);
            }
            if (k + 1 < order.length) {
                failures.add(cause);
                attempt(request, opcode, order, k + 1, failures, result);
            } else {
                for (Throwable earlier : failures) {
                    if (earlier != cause) {
                        cause.addSuppressed(earlier);
                    }
                }
                result.completeExceptionally(cause);
            }
        });
    }

    private void answered(int idx, int opcode) {
        down.set(idx, 0);
        lastAnswered.set(idx);
        if (needSyncOpcodes.contains(opcode)) {
            syncSite.set(idx);
        }
    }

    /** The default fail-over rule, see {@link #DEFAULT_FAILOVER}. */
    public static boolean isFailoverError(Throwable t) {
        Throwable c = RpcCalls.unwrap(t);
        if (c instanceof RxCallException rx) {
            if (rx.completion() == CallCompletion.NETWORK_ERROR) {
                return true;
            }
            int code = rx.code();
            if (code == AfsErrors.UNOQUORUM || code == AfsErrors.UNOTSYNC || code == AfsErrors.UNOSERVERS) {
                return true;
            }
            if (code >= AfsErrors.RXGEN_CC_XDRFREE && code <= AfsErrors.RXGEN_CC_MARSHAL) {
                return false; // stub/marshalling problems: the same on every server
            }
            if (code == AfsErrors.RX_CALL_BUSY_LOCAL) {
                return false; // our own call limit, not the server's fault
            }
            return code < 0;
        }
        return c instanceof IOException || c instanceof java.util.concurrent.TimeoutException;
    }
}
