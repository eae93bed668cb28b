package rxgate.rxrpc.endpoint;

import io.netty.buffer.ByteBuf;
import io.netty.util.collection.IntObjectHashMap;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rxgate.rxrpc.RxService;
import rxgate.rxrpc.RxStats.Counter;
import rxgate.rxrpc.call.Call;
import rxgate.rxrpc.call.CallState;
import rxgate.rxrpc.conn.ServiceConnection;
import rxgate.rxrpc.errors.AfsErrors;
import rxgate.rxrpc.peer.Peer;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import rxgate.rxrpc.security.RxPrincipal;
import rxgate.rxrpc.security.RxSecurityException;
import rxgate.rxrpc.security.RxServerSecurityClass;
import rxgate.rxrpc.security.ServerConnectionSecurity;
import rxgate.rxrpc.wire.RxConstants;
import rxgate.rxrpc.wire.DataPacket;
import rxgate.rxrpc.wire.DropReason;
import rxgate.rxrpc.wire.Jumbogram;
import rxgate.rxrpc.wire.MalformedPacketException;
import rxgate.rxrpc.wire.PacketCodec;
import rxgate.rxrpc.wire.PacketType;
import rxgate.rxrpc.wire.RxPacket;
import rxgate.rxrpc.wire.WireHeader;

/**
 * The service side of an endpoint: routes packets from clients (CLIENT_INITIATED) to service
 * connections and calls, makes new calls live from each service's preallocated backlog, answers
 * BUSY when a backlog is exhausted or a limit is reached, and bounds what a flood of fake
 * connections can hold: active service calls per endpoint and per peer, service connections
 * (idle ones are evicted, least recently used first) and the rate of BUSY answers.
 * On a connection whose security class needs a handshake (rxkad) it sends the CHALLENGE, holds
 * the calls until a valid RESPONSE and aborts the connection on a bad one (rxkad.md §5).
 * Runs on the endpoint's event loop.
 */
final class IncomingCalls {
    private final EndpointCore core;
    private final EndpointConfig config;
    private final IntObjectHashMap<ServiceBacklog> services = new IntObjectHashMap<>();
    /** Service connections by (peer, epoch, cid), least recently used first. */
    private final LinkedHashMap<ConnKey, ServiceConnection> connections = new LinkedHashMap<>(256, 0.75f, true);
    private int activeServiceCalls;

    private record ConnKey(InetSocketAddress peer, int epoch, int cid) {
    }

    IncomingCalls(EndpointCore core) {
        this.core = core;
        this.config = core.config();
    }

    // ------------------------------------------------------------------ registration

    void register(RxService service) {
        if (services.containsKey(service.serviceId())) {
            throw new IllegalStateException("service " + service.serviceId() + " is already registered");
        }
        int size = Math.max(config.minBacklog(), Math.min(config.maxBacklog(), service.backlog()));
        ServiceBacklog b = new ServiceBacklog(core, service, size);
        b.fillNow();
        services.put(service.serviceId(), b);
    }

    void unregister(int serviceId) {
        ServiceBacklog b = services.remove(serviceId);
        if (b != null) {
            b.clear();
        }
    }

    boolean offers(int serviceId) {
        return services.containsKey(serviceId);
    }

    // ------------------------------------------------------------------ receive path

    /** A packet from a client (CLIENT_INITIATED set). */
    void onPacket(RxPacket p, InetSocketAddress sender, int bytes) throws MalformedPacketException {
        WireHeader h = p.header();
        // a jumbogram is checked whole before it may create or touch any state
        List<DataPacket> parts = h.type() == PacketType.DATA && h.has(rxgate.rxrpc.wire.PacketFlags.JUMBO_PACKET)
                ? Jumbogram.split(h, p.body()) : null;
        long now = core.nanoTime();
        ConnKey key = new ConnKey(sender, h.epoch(), h.connectionId());
        ServiceConnection conn = connections.get(key);
        if (conn == null) {
            if (h.type() != PacketType.DATA || h.callNumber() == 0) {
                core.drop(DropReason.NO_CONNECTION);
                return;
            }
            conn = newConnection(key, h, sender, now);
            if (conn == null) {
                return;
            }
        }
        if (h.securityIndex() != conn.securityIndex()) {
            core.drop(DropReason.BAD_SECURITY_INDEX);
            return;
        }
        if (conn.abortCode() != 0) {
            // we aborted this connection (bad RESPONSE, tampered packet): say so again, rate-limited
            core.drop(DropReason.CONNECTION_ABORTED);
            if (h.type() != PacketType.ABORT && core.replyAllowed()) {
                sendConnectionAbort(conn, conn.abortCode());
            }
            return;
        }
        Peer peer = conn.peer();
        peer.touch(now);
        peer.countReceived(bytes);
        conn.touch(now);
        if (h.callNumber() == 0) {
            onConnectionPacket(key, conn, p);
            return;
        }
        int ch = h.channel();
        int current = conn.callNumber(ch);
        Object o = conn.call(ch);
        if (h.callNumber() - current < 0) {
            core.drop(DropReason.STALE_CALL);
            return;
        }
        if (h.callNumber() == current && current != 0) {
            if (o instanceof Call call) {
                core.deliver(call, p, parts);
            } else {
                core.drop(DropReason.STALE_CALL); // that call has ended
            }
            return;
        }
        // a new call number on this channel: it ends the previous call (§2.2)
        if (o instanceof Call previous) {
            if (previous.state() == CallState.SEND_REPLY) {
                previous.completeImplicitly();
            } else {
                previous.abortLocally(AfsErrors.RX_CALL_DEAD, "client started a new call on the channel");
            }
        }
        if (h.type() != PacketType.DATA) {
            core.drop(DropReason.NO_CALL);
            return;
        }
        Call call = newCall(conn, h, sender, now);
        if (call != null) {
            core.deliver(call, p, parts);
        }
    }

    private ServiceConnection newConnection(ConnKey key, WireHeader h, InetSocketAddress sender, long now) {
        ServiceBacklog backlog = services.get(h.serviceId());
        if (backlog == null) {
            core.sendRawAbort(h, sender, AfsErrors.RX_INVALID_OPERATION);
            core.drop(DropReason.NOT_FOR_US);
            return null;
        }
        RxServerSecurityClass securityClass = backlog.service().securityClass(h.securityIndex());
        if (securityClass == null) {
            // as OpenAFS's rxi_FindConnection: an index the service did not register is refused
            // with a raw RX_INVALID_OPERATION abort, before any state is made
            core.sendRawAbort(h, sender, AfsErrors.RX_INVALID_OPERATION);
            core.drop(DropReason.BAD_SECURITY_INDEX);
            return null;
        }
        if (connections.size() >= config.maxServiceConnections() && !evictIdleConnection()) {
            busy(h, sender, null);
            return null;
        }
        Peer peer = core.peers().findOrCreate(sender, now);
        if (peer == null) {
            busy(h, sender, null);
            return null;
        }
        if (peer.serviceConnections() >= config.maxServiceConnectionsPerPeer() && !evictIdleConnectionOf(peer)) {
            busy(h, sender, null);
            return null;
        }
        ServiceConnection conn = backlog.takeConnection();
        if (conn == null) {
            busy(h, sender, null);
            backlog.recharge();
            return null;
        }
        conn.activate(peer, h.epoch(), h.connectionId(), h.serviceId(), securityClass, now);
        int upgrade = backlog.service().upgradeTo();
        if (h.userStatus() == 1 && h.seq() == 1 && upgrade != 0 && services.containsKey(upgrade)) {
            conn.upgrade(upgrade); // the client probes for a service upgrade (§2.6)
        }
        connections.put(key, conn);
        peer.serviceConnectionOpened();
        core.stats().inc(Counter.SERVICE_CONNECTIONS_OPENED);
        return conn;
    }

    private Call newCall(ServiceConnection conn, WireHeader h, InetSocketAddress sender, long now) {
        ServiceBacklog backlog = services.get(conn.serviceId());
        if (backlog == null) {
            core.sendRawAbort(h, sender, AfsErrors.RX_INVALID_OPERATION);
            return null;
        }
        Peer peer = conn.peer();
        if (activeServiceCalls >= config.maxServiceCalls() || peer.serviceCalls() >= config.maxServiceCallsPerPeer()) {
            busy(h, sender, conn);
            return null;
        }
        ServiceBacklog.Prepared prepared = backlog.takeCall();
        if (prepared == null) {
            busy(h, sender, conn);
            backlog.recharge();
            return null;
        }
        Call call = prepared.call();
        call.attachIncoming(conn, h.channel(), h.callNumber());
        conn.attach(h.channel(), h.callNumber(), call, now);
        activeServiceCalls++;
        peer.serviceCallStarted();
        core.stats().inc(Counter.SERVICE_CALLS_ACCEPTED);
        RxService service = backlog.service();
        Runnable dispatch = () -> service.dispatch(call, prepared.wholeRequest());
        ServerConnectionSecurity sec = conn.serverSecurity();
        if (sec != null && !sec.authenticated()) {
            conn.hold(h.channel(), dispatch); // runs once the client's RESPONSE is verified
            startChallenge(conn);
        } else {
            if (sec != null) {
                call.principal(sec.principal().orElse(null));
            }
            service.executor().execute(dispatch);
        }
        backlog.recharge();
        return call;
    }

    // ------------------------------------------------------------------ authentication (rxkad.md §5)

    /** Sends the first CHALLENGE of a connection unless one is already being repeated. */
    private void startChallenge(ServiceConnection conn) {
        if (conn.challengeTimer() != null) {
            return;
        }
        RxServerSecurityClass cls = conn.serverClass();
        conn.challengesLeft(cls.challengeTries());
        challengeTick(conn);
    }

    /**
     * Sends the CHALLENGE (again) while calls wait and tries are left; when they run out, the
     * waiting calls fail with RX_CALL_DEAD, as OpenAFS's rxi_ChallengeEvent does.
     */
    private void challengeTick(ServiceConnection conn) {
        conn.challengeTimer(null);
        ServerConnectionSecurity sec = conn.serverSecurity();
        if (sec == null || sec.authenticated() || conn.abortCode() != 0 || conn.activeCalls() == 0) {
            return; // nothing waits (a later call starts the CHALLENGE again)
        }
        if (conn.challengesLeft() <= 0) {
            for (int ch = 0; ch < ServiceConnection.CHANNELS; ch++) {
                conn.takeHeld(ch);
                if (conn.call(ch) instanceof Call call) {
                    call.abortLocally(AfsErrors.RX_CALL_DEAD, "the client never answered the CHALLENGE");
                }
            }
            return;
        }
        conn.challengesLeft(conn.challengesLeft() - 1);
        WireHeader ch = new WireHeader(conn.epoch(), conn.cid(), 0, 0, conn.nextSerial(), PacketType.CHALLENGE, 0, 0,
                conn.securityIndex(), 0, conn.serviceId());
        ByteBuf body = sec.challenge(ch, core.alloc());
        ByteBuf dgram = core.alloc().directBuffer(RxConstants.HEADER_SIZE + body.readableBytes());
        ch.encodeTo(dgram);
        dgram.writeBytes(body);
        body.release();
        core.send(conn.peer(), dgram, PacketType.CHALLENGE);
        core.stats().inc(Counter.CHALLENGES_SENT);
        long interval = conn.serverClass().challengeInterval().toNanos();
        ScheduledFuture<?> t = core.eventLoop().schedule(() -> challengeTick(conn), interval, TimeUnit.NANOSECONDS);
        conn.challengeTimer(t);
    }

    private static void cancelChallenge(ServiceConnection conn) {
        if (conn.challengeTimer() instanceof ScheduledFuture<?> t) {
            t.cancel(false);
        }
        conn.challengeTimer(null);
    }

    /** A RESPONSE: verify it, then start the held calls; a bad one aborts the connection. */
    private void onResponse(ServiceConnection conn, RxPacket p) {
        ServerConnectionSecurity sec = conn.serverSecurity();
        if (sec == null || !sec.challengeSent() || sec.authenticated()) {
            core.drop(DropReason.UNEXPECTED_TYPE); // no CHALLENGE was sent, or already authenticated
            return;
        }
        int[] numbers = new int[ServiceConnection.CHANNELS];
        for (int ch = 0; ch < numbers.length; ch++) {
            numbers[ch] = conn.callNumber(ch);
        }
        try {
            sec.verifyResponse(p.header(), p.body(), numbers);
        } catch (RxSecurityException e) {
            core.stats().inc(Counter.RESPONSES_REJECTED);
            abortConnection(conn, e.abortCode(), e.getMessage());
            return;
        }
        cancelChallenge(conn);
        RxPrincipal who = sec.principal().orElse(null);
        for (int ch = 0; ch < ServiceConnection.CHANNELS; ch++) {
            Runnable dispatch = conn.takeHeld(ch);
            if (conn.call(ch) instanceof Call call) {
                call.principal(who);
                call.onSecurityReady();
                if (dispatch != null && !call.ended()) {
                    ServiceBacklog b = services.get(conn.serviceId());
                    (b != null ? b.service().executor() : core.eventLoop()).execute(dispatch);
                }
            }
        }
    }

    /**
     * Aborts a whole connection with {@code code} (bad RESPONSE, a packet that failed its security
     * check): its calls end, the client gets a connection ABORT, and later packets on it get the
     * same answer until it is reaped.
     */
    void abortConnection(ServiceConnection conn, int code, String why) {
        if (conn.abortCode() != 0) {
            return;
        }
        conn.connectionAborted(code);
        cancelChallenge(conn);
        sendConnectionAbort(conn, code);
        for (int ch = 0; ch < ServiceConnection.CHANNELS; ch++) {
            conn.takeHeld(ch);
            if (conn.call(ch) instanceof Call call) {
                call.failLocally(code, why); // the connection ABORT tells the client
            }
        }
    }

    private void sendConnectionAbort(ServiceConnection conn, int code) {
        WireHeader ah = new WireHeader(conn.epoch(), conn.cid(), 0, 0, conn.nextSerial(), PacketType.ABORT, 0, 0,
                conn.securityIndex(), 0, conn.serviceId());
        ByteBuf dgram = core.alloc().directBuffer(PacketCodec.ABORT_LENGTH);
        PacketCodec.writeAbort(dgram, ah, code);
        core.send(conn.peer(), dgram, PacketType.ABORT);
        core.stats().inc(Counter.ABORT_PACKETS_SENT);
    }

    private void onConnectionPacket(ConnKey key, ServiceConnection conn, RxPacket p) throws MalformedPacketException {
        if (p.type() == PacketType.ABORT) {
            int code = p.abortCode();
            conn.connectionAborted(code);
            for (int ch = 0; ch < ServiceConnection.CHANNELS; ch++) {
                if (conn.call(ch) instanceof Call call) {
                    call.onConnectionAbort(code);
                }
            }
            cancelChallenge(conn);
            remove(key, conn);
            return;
        }
        if (p.type() == PacketType.RESPONSE) {
            onResponse(conn, p);
            return;
        }
        core.drop(DropReason.UNEXPECTED_TYPE);
    }

    /**
     * Answers BUSY (header only, §6.2), at most {@code maxBusyPerSecond} a second: beyond that a
     * flood is simply dropped (counted), so BUSY answers cannot be turned into a reflector.
     */
    private void busy(WireHeader h, InetSocketAddress to, ServiceConnection conn) {
        if (!core.replyAllowed()) {
            core.stats().inc(Counter.BUSY_SUPPRESSED);
            return;
        }
        WireHeader bh = new WireHeader(h.epoch(), h.cid(), h.callNumber(), 0, conn == null ? 0 : conn.nextSerial(),
                PacketType.BUSY, 0, 0, h.securityIndex(), 0, h.serviceId());
        ByteBuf dgram = core.alloc().directBuffer(PacketCodec.HEADER_ONLY_LENGTH);
        PacketCodec.writeBusy(dgram, bh);
        core.stats().packetSent(PacketType.BUSY, dgram.readableBytes());
        core.stats().inc(Counter.BUSY_PACKETS_SENT);
        core.sendRaw(dgram, to);
    }

    // ------------------------------------------------------------------ call and connection ends

    /** A service call left its channel. */
    void releaseChannel(Call call, ServiceConnection conn) {
        conn.detach(call.channel(), call, core.nanoTime());
    }

    /** A service call ended. */
    void callEnded(Call call) {
        activeServiceCalls--;
        call.peer().serviceCallEnded();
    }

    private boolean evictIdleConnection() {
        Iterator<Map.Entry<ConnKey, ServiceConnection>> it = connections.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<ConnKey, ServiceConnection> e = it.next();
            if (e.getValue().activeCalls() == 0) {
                it.remove();
                e.getValue().peer().serviceConnectionClosed();
                core.stats().inc(Counter.SERVICE_CONNECTIONS_EVICTED);
                return true;
            }
        }
        return false;
    }

    private boolean evictIdleConnectionOf(Peer peer) {
        Iterator<Map.Entry<ConnKey, ServiceConnection>> it = connections.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<ConnKey, ServiceConnection> e = it.next();
            if (e.getValue().peer() == peer && e.getValue().activeCalls() == 0) {
                it.remove();
                peer.serviceConnectionClosed();
                core.stats().inc(Counter.SERVICE_CONNECTIONS_EVICTED);
                return true;
            }
        }
        return false;
    }

    private void remove(ConnKey key, ServiceConnection conn) {
        if (connections.remove(key) != null) {
            conn.peer().serviceConnectionClosed();
        }
    }

    /** Closes service connections idle for longer than the configured time. */
    void reap(long now) {
        long idle = config.serviceConnectionIdleTime().toNanos();
        Iterator<Map.Entry<ConnKey, ServiceConnection>> it = connections.entrySet().iterator();
        while (it.hasNext()) {
            ServiceConnection c = it.next().getValue();
            if (c.activeCalls() == 0 && now - c.lastActivityNanos() > idle) {
                it.remove();
                c.peer().serviceConnectionClosed();
                core.stats().inc(Counter.CONNECTIONS_EXPIRED);
            }
        }
    }

    // ------------------------------------------------------------------ introspection and shutdown

    int connectionCount() {
        return connections.size();
    }

    int activeServiceCalls() {
        return activeServiceCalls;
    }

    List<ServiceConnection> connectionList() {
        return new ArrayList<>(connections.values());
    }

    boolean usesPeer(Peer p) {
        for (ServiceConnection c : connections.values()) {
            if (c.peer() == p) {
                return true;
            }
        }
        return false;
    }

    void abortAll(int code, String why) {
        for (ServiceConnection c : new ArrayList<>(connections.values())) {
            for (int ch = 0; ch < ServiceConnection.CHANNELS; ch++) {
                if (c.call(ch) instanceof Call call) {
                    call.abortLocally(code, why);
                }
            }
        }
        for (ServiceBacklog b : services.values()) {
            b.clear();
        }
    }
}
