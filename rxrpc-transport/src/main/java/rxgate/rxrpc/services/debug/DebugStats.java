package rxgate.rxrpc.services.debug;

/**
 * rx_debugStats, the GETSTATS reply (rxrpc-protocol.md §7.3, 56 bytes, big-endian).
 *
 * <pre>
 *  0 nFreePackets   4 packetReclaims   8 callsExecuted
 * 12 waitingForPackets (u8)  13 usedFDs (i8)  14 version (ASCII letter)  15 spare1
 * 16 nWaiting  20 idleThreads  24 nWaited  28 nPackets  32 spare2[6]
 * </pre>
 *
 * @param usedFDs the C {@code char}, printed signed by rxdebug
 * @param version the version letter, e.g. 'S'; it says which fields and requests are supported
 */
public record DebugStats(int nFreePackets, int packetReclaims, int callsExecuted, int waitingForPackets,
        int usedFDs, char version, int nWaiting, int idleThreads, int nWaited, int nPackets) {

    public static final int SIZE = 56;

    /** Decodes a reply body (zero-filled if short). */
    public static DebugStats decode(byte[] body) {
        DebugBytes d = new DebugBytes(body, SIZE);
        return new DebugStats(d.i32(0), d.i32(4), d.i32(8), d.u8(12), d.i8(13), (char) d.u8(14),
                d.i32(16), d.i32(20), d.i32(24), d.i32(28));
    }

    /** Whether the server's version letter is at least {@code minVersion}. */
    public boolean supports(char minVersion) {
        return version >= minVersion;
    }

    public boolean supportsSecStats() {
        return supports(RxDebugConstants.VERSION_W_SECSTATS);
    }

    public boolean supportsAllConnections() {
        return supports(RxDebugConstants.VERSION_W_GETALLCONN);
    }

    public boolean supportsRxStats() {
        return supports(RxDebugConstants.VERSION_W_RXSTATS);
    }

    public boolean supportsPeers() {
        return supports(RxDebugConstants.VERSION_W_GETPEER);
    }
}
