package rxgate.rxrpc.conn;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import rxgate.rxrpc.peer.Peer;
import rxgate.rxrpc.security.RxSecurityClass;

/**
 * The client connections to one (peer, service, security identity), as the kernel's
 * {@code rxrpc_bundle}: calls share connections (4 channels each); more connections are opened
 * when all channels are busy, up to a limit; beyond that calls wait in a bounded queue.
 * Confined to the endpoint's event loop.
 */
public final class ConnectionBundle {
    private final Peer peer;
    private final int serviceId;
    private final RxSecurityClass security;
    private final int maxConnections;
    private final int maxWaiting;
    private final boolean upgradeProbe;
    private final List<ClientConnection> connections = new ArrayList<>();
    private final ArrayDeque<Object> waiting = new ArrayDeque<>();

    public ConnectionBundle(Peer peer, int serviceId, RxSecurityClass security, int maxConnections, int maxWaiting) {
        this(peer, serviceId, security, maxConnections, maxWaiting, false);
    }

    /**
     * @param upgradeProbe new connections probe for a service upgrade (rxrpc-protocol.md §2.6)
     */
    public ConnectionBundle(Peer peer, int serviceId, RxSecurityClass security, int maxConnections, int maxWaiting,
            boolean upgradeProbe) {
        this.upgradeProbe = upgradeProbe;
        this.peer = peer;
        this.serviceId = serviceId;
        this.security = security;
        this.maxConnections = maxConnections;
        this.maxWaiting = maxWaiting;
    }

    public Peer peer() {
        return peer;
    }

    public int serviceId() {
        return serviceId;
    }

    public boolean upgradeProbe() {
        return upgradeProbe;
    }

    public int securityIndex() {
        return security.securityIndex();
    }

    public RxSecurityClass security() {
        return security;
    }

    public List<ClientConnection> connections() {
        return connections;
    }

    /** A connection with a free channel, or {@code null}. Retired idle connections are dropped here too. */
    public ClientConnection findFree(long nowNanos) {
        for (ClientConnection c : connections) {
            if (c.freeChannel(nowNanos) >= 0) {
                return c;
            }
        }
        return null;
    }

    /**
     * Whether another connection may be opened: below the limit, and only once every live
     * connection has heard from the server. New connections to a server are opened one at a
     * time because an OpenAFS fileserver checks each new connection of a client with a callback
     * (TellMeAboutYourself) and refuses calls that arrive on other new connections meanwhile with
     * VBUSY; calls wait for the first connection's answer instead.
     */
    public boolean canOpen() {
        int live = 0;
        for (ClientConnection c : connections) {
            if (!c.retired()) {
                if (!c.established()) {
                    return false;
                }
                live++;
            }
        }
        return live < maxConnections;
    }

    /** Creates and registers a new connection. */
    public ClientConnection open(int epoch, int cid, long nowNanos) {
        ClientConnection c = new ClientConnection(this, epoch, cid, security.newClientConnection(), nowNanos);
        connections.add(c);
        return c;
    }

    public void remove(ClientConnection c) {
        connections.remove(c);
    }

    /** Queues a call that found no channel; false when the queue is full. */
    public boolean enqueueWaiting(Object call, boolean front) {
        if (waiting.size() >= maxWaiting) {
            return false;
        }
        if (front) {
            waiting.addFirst(call);
        } else {
            waiting.addLast(call);
        }
        return true;
    }

    public Object pollWaiting() {
        return waiting.pollFirst();
    }

    public boolean removeWaiting(Object call) {
        return waiting.remove(call);
    }

    public int waitingCount() {
        return waiting.size();
    }

    public boolean isEmpty() {
        return connections.isEmpty() && waiting.isEmpty();
    }
}
