package rxgate.rxrpc.services.debug;

/**
 * rx_securityObjectStats inside a connection reply (rxrpc-protocol.md §7.4, 76 bytes).
 *
 * @param type  0 unknown, 1 null, 2 vab, 3 kad, 4 gk
 * @param level security level (rxkad: 0 clear, 1 auth, 2 crypt)
 * @param flags 1 unalloc, 2 authenticated, 4 expired, 8 packet checksum
 */
public record DebugSecStats(int type, int level, int flags, int expires, int packetsReceived,
        int packetsSent, int bytesReceived, int bytesSent) {

    public static final int TYPE_UNKNOWN = 0;
    public static final int TYPE_NULL = 1;
    public static final int TYPE_VAB = 2;
    public static final int TYPE_KAD = 3;
    public static final int TYPE_GK = 4;
}
