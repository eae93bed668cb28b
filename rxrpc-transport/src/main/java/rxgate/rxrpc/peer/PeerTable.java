package rxgate.rxrpc.peer;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The peers of one endpoint, by address and port. Bounded: when full, a new peer is refused
 * (the caller counts a drop or fails the call). Confined to the endpoint's event loop.
 */
public final class PeerTable {
    private final Map<InetSocketAddress, Peer> peers = new HashMap<>();
    private final int maxPeers;

    public PeerTable(int maxPeers) {
        this.maxPeers = maxPeers;
    }

    /** The existing peer, or {@code null}. */
    public Peer find(InetSocketAddress address) {
        return peers.get(address);
    }

    /** The peer for {@code address}, created if needed; {@code null} when the table is full. */
    public Peer findOrCreate(InetSocketAddress address, long nowNanos) {
        Peer p = peers.get(address);
        if (p == null) {
            if (peers.size() >= maxPeers) {
                return null;
            }
            p = new Peer(address, nowNanos);
            peers.put(address, p);
        }
        return p;
    }

    /** Removes peers for which {@code expired} holds; returns how many. */
    public int expire(Predicate<Peer> expired) {
        int before = peers.size();
        peers.values().removeIf(expired);
        return before - peers.size();
    }

    public int size() {
        return peers.size();
    }

    public int capacity() {
        return maxPeers;
    }

    public List<Peer> snapshot() {
        return new ArrayList<>(peers.values());
    }
}
