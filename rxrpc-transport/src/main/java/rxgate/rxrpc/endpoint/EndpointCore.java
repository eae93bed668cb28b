package rxgate.rxrpc.endpoint;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import rxgate.rxrpc.RxCallOptions;
import rxgate.rxrpc.RxStats;
import rxgate.rxrpc.RxStats.Counter;
import rxgate.rxrpc.call.CallHost;
import rxgate.rxrpc.call.ReceiveBudget;
import rxgate.rxrpc.call.Call;
import rxgate.rxrpc.conn.ClientConnection;
import rxgate.rxrpc.conn.ConnectionBundle;
import rxgate.rxrpc.conn.ServiceConnection;
import rxgate.rxrpc.RxService;
import rxgate.rxrpc.errors.AfsErrors;
import rxgate.rxrpc.peer.Peer;
import rxgate.rxrpc.peer.PeerTable;
import rxgate.rxrpc.security.RxSecurityClass;
import rxgate.rxrpc.security.RxSecurityException;
import rxgate.rxrpc.wire.AckPacket;
import rxgate.rxrpc.wire.AckReason;
import rxgate.rxrpc.wire.AckTrailer;
import rxgate.rxrpc.wire.DataPacket;
import rxgate.rxrpc.wire.DropReason;
import rxgate.rxrpc.wire.Jumbogram;
import rxgate.rxrpc.wire.MalformedPacketException;
import rxgate.rxrpc.wire.PacketCodec;
import rxgate.rxrpc.wire.PacketFlags;
import rxgate.rxrpc.wire.PacketType;
import rxgate.rxrpc.wire.RxConstants;
import rxgate.rxrpc.wire.RxPacket;
import rxgate.rxrpc.wire.WireHeader;

/**
 * The engine of one endpoint: one UDP channel and one event loop (the I/O thread) that owns
 * every peer, connection and call of the endpoint, as the kernel's {@code rxrpc_local} and its
 * I/O thread do. The receive path decodes each datagram once, routes it (connection → channel →
 * call) and hands it to the call; application requests arrive as tasks on the same loop.
 *
 * <p>Internal: the public face is {@code rxgate.rxrpc.RxEndpoint}.
 */
public final class EndpointCore implements CallHost {
    private static final Logger LOG = Logger.getLogger(EndpointCore.class.getName());
    /** How often idle connections and peers are looked for. */
    private static final long REAP_INTERVAL_MILLIS = 1_000;

    private final EndpointConfig config;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Channel channel;
    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private final RxStats stats = new RxStats(DropReason.values().length);
    private final ReceiveBudget receiveBudget;
    private final PeerTable peers;
    private final Map<BundleKey, ConnectionBundle> bundles = new HashMap<>();
    private final IntObjectHashMap<ClientConnection> clientConnections = new IntObjectHashMap<>();
    private final DebugQueries debugQueries;
    private final DebugResponder debugResponder;
    private final IncomingCalls incoming;
    private final RxCallOptions defaultCallOptions;
    private final int epoch;
    private int nextCid;
    private int activeCalls;
    private final ScheduledFuture<?> reaper;
    private volatile boolean closed;

    private record BundleKey(InetSocketAddress address, int serviceId, Object securityIdentity, boolean upgrade) {
    }

    public EndpointCore(EndpointConfig config, RxCallOptions defaultCallOptions) throws InterruptedException {
        this.config = config;
        this.defaultCallOptions = defaultCallOptions;
        this.peers = new PeerTable(config.maxPeers());
        this.receiveBudget = new ReceiveBudget(config.maxReceiveBufferBytes());
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        // A random epoch with bit 31 set (§2.1): a restarted client never reuses (epoch, cid).
        this.epoch = rnd.nextInt() | RxConstants.RANDOM_EPOCH;
        this.nextCid = (rnd.nextInt(1 << 28) + 1) << 2;
        boolean epoll = config.preferNativeTransport() && Epoll.isAvailable();
        DefaultThreadFactory threads = new DefaultThreadFactory("rxgate-io", true);
        this.group = new MultiThreadIoEventLoopGroup(1, threads,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, config.socketBufferBytes())
                .option(ChannelOption.SO_SNDBUF, config.socketBufferBytes())
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(RxConstants.MAX_PACKET_SIZE + 1))
                .option(ChannelOption.ALLOCATOR, alloc)
                .handler(new io.netty.channel.ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (config.impairment() != null) {
                            ch.pipeline().addLast("impairment", new ImpairmentHandler(config.impairment()));
                        }
                        ch.pipeline().addLast("rx", new InboundHandler());
                    }
                });
        try {
            this.channel = b.bind(config.bindAddress()).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
        this.loop = channel.eventLoop();
        this.debugQueries = new DebugQueries(this);
        this.debugResponder = new DebugResponder(this);
        this.incoming = new IncomingCalls(this);
        this.reaper = loop.scheduleAtFixedRate(this::reap, REAP_INTERVAL_MILLIS, REAP_INTERVAL_MILLIS,
                TimeUnit.MILLISECONDS);
        LOG.fine(() -> "rx endpoint on " + channel.localAddress() + " (" + (epoll ? "epoll" : "nio") + ")");
    }

    // ------------------------------------------------------------------ facade operations (any thread)

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    public EndpointConfig config() {
        return config;
    }

    public int epoch() {
        return epoch;
    }

    public RxCallOptions defaultCallOptions() {
        return defaultCallOptions;
    }

    /** Offers {@code service} (any thread; takes effect on the loop before the future completes). */
    public CompletableFuture<Void> register(RxService service) {
        return onLoop(() -> {
            incoming.register(service);
            return null;
        });
    }

    /** Withdraws a service; calls in progress go on. */
    public CompletableFuture<Void> unregister(int serviceId) {
        return onLoop(() -> {
            incoming.unregister(serviceId);
            return null;
        });
    }

    public boolean isNative() {
        return channel instanceof EpollDatagramChannel;
    }

    /**
     * Creates a call and posts its start to the loop; returns at once. For a whole-reply call
     * ({@code wholeReply} non-null) the request is sent whole and the reply collected.
     */
    public Call newCall(InetSocketAddress server, int serviceId, RxSecurityClass security, boolean upgrade,
            RxCallOptions options, CompletableFuture<byte[]> wholeReply, byte[] request) {
        Call call = new Call(this, Call.Role.CLIENT, options, config.txQueuePackets(), config.rxWindowPackets(),
                wholeReply, config.maxReplyBytes());
        Runnable start = () -> startCall(call, server, serviceId, security, upgrade, request);
        if (loop.inEventLoop()) {
            start.run();
        } else {
            loop.execute(start);
        }
        return call;
    }

    private void startCall(Call call, InetSocketAddress server, int serviceId, RxSecurityClass security,
            boolean upgrade, byte[] request) {
        stats.inc(Counter.CALLS_STARTED);
        if (closed) {
            call.failLocally(AfsErrors.RX_CALL_DEAD, "endpoint closed");
            return;
        }
        long now = nanoTime();
        ConnectionBundle bundle = bundleFor(server, serviceId, security, upgrade, now);
        if (bundle == null) {
            call.failLocally(AfsErrors.RX_CALL_BUSY_LOCAL, "too many peers (limit " + peers.capacity() + ")");
            return;
        }
        call.bind(bundle);
        if (activeCalls >= config.maxCalls()) {
            call.failLocally(AfsErrors.RX_CALL_BUSY_LOCAL, "too many calls in progress (limit " + config.maxCalls() + ")");
            return;
        }
        activeCalls++;
        call.started();
        if (request != null) {
            call.appendTx(alloc.heapBuffer(request.length).writeBytes(request), true, new CompletableFuture<>());
        }
        allocateChannel(call, false);
    }

    private ConnectionBundle bundleFor(InetSocketAddress server, int serviceId, RxSecurityClass security,
            boolean upgrade, long now) {
        BundleKey key = new BundleKey(server, serviceId, security.identity(), upgrade);
        ConnectionBundle b = bundles.get(key);
        if (b == null) {
            Peer peer = peers.findOrCreate(server, now);
            if (peer == null) {
                return null;
            }
            b = new ConnectionBundle(peer, serviceId, security, config.maxConnectionsPerBundle(),
                    config.maxWaitingCallsPerBundle(), upgrade);
            bundles.put(key, b);
        }
        return b;
    }

    /** Puts {@code call} on a free channel, opening a connection if allowed, or queues it. */
    private void allocateChannel(Call call, boolean front) {
        ConnectionBundle bundle = call.bundle();
        long now = nanoTime();
        ClientConnection conn = bundle.findFree(now);
        if (conn == null && bundle.canOpen()) {
            conn = bundle.open(epoch, allocateCid(), now);
            clientConnections.put(conn.cid(), conn);
            stats.inc(Counter.CONNECTIONS_OPENED);
        }
        if (conn != null) {
            int ch = conn.freeChannel(now);
            int number = conn.attach(ch, call);
            call.attach(conn, ch, number);
        } else if (!bundle.enqueueWaiting(call, front)) {
            call.failLocally(AfsErrors.RX_CALL_BUSY_LOCAL, "too many calls waiting for a channel to "
                    + bundle.peer().address());
        }
    }

    private int allocateCid() {
        for (int tries = 0; tries < 1 << 20; tries++) {
            int cid = nextCid;
            nextCid += 4;
            if ((nextCid & RxConstants.CID_MASK) == 0) {
                nextCid = 4; // skip cid 0 after the wrap
            }
            if (cid != 0 && !clientConnections.containsKey(cid)) {
                return cid;
            }
        }
        throw new IllegalStateException("no free connection id");
    }

    // ------------------------------------------------------------------ CallHost (event loop)

    @Override
    public EventLoop eventLoop() {
        return loop;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public ByteBufAllocator alloc() {
        return alloc;
    }

    @Override
    public RxStats stats() {
        return stats;
    }

    @Override
    public int jumboMax() {
        return config.jumbograms() ? Call.ADVERTISED_JUMBO_MAX : 1;
    }

    @Override
    public ReceiveBudget receiveBudget() {
        return receiveBudget;
    }

    @Override
    public void send(Peer peer, ByteBuf datagram, int type) {
        int bytes = datagram.readableBytes();
        stats.packetSent(type, bytes);
        peer.countSent(bytes);
        sendRaw(datagram, peer.address());
    }

    /** Writes one datagram (event loop); failures are counted, never thrown. */
    void sendRaw(ByteBuf datagram, InetSocketAddress to) {
        if (!channel.isActive()) {
            datagram.release();
            return;
        }
        channel.write(new DatagramPacket(datagram, to)).addListener(f -> {
            if (!f.isSuccess()) {
                stats.inc(Counter.NET_SEND_FAILURES);
                LOG.log(Level.FINE, "send to " + to + " failed", f.cause());
                failPeerCalls(to, f.cause());
            }
        });
        scheduleFlush();
    }

    /**
     * Datagrams written during one pass of the event loop go out together: the receive path
     * flushes when a read batch ends, and other work (application commands, timers) through one
     * task queued behind it, so the native transport can hand several datagrams to the kernel in
     * one sendmmsg.
     */
    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            loop.execute(this::flushNow);
        }
    }

    private boolean flushScheduled;

    private void flushNow() {
        flushScheduled = false;
        channel.flush();
    }

    /**
     * The socket refused to send to {@code to} (no route, not permitted, bad address): the
     * calls to and from that peer fail now with a network error instead of waiting for their
     * timers. (The JVM does not pass ICMP errors of an unconnected UDP socket up, so a port
     * unreachable is still found by the dead-time timer.)
     */
    private void failPeerCalls(InetSocketAddress to, Throwable cause) {
        String why = "sending to " + to + " failed: " + (cause == null ? "unknown error" : cause.getMessage());
        for (ClientConnection c : clientConnectionList()) {
            if (c.peer().address().equals(to)) {
                c.retire();
                for (int ch = 0; ch < ClientConnection.CHANNELS; ch++) {
                    if (c.call(ch) instanceof Call call) {
                        call.failNetwork(AfsErrors.RX_CALL_DEAD, why);
                    }
                }
            }
        }
        for (ServiceConnection c : incoming.connectionList()) {
            if (c.peer().address().equals(to)) {
                for (int ch = 0; ch < ServiceConnection.CHANNELS; ch++) {
                    if (c.call(ch) instanceof Call call) {
                        call.failNetwork(AfsErrors.RX_CALL_DEAD, why);
                    }
                }
            }
        }
    }

    @Override
    public void releaseChannel(Call call) {
        if (call.connection() instanceof ServiceConnection sc) {
            incoming.releaseChannel(call, sc);
            return;
        }
        ClientConnection conn = (ClientConnection) call.connection();
        if (conn == null) {
            return;
        }
        long now = nanoTime();
        conn.detach(call.channel(), call, now);
        ConnectionBundle bundle = call.bundle();
        if (conn.retired() && conn.activeCalls() == 0) {
            dropConnection(conn);
        }
        serveWaiting(bundle, now);
    }

    /** Hands free channels (or a new connection) to calls waiting in {@code bundle}. */
    private void serveWaiting(ConnectionBundle bundle, long now) {
        while (bundle.waitingCount() > 0) {
            ClientConnection free = bundle.findFree(now);
            if (free == null && !bundle.canOpen()) {
                break;
            }
            allocateChannel((Call) bundle.pollWaiting(), true);
        }
    }

    @Override
    public void requeueAfterBusy(Call call, long delayNanos) {
        if (delayNanos <= 0) {
            allocateChannel(call, true);
            return;
        }
        loop.schedule(() -> {
            if (!call.ended()) {
                allocateChannel(call, true);
            }
        }, delayNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void callEnded(Call call) {
        if (call.role() == Call.Role.SERVER) {
            incoming.callEnded(call);
            return;
        }
        if (call.bundle() != null) {
            call.bundle().removeWaiting(call);
        }
        if (call.counted()) {
            activeCalls--;
        }
    }

    @Override
    public void retireConnection(Call call) {
        if (call.connection() instanceof ClientConnection conn) {
            conn.retire();
        }
    }

    private void dropConnection(ClientConnection conn) {
        clientConnections.remove(conn.cid());
        conn.bundle().remove(conn);
    }

    // ------------------------------------------------------------------ receive path (event loop)

    private final class InboundHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            receive(packet.content(), packet.sender());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // e.g. ICMP errors reported by the socket: never fatal for the endpoint
            stats.inc(Counter.NET_SEND_FAILURES);
            LOG.log(Level.FINE, "socket error", cause);
        }
    }

    /** Routes one datagram. Never throws: a bad packet is counted and dropped. */
    void receive(ByteBuf datagram, InetSocketAddress sender) {
        int bytes = datagram.readableBytes();
        RxPacket p;
        try {
            p = RxPacket.decode(datagram);
        } catch (MalformedPacketException e) {
            stats.inc(Counter.MALFORMED_PACKETS);
            drop(e.reason());
            return;
        }
        WireHeader h = p.header();
        stats.packetRead(h.type(), bytes);
        try {
            switch (h.type()) {
                case PacketType.VERSION -> onVersion(p, sender);
                case PacketType.DEBUG -> onDebug(p, sender);
                default -> {
                    if (h.isClientInitiated()) {
                        incoming.onPacket(p, sender, bytes);
                    } else {
                        onClientBound(p, sender, bytes);
                    }
                }
            }
        } catch (MalformedPacketException e) {
            stats.inc(Counter.MALFORMED_PACKETS);
            drop(e.reason());
        } catch (RuntimeException e) {
            // a bug must not kill the endpoint: count it and go on
            stats.inc(Counter.MALFORMED_PACKETS);
            LOG.log(Level.WARNING, "error handling " + h, e);
        }
    }

    void drop(DropReason reason) {
        stats.drop(reason.ordinal());
    }

    private void onVersion(RxPacket p, InetSocketAddress sender) {
        WireHeader h = p.header();
        if (h.isClientInitiated()) {
            if (p.bodyLength() >= 1 && p.body().getByte(p.body().readerIndex()) == 0) {
                debugResponder.answerVersion(h, sender);
            }
            // otherwise: a keepalive, never answered
        } else {
            debugQueries.onReply(h, p.body(), sender);
        }
    }

    private void onDebug(RxPacket p, InetSocketAddress sender) throws MalformedPacketException {
        WireHeader h = p.header();
        if (h.isClientInitiated()) {
            debugResponder.answerDebug(h, p.debugRequest(), sender);
        } else {
            debugQueries.onReply(h, p.body(), sender);
        }
    }

    /** A packet from a server on one of our client connections. */
    private void onClientBound(RxPacket p, InetSocketAddress sender, int bytes) throws MalformedPacketException {
        WireHeader h = p.header();
        ClientConnection conn = clientConnections.get(h.connectionId());
        if (conn == null || conn.epoch() != h.epoch() || !conn.peer().address().equals(sender)) {
            drop(DropReason.NO_CONNECTION);
            return;
        }
        if (h.securityIndex() != conn.securityIndex()) {
            drop(DropReason.BAD_SECURITY_INDEX);
            return;
        }
        if (!conn.acceptServiceId(h.serviceId())) {
            drop(DropReason.NOT_FOR_US);
            return;
        }
        Peer peer = conn.peer();
        long now = nanoTime();
        peer.touch(now);
        peer.countReceived(bytes);
        if (conn.markEstablished()) {
            serveWaiting(conn.bundle(), now); // the next connection to this server may open now
        }
        if (h.callNumber() == 0) {
            onConnectionPacket(conn, p);
            return;
        }
        int ch = h.channel();
        Object o = conn.call(ch);
        if (!(o instanceof Call call) || call.callNumber() != h.callNumber()) {
            int replyEnd = conn.completedReplyEnd(ch, h.callNumber());
            if (replyEnd != 0 && h.type() == PacketType.DATA) {
                // our final ACK was lost and the server resends its reply: ACK it again
                sendTerminalAck(conn, h, replyEnd);
                stats.inc(Counter.DUP_PACKETS_READ);
            } else {
                drop(h.callNumber() - conn.callNumber(ch) < 0 ? DropReason.STALE_CALL : DropReason.NO_CALL);
            }
            return;
        }
        List<DataPacket> jumboParts = h.type() == PacketType.DATA && h.has(PacketFlags.JUMBO_PACKET)
                ? Jumbogram.split(h, p.body()) : null;
        deliver(call, p, jumboParts);
    }

    /**
     * Hands a packet routed to {@code call} to it, on either side. {@code jumboParts} is the
     * already checked split of a jumbogram, or {@code null}. BUSY only means something to a
     * client call.
     */
    void deliver(Call call, RxPacket p, List<DataPacket> jumboParts) throws MalformedPacketException {
        WireHeader h = p.header();
        switch (h.type()) {
            case PacketType.DATA -> {
                stats.inc(Counter.DATA_PACKETS_READ);
                if (jumboParts != null) {
                    stats.inc(Counter.JUMBOGRAMS_READ);
                    deliverJumbo(call, jumboParts);
                } else {
                    call.onData(h, p.body());
                }
            }
            case PacketType.ACK -> {
                stats.inc(Counter.ACK_PACKETS_READ);
                call.onAck(h, p.ack());
            }
            case PacketType.ABORT -> call.onAbort(p.abortCode());
            case PacketType.ACKALL -> call.onAckAll();
            case PacketType.BUSY -> {
                if (call.role() == Call.Role.CLIENT) {
                    call.onBusy();
                } else {
                    drop(DropReason.UNEXPECTED_TYPE);
                }
            }
            default -> drop(DropReason.UNEXPECTED_TYPE);
        }
    }

    /** Files each sub-packet of a jumbogram in its own slot, annotated with its position. */
    private static void deliverJumbo(Call call, List<DataPacket> parts) {
        int n = parts.size();
        for (int i = 0; i < n; i++) {
            DataPacket d = parts.get(i);
            int annotation = (i + 1) | (i == n - 1 ? rxgate.rxrpc.call.RxWindow.ANNOTATION_JUMBO_LAST : 0);
            call.onData(d.header(), d.payload(), annotation);
        }
    }

    private void onConnectionPacket(ClientConnection conn, RxPacket p) throws MalformedPacketException {
        WireHeader h = p.header();
        switch (h.type()) {
            case PacketType.ABORT -> {
                int code = p.abortCode();
                conn.connectionAborted(code);
                for (int ch = 0; ch < ClientConnection.CHANNELS; ch++) {
                    if (conn.call(ch) instanceof Call call) {
                        call.onConnectionAbort(code);
                    }
                }
                if (conn.activeCalls() == 0) {
                    dropConnection(conn);
                }
            }
            case PacketType.CHALLENGE -> {
                if (conn.activeCalls() == 0) {
                    // as OpenAFS: no RESPONSE without a call that needs it, so a forged CHALLENGE
                    // cannot use us as an oracle (rxkad.md §5.1)
                    drop(DropReason.UNEXPECTED_TYPE);
                    return;
                }
                try {
                    ByteBuf response = conn.security().respondToChallenge(h, p.body(), alloc);
                    WireHeader rh = new WireHeader(conn.epoch(), conn.cid(), 0, 0, conn.nextSerial(),
                            PacketType.RESPONSE, PacketFlags.CLIENT_INITIATED, 0, conn.securityIndex(), 0,
                            conn.serviceId());
                    ByteBuf dgram = alloc.directBuffer(RxConstants.HEADER_SIZE + response.readableBytes());
                    rh.encodeTo(dgram);
                    dgram.writeBytes(response);
                    response.release();
                    send(conn.peer(), dgram, PacketType.RESPONSE);
                } catch (RxSecurityException e) {
                    abortClientConnection(conn, e.abortCode(), e.getMessage());
                }
            }
            default -> drop(DropReason.UNEXPECTED_TYPE);
        }
    }

    /** Aborts one of our client connections with {@code code}: a connection ABORT, then its calls end. */
    private void abortClientConnection(ClientConnection conn, int code, String why) {
        WireHeader ah = new WireHeader(conn.epoch(), conn.cid(), 0, 0, conn.nextSerial(), PacketType.ABORT,
                PacketFlags.CLIENT_INITIATED, 0, conn.securityIndex(), 0, conn.serviceId());
        ByteBuf dgram = alloc.directBuffer(PacketCodec.ABORT_LENGTH);
        PacketCodec.writeAbort(dgram, ah, code);
        send(conn.peer(), dgram, PacketType.ABORT);
        stats.inc(Counter.ABORT_PACKETS_SENT);
        conn.connectionAborted(code);
        for (int ch = 0; ch < ClientConnection.CHANNELS; ch++) {
            if (conn.call(ch) instanceof Call call) {
                call.abortLocally(code, why);
            }
        }
    }

    /**
     * A received packet failed its security check: it is dropped (counted) and, as OpenAFS's
     * rxi_ReadProc does, the whole connection is aborted with the code.
     */
    @Override
    public void securityFailure(Call call, RxSecurityException e) {
        drop(DropReason.SECURITY_CHECK);
        if (call.connection() instanceof ServiceConnection sc) {
            incoming.abortConnection(sc, e.abortCode(), e.getMessage());
        } else if (call.connection() instanceof ClientConnection cc) {
            abortClientConnection(cc, e.abortCode(), e.getMessage());
        }
        call.abortLocally(e.abortCode(), e.getMessage()); // in case it was on neither
    }

    private void sendTerminalAck(ClientConnection conn, WireHeader h, int replyEnd) {
        AckPacket ack = new AckPacket(0, 0, replyEnd, replyEnd - 1, h.serial(), AckReason.DUPLICATE, new byte[0],
                new AckTrailer(Call.ADVERTISED_MAX_MTU, Call.ADVERTISED_IF_MTU,
                        config.rxWindowPackets(), jumboMax()));
        WireHeader ah = new WireHeader(conn.epoch(), h.cid(), h.callNumber(), 0, conn.nextSerial(), PacketType.ACK,
                PacketFlags.CLIENT_INITIATED | PacketFlags.SLOW_START_OK, 0, conn.securityIndex(), 0,
                conn.serviceId());
        ByteBuf dgram = alloc.directBuffer(PacketCodec.ackLength(ack));
        PacketCodec.writeAck(dgram, ah, ack);
        send(conn.peer(), dgram, PacketType.ACK);
        stats.inc(Counter.ACK_PACKETS_SENT);
    }

    private long replyWindowStartNanos;
    private int repliesInWindow;

    /**
     * Whether one more unsolicited answer (BUSY, or an ABORT for a packet with no connection) may
     * go out this second: at most {@code maxBusyPerSecond}, so a flood with forged sources cannot
     * turn the endpoint into a reflector.
     */
    boolean replyAllowed() {
        long now = nanoTime();
        if (now - replyWindowStartNanos > 1_000_000_000L) {
            replyWindowStartNanos = now;
            repliesInWindow = 0;
        }
        if (repliesInWindow >= config.maxBusyPerSecond()) {
            return false;
        }
        repliesInWindow++;
        return true;
    }

    /** An ABORT for a packet that has no connection here (OpenAFS's "raw" abort, §6.1), rate-limited. */
    void sendRawAbort(WireHeader offending, InetSocketAddress to, int code) {
        if (!replyAllowed()) {
            stats.inc(Counter.BUSY_SUPPRESSED);
            return;
        }
        int flags = offending.isClientInitiated() ? 0 : PacketFlags.CLIENT_INITIATED;
        WireHeader h = new WireHeader(offending.epoch(), offending.cid(), offending.callNumber(), 0, 0,
                PacketType.ABORT, flags, 0, offending.securityIndex(), 0, offending.serviceId());
        ByteBuf dgram = alloc.directBuffer(PacketCodec.ABORT_LENGTH);
        PacketCodec.writeAbort(dgram, h, code);
        stats.packetSent(PacketType.ABORT, dgram.readableBytes());
        stats.inc(Counter.ABORT_PACKETS_SENT);
        sendRaw(dgram, to);
    }

    // ------------------------------------------------------------------ housekeeping

    private void reap() {
        long now = nanoTime();
        long idleNanos = config.connectionIdleTime().toNanos();
        List<BundleKey> emptyBundles = new ArrayList<>();
        for (Map.Entry<BundleKey, ConnectionBundle> e : bundles.entrySet()) {
            ConnectionBundle b = e.getValue();
            for (ClientConnection c : new ArrayList<>(b.connections())) {
                if (c.activeCalls() == 0 && (c.retired() || now - c.idleSinceNanos() > idleNanos)) {
                    dropConnection(c);
                    stats.inc(Counter.CONNECTIONS_EXPIRED);
                }
            }
            if (b.isEmpty()) {
                emptyBundles.add(e.getKey());
            }
        }
        for (BundleKey k : emptyBundles) {
            bundles.remove(k);
        }
        long peerIdle = config.peerIdleTime().toNanos();
        incoming.reap(now);
        peers.expire(p -> now - p.lastActivityNanos() > peerIdle && !hasBundle(p) && !incoming.usesPeer(p));
        debugQueries.expire(now);
    }

    private boolean hasBundle(Peer p) {
        for (ConnectionBundle b : bundles.values()) {
            if (b.peer() == p) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ introspection

    public RxStats stats0() {
        return stats;
    }

    public PeerTable peers() {
        return peers;
    }

    /** Client connections (event loop only). */
    public List<ClientConnection> clientConnectionList() {
        return new ArrayList<>(clientConnections.values());
    }

    public int clientConnectionCount() {
        return clientConnections.size();
    }

    public int activeCalls() {
        return activeCalls;
    }

    /** Client calls queued for a free channel, over all servers. */
    public int waitingCalls() {
        int n = 0;
        for (ConnectionBundle b : bundles.values()) {
            n += b.waitingCount();
        }
        return n;
    }

    public int serviceConnectionCount() {
        return incoming.connectionCount();
    }

    public int activeServiceCalls() {
        return incoming.activeServiceCalls();
    }

    /** Service connections (event loop only). */
    public List<ServiceConnection> serviceConnectionList() {
        return incoming.connectionList();
    }

    public DebugQueries debugQueries() {
        return debugQueries;
    }

    /** Runs {@code task} on the loop and returns its result (not for use on the loop itself). */
    public <T> CompletableFuture<T> onLoop(java.util.function.Supplier<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                f.complete(task.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f;
    }

    /** Fails every call, closes the socket and stops the loop. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                reaper.cancel(false);
                for (ClientConnection c : clientConnectionList()) {
                    for (int ch = 0; ch < ClientConnection.CHANNELS; ch++) {
                        if (c.call(ch) instanceof Call call) {
                            call.abortLocally(AfsErrors.RX_CALL_DEAD, "endpoint closed");
                        }
                    }
                }
                for (ConnectionBundle b : new ArrayList<>(bundles.values())) {
                    Object w;
                    while ((w = b.pollWaiting()) != null) {
                        ((Call) w).failLocally(AfsErrors.RX_CALL_DEAD, "endpoint closed");
                    }
                }
                incoming.abortAll(AfsErrors.RX_CALL_DEAD, "endpoint closed");
                debugQueries.failAll();
            } finally {
                done.complete(null);
            }
        });
        try {
            done.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.FINE, "close", e);
        }
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
