package rxgate.rxrpc.services.debug;

import java.util.List;
import rxgate.rxrpc.services.Ipv4;

/**
 * rx_debugConn, the GETCONN/GETALLCONN reply (rxrpc-protocol.md §7.4, 176 bytes).
 *
 * <pre>
 *   0 host (IPv4, network order)  4 cid  8 serial  12 callNumber[4]  28 error
 *  32 port (u16)  34 flags (u8)  35 type (0 client, 1 server)  36 securityIndex  37 sparec[3]
 *  40 callState[4]  44 callMode[4]  48 callFlags[4]  52 callOther[4]  (one byte per channel)
 *  56 secStats (76)  132 epoch  136 natMTU  140 sparel[9]
 * </pre>
 *
 * The end of the list is a reply with cid 0xFFFFFFFF ({@link #isEndMarker()}).
 */
public record DebugConn(int host, int cid, int serial, List<Integer> callNumber, int error, int port,
        int flags, int type, int securityIndex, List<Integer> callState, List<Integer> callMode,
        List<Integer> callFlags, List<Integer> callOther, DebugSecStats secStats, int epoch, int natMTU) {

    public static final int SIZE = 176;

    public static final int CLIENT_CONNECTION = 0;
    public static final int SERVER_CONNECTION = 1;

    public DebugConn {
        callNumber = List.copyOf(callNumber);
        callState = List.copyOf(callState);
        callMode = List.copyOf(callMode);
        callFlags = List.copyOf(callFlags);
        callOther = List.copyOf(callOther);
    }

    /** Whether this is the end-of-list marker (cid 0xFFFFFFFF). */
    public boolean isEndMarker() {
        return cid == -1;
    }

    /** The peer address in dotted-quad form. */
    public String hostString() {
        return Ipv4.toDottedQuad(host);
    }

    public static DebugConn decode(byte[] body) {
        DebugBytes d = new DebugBytes(body, SIZE);
        return new DebugConn(d.i32(0), d.i32(4), d.i32(8),
                List.of(d.i32(12), d.i32(16), d.i32(20), d.i32(24)), d.i32(28), d.u16(32), d.u8(34),
                d.u8(35), d.u8(36), bytes(d, 40), bytes(d, 44), bytes(d, 48), bytes(d, 52),
                new DebugSecStats(d.u8(56), d.u8(57), d.i32(56 + 12), d.i32(56 + 16), d.i32(56 + 20),
                        d.i32(56 + 24), d.i32(56 + 28), d.i32(56 + 32)),
                d.i32(132), d.i32(136));
    }

    private static List<Integer> bytes(DebugBytes d, int off) {
        return List.of(d.u8(off), d.u8(off + 1), d.u8(off + 2), d.u8(off + 3));
    }
}
