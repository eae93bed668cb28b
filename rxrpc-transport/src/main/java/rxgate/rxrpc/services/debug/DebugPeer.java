package rxgate.rxrpc.services.debug;

import rxgate.rxrpc.services.Ipv4;

/**
 * rx_debugPeer, the GETPEER reply (rxrpc-protocol.md §7.6, 132 bytes, big-endian).
 *
 * <pre>
 *   0 host  4 port (u16)  6 ifMTU (u16)  8 idleWhen  12 refCount (i16)  14 burstSize (u8)
 *  15 burst (u8)  16 burstWait{sec,usec}  24 rtt  28 rtt_dev  32 timeout{sec,usec}  40 nSent
 *  44 reSends  48 inPacketSkew  52 outPacketSkew  56 rateFlag  60 natMTU  62 maxMTU
 *  64 maxDgramPackets  66 ifDgramPackets  68 MTU  70 cwind  72 nDgramPackets  74 congestSeq
 *  76 bytesSent{high,low}  84 bytesReceived{high,low}  92 sparel[10]
 * </pre>
 *
 * The end of the list is a reply with host 0xFFFFFFFF ({@link #isEndMarker()}). {@code rtt}
 * is in 1/8 ms and {@code rttDev} in 1/4 ms (rxdebug prints {@code rtt >> 3} and
 * {@code rtt_dev >> 2} msec).
 */
public record DebugPeer(int host, int port, int ifMTU, int idleWhen, int refCount, int burstSize,
        int burst, RxClock burstWait, int rtt, int rttDev, RxClock timeout, int nSent, int reSends,
        int inPacketSkew, int outPacketSkew, int rateFlag, int natMTU, int maxMTU, int maxDgramPackets,
        int ifDgramPackets, int mtu, int cwind, int nDgramPackets, int congestSeq, long bytesSent,
        long bytesReceived) {

    public static final int SIZE = 132;

    /** Whether this is the end-of-list marker (host 0xFFFFFFFF). */
    public boolean isEndMarker() {
        return host == -1;
    }

    public String hostString() {
        return Ipv4.toDottedQuad(host);
    }

    public static DebugPeer decode(byte[] body) {
        DebugBytes d = new DebugBytes(body, SIZE);
        return new DebugPeer(d.i32(0), d.u16(4), d.u16(6), d.i32(8), d.i16(12), d.u8(14), d.u8(15),
                new RxClock(d.i32(16), d.i32(20)), d.i32(24), d.i32(28), new RxClock(d.i32(32), d.i32(36)),
                d.i32(40), d.i32(44), d.i32(48), d.i32(52), d.i32(56), d.u16(60), d.u16(62), d.u16(64),
                d.u16(66), d.u16(68), d.u16(70), d.u16(72), d.u16(74),
                ((long) d.i32(76) << 32) | (d.i32(80) & 0xFFFF_FFFFL),
                ((long) d.i32(84) << 32) | (d.i32(88) & 0xFFFF_FFFFL));
    }
}
