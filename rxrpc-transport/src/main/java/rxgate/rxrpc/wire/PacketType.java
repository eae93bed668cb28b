package rxgate.rxrpc.wire;

/**
 * The header's {@code type} byte (§1.1 of {@code rxrpc-protocol.md}).
 *
 * <p>An open set, in the manner of Netty's {@code DnsOpCode}: the known values are {@code int}
 * constants (no allocation on the receive path), and {@link #name(int)} renders any value,
 * known or not. Types 9 (PARAMS), 10 and 11 were never implemented; both stacks drop them
 * silently, and so does {@link RxPacket#decode}.
 */
public final class PacketType {

    private PacketType() {
    }

    /** Payload of a call; the only type that can create a call at a server (§3). */
    public static final int DATA = 1;
    /** Acknowledgement (§4). */
    public static final int ACK = 2;
    /** "This call channel cannot accept a call now"; header only (§6.2). */
    public static final int BUSY = 3;
    /** Ends a call (callNumber != 0) or a whole connection (callNumber 0) with a 4-byte code (§6.1). */
    public static final int ABORT = 4;
    /** Hard-ACKs every DATA packet of the current phase; header only (§6.3). */
    public static final int ACKALL = 5;
    /** Security challenge, server to client, connection level (§2.4). */
    public static final int CHALLENGE = 6;
    /** Answer to a CHALLENGE, client to server, connection level (§2.4). */
    public static final int RESPONSE = 7;
    /** OpenAFS statistics protocol, rxdebug (§7.2). */
    public static final int DEBUG = 8;
    /** Never implemented; dropped (§1.1). */
    public static final int PARAMS = 9;
    /** Version query and NAT keepalive (§7.1). */
    public static final int VERSION = 13;

    /** Highest type value OpenAFS counts in its statistics ({@code RX_N_PACKET_TYPES}, §1.1). */
    public static final int MAX_TYPE = 13;

    private static final String[] NAMES = {
        null, "DATA", "ACK", "BUSY", "ABORT", "ACKALL", "CHALLENGE", "RESPONSE", "DEBUG",
        "PARAMS", null, null, null, "VERSION",
    };

    /**
     * Whether {@code type} is one that rxgate processes: 1..8 or 13. PARAMS (9), 10, 11, 12 and
     * anything else are not.
     */
    public static boolean isKnown(int type) {
        return (type >= DATA && type <= DEBUG) || type == VERSION;
    }

    /** {@code "DATA"}, {@code "ACK"}, ... for known types (and PARAMS), else {@code "UNKNOWN(n)"}. */
    public static String name(int type) {
        if (type >= 0 && type < NAMES.length && NAMES[type] != null) {
            return NAMES[type];
        }
        return "UNKNOWN(" + type + ")";
    }
}
