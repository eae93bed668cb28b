package rxgate.rxrpc.wire;

/**
 * Rx wire constants: sizes, masks and the rxdebug code points, in one place.
 *
 * <p>Section references are to {@code shared/docs/rxrpc-protocol.md}. Values marked
 * "protocol" are fixed by the wire format or by what OpenAFS / Linux AF_RXRPC send; values
 * marked "implementation choice" are rxgate limits. Well-known service ids and ports are not
 * wire constants and live with the services.
 */
public final class RxConstants {

    private RxConstants() {
    }

    // ---------------------------------------------------------------- header (§1)

    /** Protocol: size of the Rx header that starts every datagram (§1, {@code RX_HEADER_SIZE}). */
    public static final int HEADER_SIZE = 28;

    /** Protocol: epoch bit 31, "random epoch": the peer's address is not part of the connection identity (§1, §2.1). */
    public static final int RANDOM_EPOCH = 0x80000000;

    /** Protocol: mask selecting the connection id from the {@code cid} field ({@code RX_CIDMASK}, §1). */
    public static final int CID_MASK = ~3;

    /** Protocol: mask selecting the channel from the {@code cid} field ({@code RX_CHANNELMASK}, §1). */
    public static final int CHANNEL_MASK = 3;

    /** Protocol: calls per connection, one per channel ({@code RX_MAXCALLS}, §2.1). */
    public static final int MAX_CHANNELS = 4;

    // ---------------------------------------------------------------- DATA sizes (§3.2)

    /** Protocol: OpenAFS's pessimistic IP + UDP overhead ({@code RX_IPUDP_SIZE}, §3.2). */
    public static final int IPUDP_SIZE = 56;

    /** Protocol: smallest Rx packet (incl. header) assumed always deliverable ({@code RX_MIN_PACKET_SIZE}, §3.2). */
    public static final int MIN_PACKET_SIZE = 520;

    /** Protocol: Rx packet size (incl. header) for a 1500-byte path ({@code RX_REMOTE_PACKET_SIZE}, §3.2). */
    public static final int REMOTE_PACKET_SIZE = 1444;

    /**
     * Protocol: largest datagram (incl. the Rx header) OpenAFS sends or receives
     * ({@code RX_MAX_PACKET_SIZE}, §3.2). rxgate drops anything larger ({@link DropReason#OVERSIZE}).
     */
    public static final int MAX_PACKET_SIZE = 16384;

    /** Protocol: {@link #MAX_PACKET_SIZE} minus the header ({@code RX_MAX_PACKET_DATA_SIZE}, §3.2). */
    public static final int MAX_PACKET_DATA = MAX_PACKET_SIZE - HEADER_SIZE;

    // ---------------------------------------------------------------- jumbograms (§3.3)

    /** Protocol: data bytes of every non-final jumbo sub-packet ({@code RX_JUMBOBUFFERSIZE}, §3.2). */
    public static final int JUMBO_DATA_LENGTH = 1412;

    /** Protocol: the 4-byte secondary header in front of sub-packets 1..n-1 ({@code RX_JUMBOHEADERSIZE}, §3.3). */
    public static final int JUMBO_HEADER_SIZE = 4;

    /** Protocol: a non-final sub-packet's data plus the following jumbo header ({@code RXRPC_JUMBO_SUBPKTLEN}, §3.2). */
    public static final int JUMBO_SUBPACKET_LENGTH = JUMBO_DATA_LENGTH + JUMBO_HEADER_SIZE;

    /**
     * Implementation choice: most sub-packets accepted in, or put into, one datagram. It equals the
     * newest kernel's {@code RXRPC_MAX_NR_JUMBO} (46, §3.2). While {@link #MAX_PACKET_SIZE} is
     * 16384 a valid datagram can only hold 12 sub-packets anyway; the cap keeps
     * {@link Jumbogram#split} bounded for callers that hand it a larger buffer.
     */
    public static final int MAX_JUMBO_SUBPACKETS = 46;

    // ---------------------------------------------------------------- ACK (§4.1)

    /** Protocol: most soft-ACK entries in one ACK ({@code nAcks} is a u8, §4.1). */
    public static final int MAX_ACKS = 255;

    /** Protocol: ACK body bytes before the {@code acks[]} table (§4.1). */
    public static final int ACK_BODY_BASE_SIZE = 18;

    /** Protocol: zero bytes between {@code acks[]} and the trailer (§4.1). */
    public static final int ACK_PAD_SIZE = 3;

    /** Protocol: the optional ACK trailer, four u32 words (§4.1, §4.3). */
    public static final int ACK_TRAILER_SIZE = 16;

    // ---------------------------------------------------------------- VERSION (§7.1)

    /** Protocol: body length of a VERSION reply, NUL-terminated and zero-padded (§7.1). */
    public static final int VERSION_REPLY_BODY_SIZE = 65;

    /** Protocol: body length of a VERSION request or keepalive (one zero byte, §7.1). */
    public static final int VERSION_REQUEST_BODY_SIZE = 1;

    /** Protocol: the epoch rxdebug puts on VERSION and DEBUG requests (§7.1, §7.2). */
    public static final int RXDEBUG_EPOCH = 999;

    // ---------------------------------------------------------------- DEBUG (§7.2 - §7.6)

    /** Protocol: {@code rx_debugIn} request body, {@code int32 type; int32 index} (§7.2). */
    public static final int DEBUG_REQUEST_SIZE = 8;

    /** Protocol: DEBUG request type GETSTATS, answered with {@code rx_debugStats} (§7.2). */
    public static final int RX_DEBUGI_GETSTATS = 1;

    /** Protocol: DEBUG request type GETCONN, the n-th "interesting" connection (§7.2). */
    public static final int RX_DEBUGI_GETCONN = 2;

    /** Protocol: DEBUG request type GETALLCONN, the n-th connection of any kind (§7.2). */
    public static final int RX_DEBUGI_GETALLCONN = 3;

    /** Protocol: DEBUG request type RXSTATS, answered with {@code rx_statistics} (§7.2). */
    public static final int RX_DEBUGI_RXSTATS = 4;

    /** Protocol: DEBUG request type GETPEER, the n-th peer (§7.2). */
    public static final int RX_DEBUGI_GETPEER = 5;

    /** Protocol: type and index of the 8-byte reply to an unknown DEBUG request type (§7.2). */
    public static final int RX_DEBUGI_BADTYPE = -8;

    /** Protocol: the debug protocol version letter a current server reports in GETSTATS (§7.3). */
    public static final byte RX_DEBUGI_VERSION = 'S';

    /** Protocol: size of {@code rx_debugStats}, the GETSTATS reply (§7.3). */
    public static final int DEBUG_STATS_SIZE = 56;

    /** Protocol: size of {@code rx_debugConn}, the GETCONN/GETALLCONN reply (§7.4). */
    public static final int DEBUG_CONN_SIZE = 176;

    /** Protocol: size of {@code rx_statistics}, the RXSTATS reply, 71 int32 words (§7.5). */
    public static final int RX_STATISTICS_SIZE = 284;

    /** Protocol: size of {@code rx_debugPeer}, the GETPEER reply (§7.6). */
    public static final int DEBUG_PEER_SIZE = 132;

    /** Protocol: {@code cid} (GETCONN) or {@code host} (GETPEER) value marking the end of the list (§7.2). */
    public static final int DEBUG_END_MARKER = 0xFFFFFFFF;
}
