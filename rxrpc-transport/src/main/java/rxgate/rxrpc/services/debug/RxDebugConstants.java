package rxgate.rxrpc.services.debug;

/** rx DEBUG request types and reply versions (rxrpc-protocol.md §7.2, §7.3). */
public final class RxDebugConstants {
    /** rx_debugStats (56 bytes). */
    public static final int GETSTATS = 1;
    /** n-th "interesting" connection, rx_debugConn (176 bytes). */
    public static final int GETCONN = 2;
    /** n-th connection of any kind. */
    public static final int GETALLCONN = 3;
    /** rx_statistics (284 bytes). */
    public static final int RXSTATS = 4;
    /** n-th peer, rx_debugPeer (132 bytes). */
    public static final int GETPEER = 5;
    /** Reply type/index of a request the server does not know: 8 bytes {-8, -8}. */
    public static final int BADTYPE = -8;

    /** Earliest real version letter. */
    public static final char VERSION_MINIMUM = 'L';
    /** Latest version letter (OpenAFS 1.8). */
    public static final char VERSION_LATEST = 'S';
    /** secStats in connection replies. */
    public static final char VERSION_W_SECSTATS = 'L';
    /** GETALLCONN. */
    public static final char VERSION_W_GETALLCONN = 'M';
    /** RXSTATS. */
    public static final char VERSION_W_RXSTATS = 'M';
    /** nWaiting. */
    public static final char VERSION_W_WAITERS = 'N';
    /** idleThreads. */
    public static final char VERSION_W_IDLETHREADS = 'O';
    /** receive/send cbuf alloc-failure counters. */
    public static final char VERSION_W_NEWPACKETTYPES = 'P';
    /** GETPEER. */
    public static final char VERSION_W_GETPEER = 'Q';
    /** nWaited. */
    public static final char VERSION_W_WAITED = 'R';
    /** nPackets. */
    public static final char VERSION_W_PACKETS = 'S';

    /** rxdebug's default port (the fileserver). */
    public static final int DEFAULT_PORT = 7000;

    private RxDebugConstants() {
    }
}
