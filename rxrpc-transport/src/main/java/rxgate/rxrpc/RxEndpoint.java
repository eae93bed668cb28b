package rxgate.rxrpc;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import rxgate.rxrpc.endpoint.EndpointConfig;
import rxgate.rxrpc.errors.AfsErrors;
import rxgate.rxrpc.endpoint.EndpointCore;
import rxgate.rxrpc.security.NullSecurity;
import rxgate.rxrpc.security.RxSecurityClass;

/**
 * One UDP socket speaking Rx: the client side of RxRPC (calls to AFS servers), the rxdebug
 * client, and answers to rxdebug queries. One event loop thread owns all protocol state; every
 * method here is thread-safe and non-blocking (except {@link #close()}).
 *
 * <pre>{@code
 * try (RxEndpoint ep = RxEndpoint.builder().build()) {
 *     RxClient vl = ep.client(new InetSocketAddress("10.0.0.1", 7003), 52);
 *     byte[] reply = vl.call(request).get();
 * }
 * }</pre>
 */
public final class RxEndpoint implements AutoCloseable {
    /** The smallest preallocation per service (the kernel's lower bound). */
    public static final int MIN_BACKLOG = 4;
    private final EndpointCore core;
    private final RxCallOptions defaults;

    private RxEndpoint(EndpointCore core, RxCallOptions defaults) {
        this.core = core;
        this.defaults = defaults;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Settings of a new endpoint; every limit bounds memory. */
    public static final class Builder {
        private InetSocketAddress bind = new InetSocketAddress(0);
        private boolean preferNative = true;
        private int socketBufferBytes = 4 << 20;
        private int maxPeers = 4096;
        private int maxCalls = 10_000;
        private int maxConnectionsPerBundle = 64;
        private int maxWaitingCallsPerBundle = 4096;
        private int txQueuePackets = 256;
        private int rxWindowPackets = 128;
        private long maxReplyBytes = 64L << 20;
        private Duration connectionIdleTime = Duration.ofMinutes(2);
        private Duration peerIdleTime = Duration.ofMinutes(10);
        private int maxDebugQueries = 256;
        private String versionString = "rxgate 0.1.0 (pure-Java RxRPC)";
        private RxCallOptions callOptions = RxCallOptions.DEFAULTS;
        private int maxBacklog = 32;
        private int maxServiceConnections = 4096;
        private int maxServiceConnectionsPerPeer = 1024;
        private int maxServiceCalls = 4096;
        private int maxServiceCallsPerPeer = 256;
        private int maxBusyPerSecond = 2000;
        private Duration serviceConnectionIdleTime = Duration.ofMinutes(10);
        private final java.util.List<RxService> services = new java.util.ArrayList<>();
        private Impairment impairment;
        private long maxReceiveBufferBytes = 128L << 20;
        private boolean jumbograms = true;

        /**
         * Whether to advertise and send jumbograms (default true). Off, every datagram carries one
         * packet, as with OpenAFS servers, which disable them.
         */
        public Builder jumbograms(boolean on) {
            this.jumbograms = on;
            return this;
        }

        /** Idle service connections are closed after this (default 10 min). */
        public Builder serviceConnectionIdleTime(Duration d) {
            this.serviceConnectionIdleTime = Objects.requireNonNull(d);
            return this;
        }

        /**
         * Memory that received, unread data may pin (default 128 MiB). Packets are held as slices
         * of their 16 KiB receive buffers; past this they are copied into buffers of their size.
         */
        public Builder maxReceiveBufferBytes(long n) {
            this.maxReceiveBufferBytes = n;
            return this;
        }

        /** Fault injection for tests: seeded loss, duplication and reordering both ways. */
        public Builder impairment(Impairment i) {
            this.impairment = i;
            return this;
        }

        /** Offers a service from the start (see also {@link RxEndpoint#register}). */
        public Builder service(RxService service) {
            services.add(Objects.requireNonNull(service));
            return this;
        }

        /**
         * Upper limit of every service's preallocation, clamped to {@value #MIN_BACKLOG}..32 as the
         * kernel's {@code max_backlog} (default 32).
         */
        public Builder maxBacklog(int n) {
            this.maxBacklog = Math.max(MIN_BACKLOG, Math.min(32, n));
            return this;
        }

        /** Service connections held at once; idle ones are evicted first (default 4096). */
        public Builder maxServiceConnections(int n) {
            this.maxServiceConnections = n;
            return this;
        }

        /** Service connections one peer may hold (default 1024). */
        public Builder maxServiceConnectionsPerPeer(int n) {
            this.maxServiceConnectionsPerPeer = n;
            return this;
        }

        /** Service calls in progress at once (default 4096); beyond it new calls get BUSY. */
        public Builder maxServiceCalls(int n) {
            this.maxServiceCalls = n;
            return this;
        }

        /** Service calls one peer may have in progress (default 256). */
        public Builder maxServiceCallsPerPeer(int n) {
            this.maxServiceCallsPerPeer = n;
            return this;
        }

        /**
         * Unsolicited answers (BUSY, and ABORTs for packets without a connection) per second at
         * most (default 2000); the rest are dropped and counted as BUSY_SUPPRESSED.
         */
        public Builder maxBusyPerSecond(int n) {
            this.maxBusyPerSecond = n;
            return this;
        }

        /** Local address and port (default: any address, ephemeral port). */
        public Builder bind(InetSocketAddress address) {
            this.bind = Objects.requireNonNull(address);
            return this;
        }

        /** A call that hears nothing from its peer this long fails with RX_CALL_DEAD (default 12 s). */
        public Builder deadTime(Duration d) {
            callOptions = callOptions.withDeadTime(d);
            return this;
        }

        /** A call without progress this long fails with RX_CALL_TIMEOUT (default: none). */
        public Builder idleTimeout(Duration d) {
            callOptions = callOptions.withIdleTimeout(d);
            return this;
        }

        /** Hard limit on a call's life; RX_CALL_TIMEOUT when exceeded (default: none). */
        public Builder hardTimeout(Duration d) {
            callOptions = callOptions.withHardTimeout(d);
            return this;
        }

        /** Use Linux epoll when available (default true); NIO otherwise. */
        public Builder preferNativeTransport(boolean b) {
            this.preferNative = b;
            return this;
        }

        public Builder socketBufferBytes(int n) {
            this.socketBufferBytes = n;
            return this;
        }

        public Builder maxPeers(int n) {
            this.maxPeers = n;
            return this;
        }

        /** Client calls in progress at once (default 10,000); more fail with RX_CALL_BUSY. */
        public Builder maxCalls(int n) {
            this.maxCalls = n;
            return this;
        }

        /** Connections to one (server, service, security) (default 64, i.e. 256 channels). */
        public Builder maxConnectionsPerServer(int n) {
            this.maxConnectionsPerBundle = n;
            return this;
        }

        /** Calls queued for a channel to one (server, service, security) (default 4096). */
        public Builder maxWaitingCallsPerServer(int n) {
            this.maxWaitingCallsPerBundle = n;
            return this;
        }

        /** Transmit queue per call in packets (default 256). */
        public Builder txQueuePackets(int n) {
            this.txQueuePackets = n;
            return this;
        }

        /** Receive window per call in packets, a power of two ≤ 256 (default 128). */
        public Builder rxWindowPackets(int n) {
            this.rxWindowPackets = n;
            return this;
        }

        /** Largest reply {@link RxClient#call} collects whole (default 64 MiB). */
        public Builder maxReplyBytes(long n) {
            this.maxReplyBytes = n;
            return this;
        }

        /** Idle client connections are closed after this (default 2 min). */
        public Builder connectionIdleTime(Duration d) {
            this.connectionIdleTime = d;
            return this;
        }

        /** What VERSION requests are answered with. */
        public Builder versionString(String s) {
            this.versionString = s;
            return this;
        }

        /** Binds the socket and starts the I/O thread. */
        public RxEndpoint build() {
            EndpointConfig config = new EndpointConfig(bind, preferNative, socketBufferBytes, maxPeers, maxCalls,
                    maxConnectionsPerBundle, maxWaitingCallsPerBundle, txQueuePackets, rxWindowPackets,
                    maxReplyBytes, connectionIdleTime, peerIdleTime, maxDebugQueries, versionString,
                    MIN_BACKLOG, maxBacklog, maxServiceConnections, maxServiceConnectionsPerPeer, maxServiceCalls,
                    maxServiceCallsPerPeer, maxBusyPerSecond, serviceConnectionIdleTime, impairment,
                    maxReceiveBufferBytes, jumbograms);
            try {
                RxEndpoint ep = new RxEndpoint(new EndpointCore(config, callOptions), callOptions);
                for (RxService svc : services) {
                    ep.register(svc).join();
                }
                return ep;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while binding " + bind, e);
            }
        }
    }

    /** A client for {@code serviceId} at {@code server}, null security, the endpoint's timeouts. */
    public RxClient client(InetSocketAddress server, int serviceId) {
        return client(server, serviceId, NullSecurity.INSTANCE, defaults);
    }

    /** A client for {@code serviceId} at {@code server} with a security class and timeouts. */
    public RxClient client(InetSocketAddress server, int serviceId, RxSecurityClass security, RxCallOptions options) {
        Objects.requireNonNull(server, "server");
        if (server.isUnresolved()) {
            throw new IllegalArgumentException("unresolved address " + server);
        }
        if (serviceId < 0 || serviceId > 0xFFFF) {
            throw new IllegalArgumentException("service id out of range: " + serviceId);
        }
        return new EndpointClient(server, serviceId, Objects.requireNonNull(security), Objects.requireNonNull(options),
                false);
    }

    /** The endpoint's default call timeouts. */
    public RxCallOptions defaultCallOptions() {
        return defaults;
    }

    /** Offers {@code service} on this endpoint; completes once incoming calls are accepted. */
    public CompletableFuture<Void> register(RxService service) {
        return core.register(service);
    }

    /** Withdraws a service; calls in progress go on, new ones are refused. */
    public CompletableFuture<Void> unregister(int serviceId) {
        return core.unregister(serviceId);
    }

    /** rx VERSION query (what {@code rxdebug -version} does); completes with the version string. */
    public CompletableFuture<String> version(InetSocketAddress target, Duration timeout) {
        return core.debugQueries().version(target, timeout);
    }

    /**
     * rx DEBUG query: sends {@code rx_debugIn{type,index}} and completes with the raw reply body
     * (big-endian struct as described in rxrpc-protocol.md §7).
     */
    public CompletableFuture<byte[]> debug(InetSocketAddress target, int type, int index, Duration timeout) {
        return core.debugQueries().debug(target, type, index, timeout);
    }

    public InetSocketAddress localAddress() {
        return core.localAddress();
    }

    /** Whether the native (epoll) transport is in use. */
    public boolean isNativeTransport() {
        return core.isNative();
    }

    /** Counters of this endpoint (see {@link RxStats}). */
    public RxStats stats() {
        return core.stats();
    }

    /** A consistent snapshot of the endpoint's occupancy, taken on its I/O thread. */
    public CompletableFuture<RxEndpointState> state() {
        return core.onLoop(() -> new RxEndpointState(core.peers().size(), core.clientConnectionCount(),
                core.activeCalls(), core.serviceConnectionCount(), core.activeServiceCalls(), core.waitingCalls()));
    }

    /** The peers the endpoint knows, with their RTT estimates and packet counts. */
    public CompletableFuture<List<RxPeerState>> peers() {
        return core.onLoop(() -> core.peers().snapshot().stream()
                .map(p -> new RxPeerState(p.address(), p.rtt().smoothedRttMicros(), p.rtt().rttVarMicros(),
                        p.rtt().rtoMicros(), p.rtt().sampleCount(), p.packetsSent(), p.packetsReceived(),
                        p.retransmissions()))
                .toList());
    }

    /** Fails calls in progress with RX_CALL_DEAD, closes the socket and stops the I/O thread. */
    @Override
    public void close() {
        core.close();
    }

    private final class EndpointClient implements RxClient {
        private final InetSocketAddress server;
        private final int serviceId;
        private final RxSecurityClass security;
        private final RxCallOptions options;
        private final boolean upgrade;

        EndpointClient(InetSocketAddress server, int serviceId, RxSecurityClass security, RxCallOptions options,
                boolean upgrade) {
            this.server = server;
            this.serviceId = serviceId;
            this.security = security;
            this.options = options;
            this.upgrade = upgrade;
        }

        @Override
        public InetSocketAddress server() {
            return server;
        }

        @Override
        public int serviceId() {
            return serviceId;
        }

        @Override
        public CompletableFuture<byte[]> call(byte[] request) {
            CompletableFuture<byte[]> reply = new CompletableFuture<>();
            RxCall call = core.newCall(server, serviceId, security, upgrade, options, reply, request.clone());
            reply.whenComplete((r, e) -> {
                if (e instanceof CancellationException) {
                    call.abort(AfsErrors.RX_USER_ABORT); // the caller gave up (deadline, cancellation)
                }
            });
            return reply;
        }

        @Override
        public RxCall newCall() {
            return core.newCall(server, serviceId, security, upgrade, options, null, null);
        }

        @Override
        public RxClient withOptions(RxCallOptions newOptions) {
            return new EndpointClient(server, serviceId, security, newOptions, upgrade);
        }

        @Override
        public RxClient withServiceUpgrade() {
            return new EndpointClient(server, serviceId, security, options, true);
        }

        @Override
        public RxCallOptions options() {
            return options;
        }
    }
}
