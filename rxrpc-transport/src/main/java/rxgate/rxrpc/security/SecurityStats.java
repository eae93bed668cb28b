package rxgate.rxrpc.security;

/**
 * The security part of an rxdebug connection entry ({@code rx_securityObjectStats},
 * rxrpc-protocol.md §7.4): what OpenAFS's {@code rxdebug -allconnections} prints as
 * "rxkad: level crypt, flags authenticated ...".
 *
 * @param type            1 null, 3 rxkad
 * @param level           the connection's level (rxkad 0 clear, 1 auth, 2 crypt)
 * @param flags           {@link #FLAG_UNALLOC}, {@link #FLAG_AUTHENTICATED}, {@link #FLAG_EXPIRED},
 *                        {@link #FLAG_PACKET_CHECKSUM}
 * @param expires         Unix seconds, 0 if none
 * @param packetsReceived DATA packets verified
 * @param packetsSent     DATA packets secured
 * @param bytesReceived   user bytes verified
 * @param bytesSent       user bytes secured
 */
public record SecurityStats(int type, int level, int flags, long expires, long packetsReceived, long packetsSent,
        long bytesReceived, long bytesSent) {
    public static final int TYPE_NULL = 1;
    public static final int TYPE_KAD = 3;
    public static final int FLAG_UNALLOC = 1;
    public static final int FLAG_AUTHENTICATED = 2;
    public static final int FLAG_EXPIRED = 4;
    public static final int FLAG_PACKET_CHECKSUM = 8;

    /** What a null-security connection reports. */
    public static final SecurityStats NULL = new SecurityStats(TYPE_NULL, 0, 0, 0, 0, 0, 0, 0);
}
