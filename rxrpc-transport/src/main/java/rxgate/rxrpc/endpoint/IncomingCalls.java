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
import rxgate.rxrpc.security.NullSecurity;
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
        if (h.securityIndex() != 0) {
            // only the null class is served until rxkad arrives on the server side
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
        conn.activate(peer, h.epoch(), h.connectionId(), h.serviceId(), h.securityIndex(), NullSecurity.INSTANCE,
                now);
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
        service.executor().execute(() -> service.dispatch(call, prepared.wholeRequest()));
        backlog.recharge();
        return call;
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
            remove(key, conn);
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
