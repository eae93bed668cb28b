package rxgate.rxrpc.services.debug;

import rxgate.rxrpc.services.Golden;

/** Golden rxdebug replies built from the layouts in rxrpc-protocol.md §7.3-§7.6. */
public final class DebugGolden {
    private DebugGolden() {
    }

    /** rx_debugStats, 56 bytes. */
    public static byte[] stats(int free, int reclaims, int calls, int waiting, int usedFds, char version, int nWaiting,
            int idle, int nWaited, int nPackets) {
        byte[] b = Golden.bytes().words(free, reclaims, calls).u8(waiting, usedFds, version, 0)
                .words(nWaiting, idle, nWaited, nPackets).zeros(6).build();
        check(b, 56);
        return b;
    }

    public static byte[] typicalStats() {
        return stats(508, 0, 25, 0, 11, 'S', 0, 6, 0, 520);
    }

    /** rx_statistics with word i = i + 1 (to check every field's position). */
    public static byte[] countingRxStats() {
        int[] w = new int[71];
        for (int i = 0; i < 71; i++) {
            w[i] = i + 1;
        }
        return Golden.bytes().words(w).build();
    }

    /** A plausible vlserver's rx_statistics. */
    public static byte[] typicalRxStats() {
        Golden g = Golden.bytes();
        g.words(120, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);                // packetRequests .. sendSelects
        g.words(30, 40, 0, 1, 0, 0, 0, 3, 0, 0, 0, 0, 1);         // packetsRead[13]
        g.words(30, 40, 0, 0);                                      // data/ack/dup/spurious read
        g.words(35, 28, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0, 1);         // packetsSent[13]
        g.words(28, 0, 2, 0, 35, 0, 0, 0);                          // ack..ignoreAckedPacket
        g.words(0, 12000, 0, 400, 0, 2500);                         // totalRtt, minRtt, maxRtt
        g.words(12, 2, 0, 3, 8, 0, 0, 0, 0, 0, 0, 0);               // nRttSamples .. nBusies
        g.zeros(4);                                                 // spares
        byte[] b = g.build();
        check(b, 284);
        return b;
    }

    /** rx_debugConn, 176 bytes. */
    public static byte[] conn(int host, int cid, int serial, int[] callNumbers, int error, int port, int flags, int type,
            int secIndex, int[] state, int[] mode, int[] callFlags, int[] other, int secType, int secLevel,
            int secFlags, int expires, int pktsIn, int pktsOut, int bytesIn, int bytesOut, int epoch, int natMtu) {
        Golden g = Golden.bytes().words(host, cid, serial).words(callNumbers).words(error)
                .u16(port).u8(flags, type, secIndex, 0, 0, 0);
        for (int[] a : new int[][] {state, mode, callFlags, other}) {
            g.u8(a);
        }
        g.u8(secType, secLevel).u8(new int[10]).words(secFlags, expires, pktsIn, pktsOut, bytesIn, bytesOut)
                .u16(0, 0, 0, 0).zeros(8);
        g.words(epoch, natMtu).zeros(9);
        byte[] b = g.build();
        check(b, 176);
        return b;
    }

    public static byte[] serverConn() {
        return conn(0x0A4D0002, 0x5c7a0008, 17, new int[] {3, 0, 0, 0}, 0, 7001, 0, 1, 0,
                new int[] {3, 0, 0, 0}, new int[] {4, 0, 0, 0}, new int[4], new int[4],
                1, 0, 0, 0, 0, 0, 0, 0, 0x65a1b2c3, 1444);
    }

    public static byte[] endOfConns() {
        return conn(0, -1, 0, new int[4], 0, 0, 0, 0, 0, new int[4], new int[4], new int[4], new int[4],
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** rx_debugPeer, 132 bytes. */
    public static byte[] peer(int host, int port, int ifMtu, int rtt, int rttDev, int timeoutSec, int timeoutUsec, int nSent,
            int reSends, int natMtu, int maxMtu, int mtu, int cwind, long bytesSent, long bytesReceived) {
        Golden g = Golden.bytes().words(host).u16(port, ifMtu).words(99).u16(1).u8(0, 0).words(0, 0)
                .words(rtt, rttDev, timeoutSec, timeoutUsec, nSent, reSends, 0, 0, 0)
                .u16(natMtu, maxMtu, 3, 3, mtu, cwind, 1, 0)
                .words((int) (bytesSent >>> 32), (int) bytesSent, (int) (bytesReceived >>> 32), (int) bytesReceived)
                .zeros(10);
        byte[] b = g.build();
        check(b, 132);
        return b;
    }

    public static byte[] typicalPeer() {
        return peer(0x0A4D0002, 7001, 1444, 16, 4, 0, 0, 40, 1, 1444, 1444, 1444, 16, 4000, (1L << 32) + 5);
    }

    public static byte[] endOfPeers() {
        return peer(-1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** The 8-byte RX_DEBUGI_BADTYPE answer. */
    public static byte[] badType() {
        return Golden.bytes().words(-8, -8).build();
    }

    private static void check(byte[] b, int size) {
        if (b.length != size) {
            throw new AssertionError("golden struct must be " + size + " bytes, got " + b.length);
        }
    }
}
