package rxgate.rxrpc.services.debug;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * rx_statistics, the RXSTATS reply (rxrpc-protocol.md §7.5): 71 big-endian words, 284 bytes.
 * Field names are OpenAFS's; {@code packetsRead}/{@code packetsSent} are indexed by packet type
 * minus one (data, ack, busy, abort, ackall, challenge, response, debug, params, 3 unused,
 * version). All counters are C {@code int}s that rxdebug prints unsigned.
 */
public record RxStatistics(
        int packetRequests, int receivePktAllocFailures, int sendPktAllocFailures,
        int specialPktAllocFailures, int socketGreedy, int bogusPacketOnRead, int bogusHost,
        int noPacketOnRead, int noPacketBuffersOnRead, int selects, int sendSelects,
        List<Integer> packetsRead,
        int dataPacketsRead, int ackPacketsRead, int dupPacketsRead, int spuriousPacketsRead,
        List<Integer> packetsSent,
        int ackPacketsSent, int pingPacketsSent, int abortPacketsSent, int busyPacketsSent,
        int dataPacketsSent, int dataPacketsReSent, int dataPacketsPushed, int ignoreAckedPacket,
        RxClock totalRtt, RxClock minRtt, RxClock maxRtt,
        int nRttSamples, int nServerConns, int nClientConns, int nPeerStructs, int nCallStructs,
        int nFreeCallStructs, int netSendFailures, int fatalErrors, int ignorePacketDally,
        int receiveCbufPktAllocFailures, int sendCbufPktAllocFailures, int nBusies,
        List<Integer> spares) {

    /** Size of the reply in bytes. */
    public static final int SIZE = 284;
    /** Words in the reply. */
    public static final int WORDS = 71;
    /** Packet types counted in packetsRead/packetsSent. */
    public static final int N_PACKET_TYPES = 13;
    /** rxdebug's names of the packet types, index = type - 1. */
    public static final List<String> PACKET_TYPE_NAMES = List.of("data", "ack", "busy", "abort",
            "ackall", "challenge", "response", "debug", "params", "unused", "unused", "unused", "version");

    public RxStatistics {
        packetsRead = List.copyOf(packetsRead);
        packetsSent = List.copyOf(packetsSent);
        spares = List.copyOf(spares);
        if (packetsRead.size() != N_PACKET_TYPES || packetsSent.size() != N_PACKET_TYPES || spares.size() != 4) {
            throw new IllegalArgumentException("packetsRead/packetsSent need 13 entries and spares 4");
        }
    }

    /** Packets read of Rx packet type {@code type} (1..13). */
    public int packetsRead(int type) {
        return packetsRead.get(type - 1);
    }

    /** Packets sent of Rx packet type {@code type} (1..13). */
    public int packetsSent(int type) {
        return packetsSent.get(type - 1);
    }

    /**
     * Decodes a reply body. Like rxdebug, a short body is zero-filled; check
     * {@code body.length == SIZE} (and the BADTYPE reply) before calling if that matters.
     */
    public static RxStatistics decode(byte[] body) {
        DebugBytes d = new DebugBytes(body, SIZE);
        int[] w = new int[WORDS];
        for (int i = 0; i < WORDS; i++) {
            w[i] = d.i32(4 * i);
        }
        int k = 0;
        int packetRequests = w[k++];
        int receivePktAllocFailures = w[k++];
        int sendPktAllocFailures = w[k++];
        int specialPktAllocFailures = w[k++];
        int socketGreedy = w[k++];
        int bogusPacketOnRead = w[k++];
        int bogusHost = w[k++];
        int noPacketOnRead = w[k++];
        int noPacketBuffersOnRead = w[k++];
        int selects = w[k++];
        int sendSelects = w[k++];
        List<Integer> read = slice(w, k, N_PACKET_TYPES);
        k += N_PACKET_TYPES;
        int dataPacketsRead = w[k++];
        int ackPacketsRead = w[k++];
        int dupPacketsRead = w[k++];
        int spuriousPacketsRead = w[k++];
        List<Integer> sent = slice(w, k, N_PACKET_TYPES);
        k += N_PACKET_TYPES;
        int ackPacketsSent = w[k++];
        int pingPacketsSent = w[k++];
        int abortPacketsSent = w[k++];
        int busyPacketsSent = w[k++];
        int dataPacketsSent = w[k++];
        int dataPacketsReSent = w[k++];
        int dataPacketsPushed = w[k++];
        int ignoreAckedPacket = w[k++];
        RxClock totalRtt = new RxClock(w[k++], w[k++]);
        RxClock minRtt = new RxClock(w[k++], w[k++]);
        RxClock maxRtt = new RxClock(w[k++], w[k++]);
        int nRttSamples = w[k++];
        int nServerConns = w[k++];
        int nClientConns = w[k++];
        int nPeerStructs = w[k++];
        int nCallStructs = w[k++];
        int nFreeCallStructs = w[k++];
        int netSendFailures = w[k++];
        int fatalErrors = w[k++];
        int ignorePacketDally = w[k++];
        int receiveCbufPktAllocFailures = w[k++];
        int sendCbufPktAllocFailures = w[k++];
        int nBusies = w[k++];
        List<Integer> spares = slice(w, k, 4);
        return new RxStatistics(packetRequests, receivePktAllocFailures, sendPktAllocFailures,
                specialPktAllocFailures, socketGreedy, bogusPacketOnRead, bogusHost, noPacketOnRead,
                noPacketBuffersOnRead, selects, sendSelects, read, dataPacketsRead, ackPacketsRead,
                dupPacketsRead, spuriousPacketsRead, sent, ackPacketsSent, pingPacketsSent,
                abortPacketsSent, busyPacketsSent, dataPacketsSent, dataPacketsReSent, dataPacketsPushed,
                ignoreAckedPacket, totalRtt, minRtt, maxRtt, nRttSamples, nServerConns, nClientConns,
                nPeerStructs, nCallStructs, nFreeCallStructs, netSendFailures, fatalErrors,
                ignorePacketDally, receiveCbufPktAllocFailures, sendCbufPktAllocFailures, nBusies, spares);
    }

    /** The 284-byte wire form (for a responder answering RXSTATS). */
    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(SIZE);
        for (int v : new int[] {packetRequests, receivePktAllocFailures, sendPktAllocFailures,
                specialPktAllocFailures, socketGreedy, bogusPacketOnRead, bogusHost, noPacketOnRead,
                noPacketBuffersOnRead, selects, sendSelects}) {
            b.putInt(v);
        }
        packetsRead.forEach(b::putInt);
        for (int v : new int[] {dataPacketsRead, ackPacketsRead, dupPacketsRead, spuriousPacketsRead}) {
            b.putInt(v);
        }
        packetsSent.forEach(b::putInt);
        for (int v : new int[] {ackPacketsSent, pingPacketsSent, abortPacketsSent, busyPacketsSent,
                dataPacketsSent, dataPacketsReSent, dataPacketsPushed, ignoreAckedPacket,
                totalRtt.sec(), totalRtt.usec(), minRtt.sec(), minRtt.usec(), maxRtt.sec(), maxRtt.usec(),
                nRttSamples, nServerConns, nClientConns, nPeerStructs, nCallStructs, nFreeCallStructs,
                netSendFailures, fatalErrors, ignorePacketDally, receiveCbufPktAllocFailures,
                sendCbufPktAllocFailures, nBusies}) {
            b.putInt(v);
        }
        spares.forEach(b::putInt);
        return b.array();
    }

    private static List<Integer> slice(int[] w, int from, int n) {
        List<Integer> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(w[from + i]);
        }
        return l;
    }
}
