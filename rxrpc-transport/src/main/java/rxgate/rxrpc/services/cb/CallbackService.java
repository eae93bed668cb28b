package rxgate.rxrpc.services.cb;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import rxgate.rxrpc.RxAbortException;
import rxgate.rxrpc.RxEndpoint;
import rxgate.rxrpc.RxService;
import rxgate.rxrpc.RxServiceCall;
import rxgate.rxrpc.errors.AfsErrors;
import rxgate.rxrpc.services.AfsUuid;
import rxgate.rxrpc.services.fs.AfsCallBack;
import rxgate.rxrpc.services.fs.AfsFid;
import rxgate.rxrpc.xdr.XdrException;
import rxgate.rxrpc.xdr.XdrReader;
import rxgate.rxrpc.xdr.XdrWriter;

/**
 * The cache-manager callback service (RXAFSCB_, service 1; afs-rpcs.md §5.6–5.7) that every AFS
 * client must answer <b>on the same endpoint (UDP port) it makes its fileserver calls from</b>: a
 * fileserver calls it back (TellMeAboutYourself, InitCallBackState3) before it runs the client's
 * first call, and holds or fails the client's calls when it gets no answer.
 *
 * <p>Answers Probe, InitCallBackState/InitCallBackState3, ProbeUuid (with our own UUID, stable
 * for the life of this object), WhoAreYou and TellMeAboutYourself (the endpoint's interfaces and
 * our capabilities: ERRORTRANS by default, so fileserver errors arrive as the named "uae" codes),
 * and CallBack, whose broken promises become {@link CallbackEvent}s: kept in a bounded queue
 * ({@link #poll()}, oldest dropped when full, counted by {@link #droppedEvents()}) and handed to
 * {@link #addListener listeners} after the reply has gone out. Every other opcode is aborted
 * with RXGEN_OPCODE (-455), undecodable arguments with RXGEN_SS_UNMARSHAL (-453).
 *
 * <p>Use: {@code CallbackService cb = CallbackService.builder().build(); cb.installOn(endpoint);}
 * before the first FS call. Thread-safe.
 */
public final class CallbackService {
    private final AfsUuid uuid;
    private volatile Supplier<List<InterfaceAddr.Iface>> interfaces;
    private final boolean explicitInterfaces;
    private final int capabilities;
    private final int queueCapacity;
    private final Executor executor;
    private final Clock clock;
    private final ArrayDeque<CallbackEvent> queue = new ArrayDeque<>();
    private final List<Consumer<? super CallbackEvent>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private final Map<Integer, LongAdder> answered = new ConcurrentHashMap<>();
    private final LongAdder aborted = new LongAdder();

    private CallbackService(Builder b) {
        this.uuid = b.uuid != null ? b.uuid : newClientUuid();
        this.interfaces = b.interfaces;
        this.explicitInterfaces = b.explicitInterfaces;
        this.capabilities = b.capabilities;
        this.queueCapacity = b.queueCapacity;
        this.executor = b.executor;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A fresh random (version 4) afsUUID. */
    public static AfsUuid newClientUuid() {
        SecureRandom r = new SecureRandom();
        long node = r.nextLong() & 0xFFFF_FFFF_FFFFL;
        return new AfsUuid(r.nextInt(), r.nextInt() & 0xFFFF, (r.nextInt() & 0x0FFF) | 0x4000,
                (r.nextInt() & 0x3F) | 0x80, r.nextInt() & 0xFF, node);
    }

    /** Our client UUID (what TellMeAboutYourself/WhoAreYou report and ProbeUuid checks). */
    public AfsUuid uuid() {
        return uuid;
    }

    /** The interfaces we report. */
    public List<InterfaceAddr.Iface> interfaces() {
        return interfaces.get();
    }

    /** The capability word we report in TellMeAboutYourself. */
    public int capabilities() {
        return capabilities;
    }

    /** The {@link RxService} (service id 1, request/reply) to register on the FS endpoint. */
    public RxService rxService() {
        return RxService.requestReply(CbOpcodes.SERVICE_ID, this::handle).executor(executor)
                .maxRequestBytes(64 * 1024).build();
    }

    /**
     * Registers this service on {@code endpoint} and waits until it accepts calls. If the
     * builder was given no interfaces, the endpoint's own addresses are reported.
     */
    public CallbackService installOn(RxEndpoint endpoint) {
        if (!explicitInterfaces) {
            InetAddress bound = endpoint.localAddress().getAddress();
            interfaces = () -> InterfaceAddr.localInterfaces(bound);
        }
        endpoint.register(rxService()).join();
        return this;
    }

    // ------------------------------------------------------------------ events

    /** Adds a listener for callback events (runs on the service's executor, after the reply). */
    public AutoCloseable addListener(Consumer<? super CallbackEvent> listener) {
        listeners.add(Objects.requireNonNull(listener));
        return () -> listeners.remove(listener);
    }

    /** The oldest queued event, or {@code null}. */
    public CallbackEvent poll() {
        synchronized (queue) {
            return queue.pollFirst();
        }
    }

    /** Takes every queued event, oldest first. */
    public List<CallbackEvent> drain() {
        synchronized (queue) {
            List<CallbackEvent> l = new ArrayList<>(queue);
            queue.clear();
            return l;
        }
    }

    /** Events dropped because the queue was full. */
    public long droppedEvents() {
        return dropped.get();
    }

    /** How many calls of each opcode were answered successfully (a snapshot, by opcode). */
    public Map<Integer, Long> answeredCalls() {
        Map<Integer, Long> m = new TreeMap<>();
        answered.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** How many calls were aborted (unknown opcode, bad arguments, ProbeUuid mismatch). */
    public long abortedCalls() {
        return aborted.sum();
    }

    // ------------------------------------------------------------------ calls

    private CompletableFuture<byte[]> handle(RxServiceCall call, byte[] request) {
        try {
            return CompletableFuture.completedFuture(answer(call.peerAddress(), request));
        } catch (RxAbortException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Answers one request (opcode + arguments) from {@code server}: the reply bytes, or
     * {@link RxAbortException} with the abort code. Events it produces are delivered
     * asynchronously (after the reply, when called through the endpoint).
     */
    public byte[] answer(InetSocketAddress server, byte[] request) {
        XdrReader r = new XdrReader(request);
        int opcode;
        try {
            opcode = r.readInt();
        } catch (XdrException e) {
            aborted.increment();
            throw new RxAbortException(AfsErrors.RXGEN_DECODE, "request without an opcode");
        }
        byte[] reply;
        try {
            reply = switch (opcode) {
                case CbOpcodes.PROBE -> new byte[0];
                case CbOpcodes.INIT_CALLBACK_STATE -> {
                    publish(new CallbackEvent.StateReset(server, clock.instant(), null));
                    yield new byte[0];
                }
                case CbOpcodes.INIT_CALLBACK_STATE3 -> {
                    AfsUuid serverUuid = AfsUuid.decode(r);
                    publish(new CallbackEvent.StateReset(server, clock.instant(), serverUuid));
                    yield new byte[0];
                }
                case CbOpcodes.PROBE_UUID -> {
                    AfsUuid asked = AfsUuid.decode(r);
                    if (!asked.equals(uuid)) {
                        aborted.increment();
                        throw new RxAbortException(1, "ProbeUuid " + asked + " is not our UUID " + uuid);
                    }
                    yield new byte[0];
                }
                case CbOpcodes.WHO_ARE_YOU -> {
                    XdrWriter w = new XdrWriter(InterfaceAddr.SIZE);
                    new InterfaceAddr(uuid, interfaces.get()).encodeTo(w);
                    yield w.toByteArray();
                }
                case CbOpcodes.TELL_ME_ABOUT_YOURSELF -> {
                    XdrWriter w = new XdrWriter(InterfaceAddr.SIZE + 8);
                    new InterfaceAddr(uuid, interfaces.get()).encodeTo(w);
                    w.writeInt(1).writeInt(capabilities);
                    yield w.toByteArray();
                }
                case CbOpcodes.CALLBACK -> {
                    int n = r.readCount(CbOpcodes.AFSCBMAX, AfsFid.SIZE);
                    List<AfsFid> fids = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        fids.add(AfsFid.decode(r));
                    }
                    int m = r.readCount(CbOpcodes.AFSCBMAX, AfsCallBack.SIZE);
                    List<AfsCallBack> cbs = new ArrayList<>(m);
                    for (int i = 0; i < m; i++) {
                        cbs.add(AfsCallBack.decode(r));
                    }
                    publish(new CallbackEvent.Broken(server, clock.instant(), fids, cbs));
                    yield new byte[0];
                }
                default -> {
                    aborted.increment();
                    throw new RxAbortException(AfsErrors.RXGEN_OPCODE, CbOpcodes.name(opcode));
                }
            };
        } catch (XdrException | IllegalArgumentException e) {
            aborted.increment();
            throw new RxAbortException(AfsErrors.RXGEN_SS_UNMARSHAL, CbOpcodes.name(opcode) + ": " + e.getMessage());
        }
        answered.computeIfAbsent(opcode, k -> new LongAdder()).increment();
        return reply;
    }

    private void publish(CallbackEvent e) {
        executor.execute(() -> {
            synchronized (queue) {
                if (queue.size() >= queueCapacity) {
                    queue.pollFirst();
                    dropped.incrementAndGet();
                }
                queue.addLast(e);
            }
            for (Consumer<? super CallbackEvent> l : listeners) {
                try {
                    l.accept(e);
                } catch (RuntimeException ignored) {
                    // a listener's failure must not affect the others
                }
            }
        });
    }

    /** Settings of a {@link CallbackService}. */
    public static final class Builder {
        private AfsUuid uuid;
        private Supplier<List<InterfaceAddr.Iface>> interfaces = () -> InterfaceAddr.localInterfaces(null);
        private boolean explicitInterfaces;
        private int capabilities = CbOpcodes.CLIENT_CAPABILITY_ERRORTRANS;
        private int queueCapacity = 1024;
        private Executor executor = ForkJoinPool.commonPool();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Our client UUID (default: a random one, fixed for the life of the service). */
        public Builder uuid(AfsUuid u) {
            if (u == null || u.isNil()) {
                throw new IllegalArgumentException("the client UUID must not be nil");
            }
            this.uuid = u;
            return this;
        }

        /** The interfaces reported (default: every non-loopback IPv4 interface that is up). */
        public Builder interfaces(List<InterfaceAddr.Iface> list) {
            List<InterfaceAddr.Iface> copy = List.copyOf(list);
            if (copy.size() > CbOpcodes.MAX_INTERFACE_ADDR) {
                throw new IllegalArgumentException("at most 32 interfaces");
            }
            this.interfaces = () -> copy;
            this.explicitInterfaces = true;
            return this;
        }

        /** Reports the interfaces a socket bound to {@code address} is reachable on. */
        public Builder interfacesOf(InetAddress address) {
            this.interfaces = () -> InterfaceAddr.localInterfaces(address);
            this.explicitInterfaces = true;
            return this;
        }

        /** The capability word (default CLIENT_CAPABILITY_ERRORTRANS; 0 for raw errno codes). */
        public Builder capabilities(int c) {
            this.capabilities = c;
            return this;
        }

        /** Most events kept for {@link #poll()} (default 1024); the oldest is dropped when full. */
        public Builder queueCapacity(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("queue capacity must be positive");
            }
            this.queueCapacity = n;
            return this;
        }

        /** Where calls are answered and listeners run (default: the common pool). */
        public Builder executor(Executor e) {
            this.executor = Objects.requireNonNull(e);
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c);
            return this;
        }

        public CallbackService build() {
            return new CallbackService(this);
        }
    }
}
