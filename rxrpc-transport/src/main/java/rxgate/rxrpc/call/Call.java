package rxgate.rxrpc.call;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import rxgate.rxrpc.CallCompletion;
import rxgate.rxrpc.RxCall;
import rxgate.rxrpc.RxServiceCall;
import rxgate.rxrpc.conn.RxConnection;
import rxgate.rxrpc.RxCallException;
import rxgate.rxrpc.RxCallOptions;
import rxgate.rxrpc.RxStats.Counter;
import rxgate.rxrpc.cc.CongestionController;
import rxgate.rxrpc.cc.NewRenoCongestionController;
import rxgate.rxrpc.conn.ClientConnection;
import rxgate.rxrpc.conn.ConnectionBundle;
import rxgate.rxrpc.errors.AfsErrors;
import rxgate.rxrpc.peer.Peer;
import rxgate.rxrpc.rtt.RttEstimator;
import rxgate.rxrpc.security.ConnectionSecurity;
import rxgate.rxrpc.security.NullSecurity;
import rxgate.rxrpc.security.RxPrincipal;
import rxgate.rxrpc.security.RxSecurityException;
import rxgate.rxrpc.wire.AckPacket;
import rxgate.rxrpc.wire.DropReason;
import rxgate.rxrpc.wire.AckReason;
import rxgate.rxrpc.wire.AckTrailer;
import rxgate.rxrpc.wire.PacketCodec;
import rxgate.rxrpc.wire.PacketFlags;
import rxgate.rxrpc.wire.PacketType;
import rxgate.rxrpc.wire.RxConstants;
import rxgate.rxrpc.wire.WireHeader;

/**
 * One call, on either side, as the kernel's {@code rxrpc_call}: a transmit phase (segmentation,
 * send window, congestion control, retransmission) and a receive phase (receive window, ACKs),
 * with its timers. A client call sends the request and receives the reply; a service call
 * receives the request and sends the reply.
 *
 * <p>Threading: the public {@link RxCall} methods may be called from any thread and only post
 * commands to the endpoint's event loop; every other method runs on that loop (the counterpart
 * of the kernel's I/O thread), so the protocol state needs no locks.
 */
public final class Call implements RxServiceCall {

    /** Which side of the call we are. */
    public enum Role {
        /** We made the call: transmit the request, then receive the reply. */
        CLIENT,
        /** A client called us: receive the request, then transmit the reply. */
        SERVER
    }

    /** Payload bytes per DATA packet with null security: fits every peer and jumbograms (§3.2). */
    public static final int MAX_PAYLOAD = RxConstants.JUMBO_DATA_LENGTH;
    /** Largest Rx packet we accept, advertised in ACK trailers: four jumbo sub-packets. */
    public static final int ADVERTISED_MAX_MTU = RxConstants.HEADER_SIZE + RxConstants.JUMBO_DATA_LENGTH
            + 3 * RxConstants.JUMBO_SUBPACKET_LENGTH;
    /** Sub-packets per jumbogram we accept (trailer word 3). */
    public static final int ADVERTISED_JUMBO_MAX = 4;
    /** Interface MTU word of our trailers (no path-MTU discovery). */
    public static final int ADVERTISED_IF_MTU = RxConstants.REMOTE_PACKET_SIZE;
    /** Send window assumed before the peer's first ACK trailer (OpenAFS rx_initSendWindow). */
    static final int INITIAL_PEER_RWIND = 16;
    /** Implementation limit: the largest send window we use, whatever the peer offers. */
    static final int MAX_SEND_WINDOW = 255;
    /** Implementation limit: un-consumed application write chunks held per call. */
    static final int MAX_PENDING_SENDS = 64;
    /** Bytes handed to the application per {@link #receive()}. */
    static final int READ_CHUNK = 64 * 1024;
    /** A channel that answered BUSY is avoided this long. */
    static final long BUSY_AVOID_NANOS = TimeUnit.MILLISECONDS.toNanos(1000);
    /** userStatus of DATA seq 1 on a connection that probes for a service upgrade (§2.6). */
    static final int SERVICE_UPGRADE_PROBE = 1;
    /** Wait added per BUSY answer before the call tries again (capped below). */
    static final long BUSY_BACKOFF_STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    static final long BUSY_MAX_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** BUSY answers tolerated before the call gives up. */
    static final int MAX_BUSY_RETRIES = 64;
    /** Ask for an ACK on a phase's last packet when the RTT estimate is older than this. */
    static final long RTT_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Smallest reordering allowance before a packet overtaken by a later one is called lost. */
    static final long MIN_REORDER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How long an OpenAFS peer may delay an ACK that was not asked for (rx_softAckDelay, §4.5). */
    static final long PEER_ACK_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Largest reordering allowance the adaptation may reach (RFC 8985 caps it at one srtt; we allow more on a LAN). */
    static final long MAX_REORDER_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final CallHost host;
    private final Role role;
    /** Client calls: set on the event loop when the call starts. */
    private ConnectionBundle bundle;
    private Peer peer;
    private int serviceId;
    /** Service calls: what the application attached to the preallocated call. */
    private Object userContext;
    /** Service calls: the authenticated client, set on the loop before the call is dispatched. */
    private volatile RxPrincipal principal;
    private boolean counted;
    private final RxCallOptions options;
    private final TxQueue tx;
    private final RxWindow rx;
    private final CongestionController cc;
    private final CompletableFuture<Void> completion = new CompletableFuture<>();
    /** Non-null for calls that collect the received phase whole ({@code RxClient.call}, simple services). */
    private final CompletableFuture<byte[]> wholeReceived;
    private final long maxWholeBytes;
    private long startNanos;

    private CallState state = CallState.AWAIT_CHANNEL;
    private RxConnection conn;
    private int channel = -1;
    private int callNumber;
    private int maxPayload = MAX_PAYLOAD;

    private ByteBuf partial;
    private boolean txEnded;
    private final ArrayDeque<PendingSend> pendingSends = new ArrayDeque<>();
    private int nextToSend = 1;
    private int peerRwind = INITIAL_PEER_RWIND;
    private int recoveryEnd;
    private int lastAckFirst;
    private int lastAckPrev;

    private ByteArrayOutputStream collected;
    private CompletableFuture<ByteBuffer> pendingRead;
    private int unackedReceived;
    private int lastAdvertisedRwind;

    private long lastReceiveNanos;
    private long lastSendNanos;
    private long lastProgressNanos;
    private long rtoDeadline;
    /** When a packet sent before an acknowledged one will have waited long enough to be called lost. */
    private long lossDeadline;
    /** Serial of the latest transmission the peer has acknowledged (0 = none yet). */
    private int highestAckedSerial;
    /** Entering fast recovery: resend the first lost packet even if the window is full. */
    private boolean retransmitNow;
    /** Reordering allowance, doubled each time a retransmission proves spurious (RFC 8985 §6.2). */
    private long reorderNanos = MIN_REORDER_NANOS;
    /** Tail-loss probe (RFC 8985 §7): when to resend the last packet if no ACK has come. */
    private long probeDeadline;
    /** Probes sent since the last ACK that acknowledged something new. */
    private int probesSent;
    /** Whether the latest transmission asked for an immediate ACK (else the peer may delay it). */
    private boolean lastSentRequestedAck;
    /** The peer's window stopped us with nothing in flight: when to probe it with a PING. */
    private long windowProbeDeadline;
    private long delayedAckDeadline;
    private int pingSerial;
    private long pingSentNanos;
    private int busyRetries;

    private ScheduledFuture<?> timer;
    private long timerAt;

    private CallCompletion outcome;
    private int abortCode;
    private String outcomeDetail;

    private record PendingSend(ByteBuf data, boolean last, CompletableFuture<Void> done) {
    }

    /**
     * @param wholeReceived non-null to collect the whole reply into one array instead of streaming it
     */
    public Call(CallHost host, Role role, RxCallOptions options, int txCapacity,
            int rxCapacity, CompletableFuture<byte[]> wholeReceived, long maxWholeBytes) {
        this.host = host;
        this.role = role;
        this.state = role == Role.CLIENT ? CallState.AWAIT_CHANNEL : CallState.RECV_REQUEST;
        this.options = options;
        this.tx = new TxQueue(txCapacity);
        this.rx = new RxWindow(rxCapacity, host.receiveBudget());
        this.cc = new NewRenoCongestionController(NewRenoCongestionController.INITIAL_WINDOW, MAX_SEND_WINDOW);
        this.wholeReceived = wholeReceived;
        this.maxWholeBytes = maxWholeBytes;
        this.startNanos = host.nanoTime();
        this.lastReceiveNanos = startNanos;
        this.lastProgressNanos = startNanos;
        this.lastAdvertisedRwind = rxCapacity;
        if (wholeReceived != null) {
            collected = new ByteArrayOutputStream(256);
        }
    }

    // ------------------------------------------------------------------ application side (any thread)

    @Override
    public CompletableFuture<Void> send(ByteBuffer data, boolean last) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ByteBuf copy = data.hasRemaining() ? Unpooled.copiedBuffer(data) : Unpooled.EMPTY_BUFFER;
        host.eventLoop().execute(() -> appendTx(copy, last, done));
        return done;
    }

    @Override
    public CompletableFuture<ByteBuffer> receive() {
        CompletableFuture<ByteBuffer> f = new CompletableFuture<>();
        host.eventLoop().execute(() -> readFor(f));
        return f;
    }

    @Override
    public void abort(int code) {
        host.eventLoop().execute(() -> abortLocally(code, "aborted by the application"));
    }

    @Override
    public CompletableFuture<Void> completion() {
        return completion;
    }

    // ------------------------------------------------------------------ event loop: accessors

    public ConnectionBundle bundle() {
        return bundle;
    }

    /** Binds a client call to its bundle when it starts on the loop. */
    public void bind(ConnectionBundle b) {
        this.bundle = b;
        this.peer = b.peer();
        this.serviceId = b.serviceId();
        // the request may be cut into packets before a connection is found: size them for the class now
        setPayloadSize(b.security().headerBytes(), b.security().blockBytes());
    }

    public Role role() {
        return role;
    }

    public Peer peer() {
        return peer;
    }

    @Override
    public int serviceId() {
        return serviceId;
    }

    @Override
    public java.net.InetSocketAddress peerAddress() {
        return peer.address();
    }

    @Override
    public Object userContext() {
        return userContext;
    }

    @Override
    public Optional<RxPrincipal> principal() {
        return Optional.ofNullable(principal);
    }

    /** The endpoint records who the client is before it hands the call to the service (event loop). */
    public void principal(RxPrincipal p) {
        this.principal = p;
    }

    /** The application's context for a preallocated service call. */
    public void userContext(Object ctx) {
        this.userContext = ctx;
    }

    /** The endpoint counted the call among its active calls. */
    public void started() {
        counted = true;
    }

    public boolean counted() {
        return counted;
    }

    public RxConnection connection() {
        return conn;
    }

    public int channel() {
        return channel;
    }

    public int callNumber() {
        return callNumber;
    }

    public CallState state() {
        return state;
    }

    public boolean ended() {
        return outcome != null;
    }

    // ------------------------------------------------------------------ event loop: request data

    /** Queues bytes of our transmit phase from the application (event loop). */
    public void appendTx(ByteBuf data, boolean last, CompletableFuture<Void> done) {
        if (outcome != null) {
            data.release();
            failFuture(done);
            return;
        }
        if (txEnded) {
            data.release();
            done.completeExceptionally(new IllegalStateException((role == Role.CLIENT ? "request" : "reply")
                    + " already ended"));
            return;
        }
        if (role == Role.SERVER && state == CallState.RECV_REQUEST) {
            startReply();
        }
        if (pendingSends.size() >= MAX_PENDING_SENDS) {
            data.release();
            done.completeExceptionally(new IllegalStateException(
                    "too many sends without waiting for their futures (backpressure)"));
            return;
        }
        pendingSends.addLast(new PendingSend(data, last, done));
        drainPendingSends();
        pump();
        armTimer();
    }

    /** Cuts pending application data into packets while the transmit queue has room. */
    private void drainPendingSends() {
        PendingSend p;
        while ((p = pendingSends.peekFirst()) != null) {
            ByteBuf data = p.data;
            while (data.isReadable()) {
                if (partial == null) {
                    partial = host.alloc().heapBuffer(maxPayload, maxPayload);
                }
                int n = Math.min(data.readableBytes(), maxPayload - partial.readableBytes());
                partial.writeBytes(data, n);
                if (partial.readableBytes() == maxPayload && data.isReadable()) {
                    if (!tx.hasRoom()) {
                        return; // resumed when ACKs free the queue
                    }
                    tx.add(partial, false);
                    partial = null;
                }
            }
            if (p.last) {
                if (!tx.hasRoom()) {
                    return;
                }
                ByteBuf lastPayload = partial != null ? partial : Unpooled.EMPTY_BUFFER;
                partial = null;
                tx.add(lastPayload, true);
                txEnded = true;
            }
            pendingSends.pollFirst();
            data.release();
            p.done.complete(null);
        }
    }

    // ------------------------------------------------------------------ event loop: channel

    /** The endpoint found a channel for the client call (event loop). */
    public void attach(RxConnection connection, int chan, int number) {
        this.conn = connection;
        this.channel = chan;
        this.callNumber = number;
        this.state = CallState.SEND_REQUEST;
        setPayloadSize(connection);
        pump();
        armTimer();
    }

    /**
     * Makes a preallocated service call live on {@code connection}'s {@code chan} for the client's
     * call {@code number} (event loop, receive path: no allocation beyond this object's fields).
     */
    public void attachIncoming(RxConnection connection, int chan, int number) {
        this.conn = connection;
        this.channel = chan;
        this.callNumber = number;
        this.peer = connection.peer();
        this.serviceId = connection.serviceId();
        this.state = CallState.RECV_REQUEST;
        this.startNanos = host.nanoTime();
        this.lastReceiveNanos = startNanos;
        this.lastProgressNanos = startNanos;
        setPayloadSize(connection);
        armTimer(); // the dead time runs from now, whatever arrives (or does not) next
    }

    /**
     * The client started its next call on this channel while we were sending or had sent the
     * reply: that is its final acknowledgement (§2.5, §4.6).
     */
    public void completeImplicitly() {
        if (outcome == null) {
            if (txEnded && nextToSend == tx.nextSeq()) {
                finish(CallCompletion.SUCCEEDED, 0, null);
            } else {
                abortLocally(AfsErrors.RX_CALL_DEAD, "client moved on before the reply was sent");
            }
        }
    }

    /** The service answered: the request phase is over (the reply acknowledges it). */
    private void startReply() {
        state = CallState.SEND_REPLY;
        delayedAckDeadline = 0;
        unackedReceived = 0;
    }

    private void setPayloadSize(RxConnection connection) {
        setPayloadSize(connection.security().headerBytes(), connection.security().blockBytes());
    }

    private void setPayloadSize(int overhead, int block) {
        int mp = MAX_PAYLOAD - overhead;
        this.maxPayload = mp - (mp % Math.max(1, block));
    }

    // ------------------------------------------------------------------ event loop: transmit

    /** Sends what the windows allow: lost packets first, then new ones. */
    private void pump() {
        if (conn == null || outcome != null || !transmitting()) {
            return;
        }
        int inFlight = inFlight();
        int window = Math.max(1, cc.window());
        int limitSeq = tx.hardAckBase() + Math.max(1, peerRwind);
        long now = host.nanoTime();
        for (int seq = tx.hardAckBase(); seq != nextToSend && (inFlight < window || retransmitNow); seq++) {
            TxSegment s = tx.get(seq);
            if (s != null && s.lost) {
                s.lost = false;
                retransmitNow = false;
                transmit(List.of(s), true, now);
                inFlight++;
            }
        }
        retransmitNow = false;
        while (nextToSend != tx.nextSeq() && inFlight < window && nextToSend - limitSeq < 0) {
            int room = Math.min(window - inFlight, limitSeq - nextToSend);
            List<TxSegment> group = jumboGroup(room);
            transmit(group, false, now);
            nextToSend += group.size();
            inFlight += group.size();
        }
        // Stopped by the peer's window with nothing in flight: if the ACK that reopens it is lost,
        // only a probe gets us going again (the counterpart of TCP's persist timer).
        boolean windowBlocked = nextToSend != tx.nextSeq() && nextToSend - limitSeq >= 0 && inFlight == 0;
        if (!windowBlocked) {
            windowProbeDeadline = 0;
        } else if (windowProbeDeadline == 0) {
            windowProbeDeadline = now + peer.rtt().rtoMicros() * 1000L;
        }
    }

    /** The next packets to send in one datagram: several only when the peer takes jumbograms. */
    private List<TxSegment> jumboGroup(int room) {
        TxSegment first = tx.get(nextToSend);
        int max = Math.min(Math.min(Math.min(peer.jumboMax(), host.jumboMax()), room),
                (peer.maxPacketBytes() - RxConstants.HEADER_SIZE + RxConstants.JUMBO_HEADER_SIZE)
                        / RxConstants.JUMBO_SUBPACKET_LENGTH);
        if (max <= 1 || first.length() != RxConstants.JUMBO_DATA_LENGTH || first.last) {
            return List.of(first);
        }
        List<TxSegment> group = new ArrayList<>(max);
        group.add(first);
        for (int seq = nextToSend + 1; group.size() < max && seq != tx.nextSeq(); seq++) {
            TxSegment s = tx.get(seq);
            group.add(s);
            if (s.length() != RxConstants.JUMBO_DATA_LENGTH || s.last) {
                break;
            }
        }
        return group;
    }

    /** CLIENT_INITIATED on every packet the client side sends, never on the server's (§1.2). */
    private int directionFlag() {
        return role == Role.CLIENT ? PacketFlags.CLIENT_INITIATED : 0;
    }

    /** Whether our transmit phase is under way (packets may be in flight and ACKs matter). */
    private boolean transmitting() {
        return role == Role.CLIENT ? state == CallState.SEND_REQUEST
                : state == CallState.SEND_REPLY;
    }

    private int inFlight() {
        int n = 0;
        for (int seq = tx.hardAckBase(); seq != nextToSend; seq++) {
            TxSegment s = tx.get(seq);
            if (s != null && s.inFlight()) {
                n++;
            }
        }
        return n;
    }

    /** Builds and sends one datagram holding {@code group} (one packet, or a jumbogram). */
    private void transmit(List<TxSegment> group, boolean retransmission, long now) {
        int n = group.size();
        TxSegment lastSeg = group.get(n - 1);
        boolean requestAck = retransmission || wantAck(lastSeg, now);
        ConnectionSecurity sec = conn.security();
        boolean plain = sec instanceof NullSecurity;
        WireHeader[] headers = new WireHeader[n];
        ByteBuf[] bodies = new ByteBuf[n];
        int size = RxConstants.HEADER_SIZE;
        for (int i = 0; i < n; i++) {
            TxSegment s = group.get(i);
            int serial = conn.nextSerial();
            int flags = directionFlag();
            if (s.last) {
                flags |= PacketFlags.LAST_PACKET;
            }
            if (i < n - 1) {
                flags |= PacketFlags.JUMBO_PACKET;
            } else if (requestAck) {
                flags |= PacketFlags.REQUEST_ACK;
            }
            int userStatus = s.seq == 1 && conn instanceof ClientConnection c && c.probingUpgrade()
                    ? SERVICE_UPGRADE_PROBE : 0;
            WireHeader h = new WireHeader(conn.epoch(), conn.cid() | channel, callNumber, s.seq, serial,
                    PacketType.DATA, flags, userStatus, conn.securityIndex(), 0, conn.serviceId());
            ByteBuf body;
            if (plain) {
                body = s.payload.duplicate();
            } else {
                // the security class works on its own copy: header space, the data, room for padding
                body = host.alloc().heapBuffer(sec.headerBytes() + s.length() + sec.blockBytes());
                body.writeZero(sec.headerBytes());
                body.writeBytes(s.payload, s.payload.readerIndex(), s.length());
                h = h.withChecksum(sec.secureData(h, body) & 0xFFFF);
            }
            headers[i] = h;
            bodies[i] = body;
            size += body.readableBytes() + (i > 0 ? RxConstants.JUMBO_HEADER_SIZE : 0);
            s.lastSerial = serial;
            s.sentNanos = now;
            s.jumboNonLast = i < n - 1;
            s.transmissions++;
            if (retransmission) {
                host.stats().inc(Counter.DATA_PACKETS_RESENT);
                peer.countRetransmission();
            }
            host.stats().inc(Counter.DATA_PACKETS_SENT);
        }
        ByteBuf dgram = host.alloc().directBuffer(size);
        for (int i = 0; i < n; i++) {
            WireHeader h = headers[i];
            if (i == 0) {
                h.encodeTo(dgram);
            } else {
                dgram.writeByte(h.flags());
                dgram.writeByte(0);
                dgram.writeShort(h.checksum());
            }
            dgram.writeBytes(bodies[i]);
            if (!plain) {
                bodies[i].release();
            }
        }
        if (n > 1) {
            host.stats().inc(Counter.JUMBOGRAMS_SENT);
        }
        host.send(peer, dgram, PacketType.DATA);
        lastSendNanos = now;
        if (rtoDeadline == 0) {
            rtoDeadline = now + peer.rtt().rtoMicros() * 1000L;
        }
        lastSentRequestedAck = requestAck;
        if (probesSent == 0) {
            armProbe(now);
        }
    }

    /**
     * Arms the tail-loss probe two smoothed RTTs ahead, plus 1 ms for the peer's scheduling when
     * our last packet asked for an immediate ACK, or plus the peer's delayed-ACK time (OpenAFS:
     * 100 ms; a client request's last packet may only be answered by the reply) when it did not.
     * A lost last packet, or a lost ACK, then costs a probe instead of a retransmission timeout.
     * Unlike RFC 8985 (one probe), probes repeat with a doubling interval until the RTO is due:
     * an Rx peer answers a REQUEST_ACK at once, so a probe is cheap and a second one is often
     * what survives a lossy path; the window is not touched by probes.
     */
    private void armProbe(long now) {
        long srtt = peer.rtt().smoothedRttMicros() * 1000L;
        long rto = peer.rtt().rtoMicros() * 1000L;
        if (srtt == 0) {
            probeDeadline = 0;
            return;
        }
        long extra = lastSentRequestedAck ? TimeUnit.MILLISECONDS.toNanos(1) : PEER_ACK_DELAY_NANOS;
        long pto = (2 * srtt + extra) << Math.min(probesSent, 20);
        probeDeadline = pto < rto ? now + pto : 0;
    }

    /** Resends the highest outstanding packet with REQUEST_ACK, leaving the window alone. */
    private void sendProbe(long now) {
        probeDeadline = 0;
        for (int seq = nextToSend - 1; seq - tx.hardAckBase() >= 0; seq--) {
            TxSegment s = tx.get(seq);
            if (s != null && s.inFlight()) {
                probesSent++;
                host.stats().inc(Counter.TAIL_LOSS_PROBES);
                transmit(List.of(s), true, now);
                rtoDeadline = now + peer.rtt().rtoMicros() * 1000L;
                armProbe(now);
                return;
            }
        }
    }

    /** Whether the last packet of a burst asks for an immediate ACK (§5.2). */
    private boolean wantAck(TxSegment s, long now) {
        RttEstimator rtt = peer.rtt();
        boolean rttStale = rtt.sampleCount() < 3 || now - rtt.lastSampleNanos() > RTT_REFRESH_NANOS;
        if (s.last) {
            return rttStale;
        }
        boolean endOfBurst = s.seq + 1 == tx.nextSeq() || cc.window() <= 2 || rttStale;
        return endOfBurst || cc.inSlowStart();
    }

    // ------------------------------------------------------------------ event loop: input

    /** An ACK for this call arrived. */
    public void onAck(WireHeader h, AckPacket ack) {
        if (outcome != null) {
            return;
        }
        long now = host.nanoTime();
        lastReceiveNanos = now;
        if (ack.reason() == AckReason.PING) {
            sendAck(AckReason.PING_RESPONSE, h.serial(), now);
        } else if (h.has(PacketFlags.REQUEST_ACK)) {
            sendAck(AckReason.REQUESTED, h.serial(), now);
        }
        if (ack.reason() == AckReason.PING_RESPONSE && pingSerial != 0 && ack.serial() == pingSerial) {
            rttSample(now - pingSentNanos, now);
            pingSerial = 0;
        }
        AckTrailer trailer = ack.trailer();
        if (trailer != null) {
            peer.applyTrailer(trailer.maxMtu(), trailer.jumboMax());
            peerRwind = Math.max(1, Math.min(MAX_SEND_WINDOW, trailer.rwind()));
        }
        if (!transmitting()) {
            armTimer();
            return;
        }
        int first = ack.firstPacket();
        if (first - tx.hardAckBase() < 0) {
            armTimer();
            return; // the window moved backwards: an old ACK
        }
        if (first == lastAckFirst && ack.previousPacket() - lastAckPrev < 0
                && ack.previousPacket() - (first + peerRwind) < 0) {
            armTimer();
            return; // reordered ACK
        }
        lastAckFirst = first;
        lastAckPrev = ack.previousPacket();
        if (first - nextToSend > 0) {
            first = nextToSend; // never accept ACKs of packets not yet sent
        }
        // RTT sample from the transmission this ACK answers (serials are unique per transmission)
        if (ack.serial() != 0 && ack.reason() != AckReason.DELAY) {
            for (int seq = tx.hardAckBase(); seq != nextToSend; seq++) {
                TxSegment s = tx.get(seq);
                if (s.lastSerial == ack.serial()) {
                    if (!s.jumboNonLast) {
                        rttSample(now - s.sentNanos, now);
                    }
                    break;
                }
            }
        }
        // the latest transmission this ACK acknowledges (for loss detection)
        for (int seq = tx.hardAckBase(); seq != first; seq++) {
            TxSegment s = tx.get(seq);
            if (!s.softAcked) {
                checkSpurious(s, now);
            }
            noteAcked(s);
        }
        int newly = tx.hardAckBelow(first);
        byte[] acks = ack.acks();
        for (int i = 0; i < acks.length; i++) {
            TxSegment s = tx.get(first + i);
            if (s == null || s.seq - nextToSend >= 0) {
                break;
            }
            if ((acks[i] & 1) != 0) {
                if (!s.softAcked) {
                    checkSpurious(s, now);
                    s.softAcked = true;
                    s.lost = false;
                    newly++;
                }
                noteAcked(s);
            } else if (s.softAcked) {
                s.softAcked = false; // the receiver discarded it after all
            }
        }
        detectLoss(now);
        if (newly > 0) {
            lastProgressNanos = now;
            if (recoveryEnd != 0 && tx.hardAckBase() - recoveryEnd >= 0) {
                recoveryEnd = 0;
            }
            if (recoveryEnd == 0) {
                cc.onAcked(newly);
            }
            boolean outstanding = inFlight() > 0;
            rtoDeadline = outstanding ? now + peer.rtt().rtoMicros() * 1000L : 0;
            probesSent = 0;
            if (outstanding) {
                armProbe(now);
            } else {
                probeDeadline = 0;
            }
        }
        if (transmitPhaseDone()) {
            return;
        }
        drainPendingSends();
        pump();
        armTimer();
    }

    /**
     * Ends the transmit phase once the peer has everything: the client then waits for the reply;
     * a service call is complete. A service call also accepts soft-ACKs of its whole reply as the
     * end, as OpenAFS servers do, since OpenAFS clients may finish with such an ACK (§10).
     */
    private boolean transmitPhaseDone() {
        boolean allAcked = tx.allAcked();
        if (!allAcked && role == Role.SERVER && tx.lastQueued() && nextToSend == tx.nextSeq()) {
            allAcked = true;
            for (int seq = tx.hardAckBase(); seq != nextToSend; seq++) {
                if (!tx.get(seq).softAcked) {
                    allAcked = false;
                    break;
                }
            }
        }
        if (!allAcked) {
            return false;
        }
        rtoDeadline = 0;
        lossDeadline = 0;
        probeDeadline = 0;
        if (role == Role.CLIENT) {
            state = CallState.AWAIT_REPLY;
            return false;
        }
        finish(CallCompletion.SUCCEEDED, 0, null);
        return true;
    }

    /**
     * Declares lost every un-ACKed packet transmitted before one that has now been ACKed, once it
     * has been out longer than the RTT plus a reordering allowance: a time-based rule in the
     * spirit of RACK (RFC 8985), which works with windows too small for three duplicate ACKs.
     * Packets not yet old enough arm the loss timer.
     */
    private void detectLoss(long now) {
        if (highestAckedSerial == 0) {
            return;
        }
        long srttNanos = peer.rtt().smoothedRttMicros() * 1000L;
        long waitNanos = srttNanos + Math.max(srttNanos / 4, reorderNanos);
        int inFlightBefore = inFlight();
        boolean any = false;
        lossDeadline = 0;
        for (int seq = tx.hardAckBase(); seq != nextToSend; seq++) {
            TxSegment s = tx.get(seq);
            if (s.transmissions > 0 && !s.softAcked && !s.lost && s.lastSerial - highestAckedSerial < 0) {
                long due = s.sentNanos + waitNanos;
                if (now - due >= 0) {
                    s.lost = true;
                    any = true;
                } else if (lossDeadline == 0 || due - lossDeadline < 0) {
                    lossDeadline = due;
                }
            }
        }
        if (any && recoveryEnd == 0) {
            host.stats().inc(Counter.FAST_RETRANSMITS);
            cc.onFastRetransmit(inFlightBefore);
            recoveryEnd = nextToSend;
            retransmitNow = true; // RFC 5681 §3.2: the first lost packet goes out whatever the window
        }
    }

    /**
     * A packet we retransmitted was acknowledged sooner than any round trip could bring back the
     * ACK of the retransmission: the original arrived after all, so our reordering allowance was
     * too short.
     */
    private void checkSpurious(TxSegment s, long now) {
        long minRtt = peer.rtt().minRttMicros() * 1000L;
        if (s.transmissions > 1 && minRtt > 0 && now - s.sentNanos < minRtt / 2) {
            host.stats().inc(Counter.SPURIOUS_RETRANSMITS);
            reorderNanos = Math.min(MAX_REORDER_NANOS, reorderNanos * 2);
        }
    }

    private void noteAcked(TxSegment s) {
        if (s.lastSerial != 0 && (highestAckedSerial == 0 || s.lastSerial - highestAckedSerial > 0)) {
            highestAckedSerial = s.lastSerial;
        }
    }

    private void rttSample(long nanos, long now) {
        long micros = Math.max(1, nanos / 1000);
        peer.rtt().addSample(micros, now);
        host.stats().inc(Counter.RTT_SAMPLES);
        host.stats().add(Counter.RTT_TOTAL_MICROS, micros);
    }

    /** A reply DATA packet (or jumbo sub-packet) arrived; {@code payload} is not retained by the caller. */
    public void onData(WireHeader h, ByteBuf payload) {
        onData(h, payload, 0);
    }

    /**
     * A DATA packet (or jumbo sub-packet, described by {@code annotation}, see {@link RxWindow})
     * arrived; {@code payload} is not retained by the caller. It is held as it is: verification
     * waits until the application reads it.
     */
    public void onData(WireHeader h, ByteBuf payload, int annotation) {
        if (outcome != null || conn == null) {
            return;
        }
        long now = host.nanoTime();
        lastReceiveNanos = now;
        if (role == Role.CLIENT && state == CallState.SEND_REQUEST) {
            // reply data hard-ACKs the whole request (§3.1)
            tx.hardAckBelow(tx.nextSeq());
            nextToSend = tx.nextSeq();
            rtoDeadline = 0;
            lossDeadline = 0;
            probeDeadline = 0;
            state = CallState.AWAIT_REPLY;
        }
        ByteBuf data = payload.retainedSlice();
        boolean last = h.has(PacketFlags.LAST_PACKET);
        RxWindow.Insert result = rx.insert(h.seq(), data, last, h, annotation);
        switch (result) {
            case DUPLICATE -> {
                data.release();
                host.stats().inc(Counter.DUP_PACKETS_READ);
                host.stats().drop(DropReason.DUPLICATE.ordinal());
                sendAck(AckReason.DUPLICATE, h.serial(), now);
            }
            case EXCEEDS_WINDOW -> {
                data.release();
                host.stats().drop(DropReason.OUT_OF_WINDOW.ordinal());
                sendAck(AckReason.EXCEEDS_WINDOW, h.serial(), now);
            }
            case PROTOCOL_ERROR -> {
                data.release();
                abortLocally(AfsErrors.RX_PROTOCOL_ERROR, "DATA after the LAST packet of the phase");
            }
            case OUT_OF_SEQUENCE -> sendAck(AckReason.OUT_OF_SEQUENCE, h.serial(), now);
            case IN_ORDER -> {
                lastProgressNanos = now;
                if (collected != null) {
                    if (!drainCollected()) {
                        return;
                    }
                } else {
                    deliverRead();
                }
                if (rx.complete()) {
                    if (role == Role.CLIENT) {
                        // Hard ACK of the whole reply (§4.6), sent at once and naming the packet
                        // that completed it. IDLE, not DELAY: an OpenAFS server takes no RTT sample
                        // from a DELAY ACK (§5.3), and a single-packet reply never asks for an ACK,
                        // so with DELAY it would keep its preset 2 s RTT for us and a lost reply
                        // would cost ~2.2 s; with IDLE its RTO falls to ~220 ms. (The kernel also
                        // sends a DELAY without soft-ACKs as IDLE.)
                        sendAck(AckReason.IDLE, h.serial(), now);
                        finish(CallCompletion.SUCCEEDED, 0, null);
                        return;
                    }
                    requestComplete(h, now);
                    armTimer();
                    return;
                }
                if (h.has(PacketFlags.REQUEST_ACK)) {
                    sendAck(AckReason.REQUESTED, h.serial(), now);
                } else if (++unackedReceived >= 2) {
                    sendAck(AckReason.IDLE, h.serial(), now);
                } else if (delayedAckDeadline == 0) {
                    delayedAckDeadline = now + ackDelayNanos();
                }
            }
            default -> throw new AssertionError(result);
        }
        armTimer();
    }

    /**
     * A service call has its whole request: ACK it now if asked, else let the delayed ACK (or,
     * usually, the first reply packet) do it; hand a collected request to the service.
     */
    private void requestComplete(WireHeader h, long now) {
        if (state != CallState.RECV_REQUEST) {
            return;
        }
        if (h.has(PacketFlags.REQUEST_ACK)) {
            sendAck(AckReason.REQUESTED, h.serial(), now);
        } else if (delayedAckDeadline == 0) {
            delayedAckDeadline = now + ackDelayNanos();
        }
        completeWholeRequest();
    }

    /** Hands a collected whole request to the service, once its packets could be verified. */
    private void completeWholeRequest() {
        if (wholeReceived != null && collected != null && securityReady()) {
            byte[] request = collected.toByteArray();
            collected = null;
            wholeReceived.complete(request);
        }
    }

    /**
     * Verifies and moves what is in order into the whole-phase collection; returns false if the
     * call ended. Waits (returns true) while the connection's security is not ready.
     */
    private boolean drainCollected() {
        if (!securityReady()) {
            return true; // held until the client has authenticated
        }
        try {
            rx.drainTo(collected, this::verify);
        } catch (RxSecurityException e) {
            host.securityFailure(this, e);
            return false;
        }
        if (collected.size() > maxWholeBytes) {
            abortLocally(AfsErrors.RX_MSGSIZE, (role == Role.CLIENT ? "reply" : "request")
                    + " larger than " + maxWholeBytes + " bytes");
            return false;
        }
        return true;
    }

    /** Whether the connection's security class can verify packets yet (a server waiting for a RESPONSE cannot). */
    private boolean securityReady() {
        return conn != null && conn.security().ready();
    }

    /**
     * The client's connection has just authenticated (event loop): size packets for its level and
     * verify what was held.
     */
    public void onSecurityReady() {
        if (outcome != null || conn == null) {
            return;
        }
        setPayloadSize(conn);
        if (collected != null) {
            if (!drainCollected()) {
                return;
            }
            if (rx.complete() && state == CallState.RECV_REQUEST) {
                completeWholeRequest();
            }
        }
        deliverRead();
    }

    /** The connection's security class checks a held packet as it is read. */
    private int verify(WireHeader h, ByteBuf payload) throws RxSecurityException {
        return conn.security().verifyData(h, payload);
    }

    /** Delayed-ACK timer: about one RTT, between 1 and 100 ms (OpenAFS peers expect ≤ 100 ms). */
    private long ackDelayNanos() {
        long srtt = peer.rtt().smoothedRttMicros();
        long micros = Math.max(1_000, Math.min(100_000, srtt == 0 ? 100_000 : srtt));
        return micros * 1000L;
    }

    /** The peer aborted the call. */
    public void onAbort(int code) {
        if (outcome == null) {
            finish(CallCompletion.REMOTELY_ABORTED, code, null);
        }
    }

    /** The peer's connection was aborted (callNumber 0 ABORT). */
    public void onConnectionAbort(int code) {
        if (outcome == null) {
            finish(CallCompletion.REMOTELY_ABORTED, code, "connection aborted");
        }
    }

    /** ACKALL: every request packet is hard-ACKed. */
    public void onAckAll() {
        if (outcome != null || !transmitting()) {
            return;
        }
        lastReceiveNanos = host.nanoTime();
        tx.hardAckBelow(nextToSend);
        if (transmitPhaseDone()) {
            return;
        }
        drainPendingSends();
        pump();
        armTimer();
    }

    /** BUSY: the server's channel is still busy with an older call; move to another channel. */
    public void onBusy() {
        if (outcome != null || conn == null || role != Role.CLIENT) {
            return;
        }
        host.stats().inc(Counter.BUSIES_RECEIVED);
        lastReceiveNanos = host.nanoTime();
        boolean untouched = tx.hardAckBase() == 1 && rx.highest() == 0 && !anySoftAcked();
        if (!untouched) {
            return; // the server has our data: BUSY is stale, timers decide
        }
        if (++busyRetries > MAX_BUSY_RETRIES) {
            abortLocally(AfsErrors.RX_CALL_TIMEOUT, "server kept answering BUSY");
            return;
        }
        ((ClientConnection) conn).markBusy(channel, host.nanoTime() + BUSY_AVOID_NANOS);
        host.releaseChannel(this);
        conn = null;
        channel = -1;
        callNumber = 0;
        state = CallState.AWAIT_CHANNEL;
        tx.resetTransmissions();
        nextToSend = tx.hardAckBase();
        rtoDeadline = 0;
        lastAckFirst = 0;
        lastAckPrev = 0;
        lossDeadline = 0;
        probeDeadline = 0;
        probesSent = 0;
        highestAckedSerial = 0;
        // back off: the first retry goes at once to another channel, later ones wait longer
        long delay = Math.min(BUSY_MAX_BACKOFF_NANOS, (busyRetries - 1) * BUSY_BACKOFF_STEP_NANOS);
        host.requeueAfterBusy(this, delay);
        armTimer();
    }

    private boolean anySoftAcked() {
        for (int seq = tx.hardAckBase(); seq != nextToSend; seq++) {
            if (tx.get(seq).softAcked) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ event loop: output of ACK/ABORT

    private void sendAck(int reason, int serial, long now) {
        if (conn == null) {
            return;
        }
        int rwind = rx.freeSlots();
        AckPacket ack = new AckPacket(0, 0, rx.firstUnreceived(), rx.highest(), serial, reason, rx.softAcks(),
                new AckTrailer(host.jumboMax() > 1 ? ADVERTISED_MAX_MTU : ADVERTISED_IF_MTU, ADVERTISED_IF_MTU, rwind,
                        host.jumboMax()));
        int ackSerial = conn.nextSerial();
        int flags = directionFlag() | PacketFlags.SLOW_START_OK;
        if (reason == AckReason.PING) {
            flags |= PacketFlags.REQUEST_ACK;
            pingSerial = ackSerial;
            pingSentNanos = now;
            host.stats().inc(Counter.PING_PACKETS_SENT);
        }
        WireHeader h = new WireHeader(conn.epoch(), conn.cid() | channel, callNumber, 0, ackSerial,
                PacketType.ACK, flags, 0, conn.securityIndex(), 0, conn.serviceId());
        ByteBuf dgram = host.alloc().directBuffer(PacketCodec.ackLength(ack));
        PacketCodec.writeAck(dgram, h, ack);
        host.send(peer, dgram, PacketType.ACK);
        host.stats().inc(Counter.ACK_PACKETS_SENT);
        unackedReceived = 0;
        delayedAckDeadline = 0;
        lastAdvertisedRwind = rwind;
        lastSendNanos = now;
    }

    private void sendAbort(int code) {
        if (conn == null) {
            return;
        }
        WireHeader h = new WireHeader(conn.epoch(), conn.cid() | channel, callNumber, 0, conn.nextSerial(),
                PacketType.ABORT, directionFlag(), 0, conn.securityIndex(), 0, conn.serviceId());
        ByteBuf dgram = host.alloc().directBuffer(PacketCodec.ABORT_LENGTH);
        PacketCodec.writeAbort(dgram, h, code);
        host.send(peer, dgram, PacketType.ABORT);
        host.stats().inc(Counter.ABORT_PACKETS_SENT);
    }

    // ------------------------------------------------------------------ event loop: reading

    private void readFor(CompletableFuture<ByteBuffer> f) {
        if (wholeReceived != null) {
            f.completeExceptionally(new IllegalStateException("this call collects its data whole: use its future"));
            return;
        }
        if (pendingRead != null) {
            f.completeExceptionally(new IllegalStateException("a receive() is already outstanding"));
            return;
        }
        pendingRead = f;
        deliverRead();
    }

    private void deliverRead() {
        CompletableFuture<ByteBuffer> f = pendingRead;
        if (f == null) {
            return;
        }
        if (!securityReady() && outcome == null) {
            return; // held until the client has authenticated
        }
        ByteBuffer chunk;
        try {
            chunk = rx.read(READ_CHUNK, this::verify);
        } catch (RxSecurityException e) {
            host.securityFailure(this, e);
            return;
        }
        if (chunk != null) {
            pendingRead = null;
            ackFromReadPath();
            f.complete(chunk);
        } else if (rx.fullyConsumed()) {
            pendingRead = null;
            f.complete(ByteBuffer.allocate(0));
        } else if (outcome != null && outcome != CallCompletion.SUCCEEDED) {
            pendingRead = null;
            failFuture(f);
        }
    }

    /**
     * The application has just read: a deferred ACK goes out now rather than from its timer (it
     * also carries the larger window), and a window we had advertised as nearly closed is
     * reopened at once.
     */
    private void ackFromReadPath() {
        if (outcome != null || conn == null) {
            return;
        }
        if (delayedAckDeadline != 0) {
            sendAck(AckReason.DELAY, 0, host.nanoTime());
        } else if (lastAdvertisedRwind < rx.capacity() / 2 && rx.freeSlots() >= rx.capacity() / 2) {
            sendAck(AckReason.IDLE, 0, host.nanoTime());
        }
    }

    // ------------------------------------------------------------------ event loop: timers

    private long nextDeadline() {
        if (outcome != null) {
            return 0;
        }
        long d = lastReceiveNanos + options.deadTime().toNanos();
        if (!options.hardTimeout().isZero()) {
            d = Math.min(d, startNanos + options.hardTimeout().toNanos());
        }
        if (!options.idleTimeout().isZero()) {
            d = Math.min(d, lastProgressNanos + options.idleTimeout().toNanos());
        }
        if (rtoDeadline != 0) {
            d = Math.min(d, rtoDeadline);
        }
        if (delayedAckDeadline != 0) {
            d = Math.min(d, delayedAckDeadline);
        }
        if (lossDeadline != 0) {
            d = Math.min(d, lossDeadline);
        }
        if (windowProbeDeadline != 0) {
            d = Math.min(d, windowProbeDeadline);
        }
        if (probeDeadline != 0) {
            d = Math.min(d, probeDeadline);
        }
        if (conn != null && rtoDeadline == 0) {
            d = Math.min(d, keepaliveDeadline());
        }
        return d;
    }

    private long keepaliveDeadline() {
        return Math.max(lastSendNanos, lastReceiveNanos) + options.deadTime().toNanos() / 6;
    }

    private void armTimer() {
        long d = nextDeadline();
        if (d == 0) {
            cancelTimer();
            return;
        }
        if (timer != null && timerAt - d <= 0) {
            return; // an earlier (or equal) wake-up is already set; it re-arms itself
        }
        cancelTimer();
        timerAt = d;
        long delay = Math.max(0, d - host.nanoTime());
        timer = host.eventLoop().schedule(this::onTimer, delay, TimeUnit.NANOSECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void onTimer() {
        timer = null;
        if (outcome != null) {
            return;
        }
        long now = host.nanoTime();
        if (!options.hardTimeout().isZero() && now - (startNanos + options.hardTimeout().toNanos()) >= 0) {
            host.stats().inc(Counter.CALLS_TIMED_OUT);
            abortLocally(AfsErrors.RX_CALL_TIMEOUT, "call exceeded its time limit of " + options.hardTimeout());
            return;
        }
        if (now - (lastReceiveNanos + options.deadTime().toNanos()) >= 0) {
            host.stats().inc(Counter.CALLS_DEAD);
            if (conn != null) {
                host.retireConnection(this);
            }
            abortLocally(AfsErrors.RX_CALL_DEAD, "no answer from " + peer.address() + " for "
                    + options.deadTime().toMillis() + " ms");
            return;
        }
        if (!options.idleTimeout().isZero() && now - (lastProgressNanos + options.idleTimeout().toNanos()) >= 0) {
            host.stats().inc(Counter.CALLS_TIMED_OUT);
            abortLocally(AfsErrors.RX_CALL_TIMEOUT, "no progress for " + options.idleTimeout());
            return;
        }
        if (lossDeadline != 0 && now - lossDeadline >= 0) {
            detectLoss(now);
            pump();
        }
        if (probeDeadline != 0 && now - probeDeadline >= 0) {
            sendProbe(now);
        }
        if (rtoDeadline != 0 && now - rtoDeadline >= 0) {
            retransmitTimeout(now);
        }
        if (windowProbeDeadline != 0 && now - windowProbeDeadline >= 0) {
            sendAck(AckReason.PING, 0, now);
            windowProbeDeadline = now + peer.rtt().rtoMicros() * 1000L;
        }
        if (delayedAckDeadline != 0 && now - delayedAckDeadline >= 0) {
            sendAck(AckReason.DELAY, 0, now);
        }
        if (conn != null && rtoDeadline == 0 && now - keepaliveDeadline() >= 0) {
            sendAck(AckReason.PING, 0, now);
        }
        armTimer();
    }

    private void retransmitTimeout(long now) {
        int inFlight = inFlight();
        if (inFlight == 0) {
            rtoDeadline = 0;
            return;
        }
        host.stats().inc(Counter.RETRANSMIT_TIMEOUTS);
        cc.onRetransmitTimeout(inFlight);
        peer.rtt().backOff();
        for (int seq = tx.hardAckBase(); seq != nextToSend; seq++) {
            TxSegment s = tx.get(seq);
            if (s.inFlight()) {
                s.lost = true;
            }
        }
        recoveryEnd = nextToSend;
        rtoDeadline = 0;
        pump();
        if (rtoDeadline == 0 && inFlight() > 0) {
            rtoDeadline = now + peer.rtt().rtoMicros() * 1000L;
        }
    }

    // ------------------------------------------------------------------ event loop: ending

    /** Ends the call from our side: tells the peer and fails the application's futures. */
    public void abortLocally(int code, String detail) {
        if (outcome != null) {
            return;
        }
        sendAbort(code);
        finish(CallCompletion.LOCALLY_ABORTED, code, detail);
    }

    /** Fails the call without telling the peer (endpoint closed, no channel could be had). */
    public void failLocally(int code, String detail) {
        if (outcome == null) {
            finish(CallCompletion.LOCAL_ERROR, code, detail);
        }
    }

    /** The network reported the peer unreachable. */
    public void failNetwork(int code, String detail) {
        if (outcome == null) {
            finish(CallCompletion.NETWORK_ERROR, code, detail);
        }
    }

    private void finish(CallCompletion how, int code, String detail) {
        outcome = how;
        abortCode = code;
        outcomeDetail = detail;
        state = CallState.COMPLETE;
        cancelTimer();
        tx.clear();
        if (partial != null) {
            partial.release();
            partial = null;
        }
        PendingSend p;
        while ((p = pendingSends.pollFirst()) != null) {
            p.data.release();
            if (how == CallCompletion.SUCCEEDED) {
                p.done.complete(null);
            } else {
                failFuture(p.done);
            }
        }
        if (conn != null) {
            if (how == CallCompletion.SUCCEEDED && conn instanceof ClientConnection cc) {
                cc.rememberCompleted(channel, callNumber, rx.firstUnreceived());
            }
            host.releaseChannel(this);
        }
        host.stats().inc(how == CallCompletion.SUCCEEDED ? Counter.CALLS_SUCCEEDED : Counter.CALLS_FAILED);
        if (how == CallCompletion.SUCCEEDED) {
            if (wholeReceived != null && collected != null) {
                wholeReceived.complete(collected.toByteArray());
                collected = null;
            }
            completion.complete(null);
            deliverRead();
        } else {
            rx.clear();
            RxCallException ex = exception();
            if (wholeReceived != null) {
                wholeReceived.completeExceptionally(ex);
            }
            completion.completeExceptionally(ex);
            if (pendingRead != null) {
                CompletableFuture<ByteBuffer> f = pendingRead;
                pendingRead = null;
                f.completeExceptionally(ex);
            }
        }
        host.callEnded(this);
    }

    private RxCallException exception() {
        String where = bundle == null ? "" : (outcome == CallCompletion.REMOTELY_ABORTED ? "from " : "to ")
                + peer.address() + " service " + serviceId;
        String detail = outcomeDetail == null || outcomeDetail.isEmpty() ? where
                : where.isEmpty() ? outcomeDetail : outcomeDetail + " (" + where + ")";
        return new RxCallException(outcome, abortCode, detail);
    }

    private <T> void failFuture(CompletableFuture<T> f) {
        f.completeExceptionally(outcome != null && outcome != CallCompletion.SUCCEEDED ? exception()
                : new IllegalStateException("call already ended"));
    }

    @Override
    public String toString() {
        return "Call[" + (conn == null ? "unattached" : conn + " ch " + channel + " call " + callNumber)
                + " " + state + "]";
    }
}
