package rxgate.rxrpc;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counters of one endpoint, in the shape of OpenAFS's {@code rx_statistics} (what
 * {@code rxdebug -rxstats} shows) plus drop reasons. Written by the endpoint's event loop only;
 * readable from any thread.
 */
public final class RxStats {
    /** Packet types are 1..13. */
    public static final int TYPES = 14;

    private final AtomicLongArray packetsRead = new AtomicLongArray(TYPES);
    private final AtomicLongArray packetsSent = new AtomicLongArray(TYPES);
    private final AtomicLongArray drops;
    private final AtomicLongArray counters = new AtomicLongArray(Counter.values().length);

    /** Named counters beyond per-type packet counts. */
    public enum Counter {
        DATA_PACKETS_READ, ACK_PACKETS_READ, DUP_PACKETS_READ, SPURIOUS_PACKETS_READ,
        ACK_PACKETS_SENT, PING_PACKETS_SENT, ABORT_PACKETS_SENT, BUSY_PACKETS_SENT,
        DATA_PACKETS_SENT, DATA_PACKETS_RESENT, JUMBOGRAMS_SENT, JUMBOGRAMS_READ,
        BUSIES_RECEIVED, NET_SEND_FAILURES, RTT_SAMPLES, RTT_TOTAL_MICROS,
        CALLS_STARTED, CALLS_SUCCEEDED, CALLS_FAILED, CALLS_DEAD, CALLS_TIMED_OUT,
        CONNECTIONS_OPENED, CONNECTIONS_EXPIRED, BYTES_SENT, BYTES_READ, MALFORMED_PACKETS,
        SERVICE_CONNECTIONS_OPENED, SERVICE_CONNECTIONS_EVICTED, SERVICE_CALLS_ACCEPTED, BUSY_SUPPRESSED,
        RETRANSMIT_TIMEOUTS, FAST_RETRANSMITS, SPURIOUS_RETRANSMITS, TAIL_LOSS_PROBES,
        /** rxkad handshakes on our service connections (CHALLENGEs include retransmissions). */
        CHALLENGES_SENT, RESPONSES_REJECTED
    }

    public RxStats(int dropReasons) {
        drops = new AtomicLongArray(dropReasons);
    }

    public void packetRead(int type, int bytes) {
        if (type > 0 && type < TYPES) {
            packetsRead.lazySet(type, packetsRead.get(type) + 1);
        }
        add(Counter.BYTES_READ, bytes);
    }

    public void packetSent(int type, int bytes) {
        if (type > 0 && type < TYPES) {
            packetsSent.lazySet(type, packetsSent.get(type) + 1);
        }
        add(Counter.BYTES_SENT, bytes);
    }

    public void drop(int reasonOrdinal) {
        drops.lazySet(reasonOrdinal, drops.get(reasonOrdinal) + 1);
    }

    public void inc(Counter c) {
        add(c, 1);
    }

    public void add(Counter c, long n) {
        int i = c.ordinal();
        counters.lazySet(i, counters.get(i) + n);
    }

    public long get(Counter c) {
        return counters.get(c.ordinal());
    }

    public long packetsRead(int type) {
        return packetsRead.get(type);
    }

    public long packetsSent(int type) {
        return packetsSent.get(type);
    }

    public long drops(int reasonOrdinal) {
        return drops.get(reasonOrdinal);
    }

    public long totalDrops() {
        long t = 0;
        for (int i = 0; i < drops.length(); i++) {
            t += drops.get(i);
        }
        return t;
    }
}
