package rxgate.rxrpc.peer;

import java.net.InetSocketAddress;
import rxgate.rxrpc.rtt.RttEstimator;

/**
 * What we know about one remote address/port: its RTT (which belongs to the path, not to a
 * call), its receive limits from ACK trailers and whether it takes jumbograms.
 * Confined to the endpoint's event loop.
 */
public final class Peer {
    /** Largest datagram assumed deliverable before the peer tells us (rxrpc-protocol.md §4.3). */
    public static final int DEFAULT_MAX_PACKET_BYTES = 1444;
    /** Floor for an advertised maxMTU (OpenAFS RX_MIN_PACKET_SIZE). */
    public static final int MIN_PACKET_BYTES = 520;
    /** Ceiling for an advertised maxMTU (OpenAFS RX_MAX_PACKET_SIZE). */
    public static final int MAX_PACKET_BYTES = 16384;

    private final InetSocketAddress address;
    private final RttEstimator rtt = new RttEstimator();
    private int maxPacketBytes = DEFAULT_MAX_PACKET_BYTES;
    private int jumboMax = 1;
    private long lastActivityNanos;
    private long packetsSent;
    private long packetsReceived;
    private long retransmissions;
    private long bytesSent;
    private long bytesReceived;
    private int serviceConnections;
    private int serviceCalls;

    public Peer(InetSocketAddress address, long nowNanos) {
        this.address = address;
        this.lastActivityNanos = nowNanos;
    }

    public InetSocketAddress address() {
        return address;
    }

    public RttEstimator rtt() {
        return rtt;
    }

    /** Applies an ACK trailer's maxMTU and jumbo_max words, clamped to sane bounds. */
    public void applyTrailer(int maxMtu, int jumboMaxWord) {
        if (maxMtu > 0) {
            maxPacketBytes = Math.max(MIN_PACKET_BYTES, Math.min(MAX_PACKET_BYTES, maxMtu));
        }
        // 0 means "I do path-MTU discovery" (new kernels), 1 means no jumbograms: both = none for us.
        jumboMax = jumboMaxWord > 1 ? Math.min(jumboMaxWord, 64) : 1;
    }

    /** Largest Rx packet (header included) the peer accepts. */
    public int maxPacketBytes() {
        return maxPacketBytes;
    }

    /** Sub-packets per datagram the peer accepts (1 = no jumbograms). */
    public int jumboMax() {
        return jumboMax;
    }

    public void touch(long nowNanos) {
        lastActivityNanos = nowNanos;
    }

    public long lastActivityNanos() {
        return lastActivityNanos;
    }

    public void countSent(int bytes) {
        packetsSent++;
        bytesSent += bytes;
    }

    public void countReceived(int bytes) {
        packetsReceived++;
        bytesReceived += bytes;
    }

    public void countRetransmission() {
        retransmissions++;
    }

    public long packetsSent() {
        return packetsSent;
    }

    public long packetsReceived() {
        return packetsReceived;
    }

    public long retransmissions() {
        return retransmissions;
    }

    public long bytesSent() {
        return bytesSent;
    }

    public long bytesReceived() {
        return bytesReceived;
    }

    /** Service connections this peer holds open to us (bounded per peer). */
    public int serviceConnections() {
        return serviceConnections;
    }

    public void serviceConnectionOpened() {
        serviceConnections++;
    }

    public void serviceConnectionClosed() {
        serviceConnections--;
    }

    /** Service calls from this peer in progress (bounded per peer). */
    public int serviceCalls() {
        return serviceCalls;
    }

    public void serviceCallStarted() {
        serviceCalls++;
    }

    public void serviceCallEnded() {
        serviceCalls--;
    }

    @Override
    public String toString() {
        return "Peer[" + address + ", srtt=" + rtt.smoothedRttMicros() + "us, rto=" + rtt.rtoMicros() + "us]";
    }
}
