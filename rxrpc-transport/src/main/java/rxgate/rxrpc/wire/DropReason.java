package rxgate.rxrpc.wire;

/**
 * Why a received packet was dropped, shared by the wire decoders (which produce the first group
 * through {@link MalformedPacketException}) and the endpoint's router (the second group). The
 * tracer and the metrics use these values as labels, as the kernel does with its
 * {@code rxrpc_badmsg_*} / {@code rxrpc_eproto_*} reasons (style.md §2.6).
 *
 * <p>Section references are to {@code rxrpc-protocol.md}.
 */
public enum DropReason {

    // ---- produced by the wire layer (rxgate.rxrpc.wire)

    /** Datagram shorter than the 28-byte header (§1, §11 item 1). */
    SHORT_HEADER("short-header"),
    /** ACK body shorter than 18 bytes, or {@code nAcks} larger than the body (§4.1). */
    BAD_ACK("bad-ack"),
    /** ABORT body shorter than 4 bytes; the kernel ignores those too (§6.1). */
    BAD_ABORT("bad-abort"),
    /**
     * Jumbogram with LAST_PACKET on a non-final sub-packet, a JUMBO_PACKET flag with fewer than
     * 1416 bytes left, or too many sub-packets (§3.3).
     */
    BAD_JUMBO("bad-jumbo"),
    /** Client-initiated DEBUG request with a body shorter than 8 bytes (§7.2). */
    BAD_DEBUG("bad-debug"),
    /** PARAMS (9), types 10-12, 0, or anything above VERSION (13) (§1.1). */
    UNKNOWN_TYPE("unknown-type"),
    /** DATA with seq 0 (§3.1: sequence numbers start at 1). */
    ZERO_SEQ_DATA("zero-seq-data"),
    /** DATA, ACK, BUSY or ACKALL with callNumber 0 (§2.3). */
    ZERO_CALL_NUMBER("zero-call-number"),
    /** Datagram larger than {@link RxConstants#MAX_PACKET_SIZE} (§3.2). */
    OVERSIZE("oversize"),

    // ---- produced by the endpoint / routing layer

    /** No connection matches (epoch, cid, direction, peer) and the packet cannot create one (§2.1, §2.2). */
    NO_CONNECTION("no-connection"),
    /** No call on the channel and the packet cannot create one (§2.2). */
    NO_CALL("no-call"),
    /** callNumber lower than the channel's current call (§2.2). */
    STALE_CALL("stale-call"),
    /** DATA outside the receive window (§4.2 EXCEEDS_WINDOW). */
    OUT_OF_WINDOW("out-of-window"),
    /** DATA already received (§4.2 DUPLICATE). */
    DUPLICATE("duplicate"),
    /** securityIndex differs from the connection's, or no such security class (§1.3, §2.4). */
    BAD_SECURITY_INDEX("bad-security-index"),
    /** CLIENT_INITIATED does not fit this side's role (§1.2, §6.2). */
    WRONG_DIRECTION("wrong-direction"),
    /** Not addressed to a service or connection of ours (e.g. unknown serviceId) (§2.2). */
    NOT_FOR_US("not-for-us"),
    /** A well-formed packet of a type not expected in the current state (e.g. CHALLENGE to a server) (§2.3). */
    UNEXPECTED_TYPE("unexpected-type"),
    /**
     * DATA that failed its security check (rxkad header checksum, sealed word or length, expired
     * ticket): never delivered; the connection is aborted with the RXKAD code (rxkad.md §4.6).
     */
    SECURITY_CHECK("security-check"),
    /** A packet on a connection we aborted (e.g. after a bad RESPONSE); answered with the abort again. */
    CONNECTION_ABORTED("connection-aborted");

    private final String label;

    DropReason(String label) {
        this.label = label;
    }

    /** A short lower-case label for traces and metric tags, e.g. {@code "short-header"}. */
    public String label() {
        return label;
    }
}
