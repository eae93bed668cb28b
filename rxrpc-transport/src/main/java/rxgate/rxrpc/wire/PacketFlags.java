package rxgate.rxrpc.wire;

/**
 * The header's {@code flags} byte (§1.2 of {@code rxrpc-protocol.md}).
 *
 * <p>Bit 5 means JUMBO_PACKET on DATA and SLOW_START_OK on ACK; {@link #describe(int, int)}
 * takes the packet type to name it correctly.
 */
public final class PacketFlags {

    private PacketFlags() {
    }

    /** Set on every packet sent by the connection's client side; never by the server (§1.2). */
    public static final int CLIENT_INITIATED = 0x01;
    /** The sender wants an ACK now; always on PING ACKs (§1.2, §4.2). */
    public static final int REQUEST_ACK = 0x02;
    /** Last DATA packet of this side's phase; also set on VERSION packets (§1.2). */
    public static final int LAST_PACKET = 0x04;
    /** OpenAFS: more packets follow in this send burst. Informational only (§1.2). */
    public static final int MORE_PACKETS = 0x08;
    /** On DATA: another sub-packet follows in this datagram (§3.3). */
    public static final int JUMBO_PACKET = 0x20;
    /** On ACK: the receiver supports slow start; both stacks set it on every ACK (§1.2). */
    public static final int SLOW_START_OK = 0x20;

    /**
     * The flags OpenAFS keeps across retransmissions ({@code RX_PRESET_FLAGS}, §1.2); the
     * others are recomputed for every transmission.
     */
    public static final int PRESET_FLAGS = CLIENT_INITIATED | LAST_PACKET;

    /**
     * Renders {@code flags} for logs, e.g. {@code "CLIENT_INITIATED|LAST_PACKET"}; bit 5 is
     * named after {@code type} (JUMBO_PACKET on DATA, SLOW_START_OK on ACK, {@code 0x20}
     * otherwise); unassigned bits appear in hex; no bits gives {@code "0"}.
     */
    public static String describe(int flags, int type) {
        if (flags == 0) {
            return "0";
        }
        StringBuilder sb = new StringBuilder(32);
        for (int bit = 1; bit <= 0x80 && bit > 0; bit <<= 1) {
            if ((flags & bit) != 0) {
                if (sb.length() > 0) {
                    sb.append('|');
                }
                sb.append(bitName(bit, type));
            }
        }
        int beyond = flags & ~0xFF;
        if (beyond != 0) {
            if (sb.length() > 0) {
                sb.append('|');
            }
            sb.append("0x").append(Integer.toHexString(beyond));
        }
        return sb.toString();
    }

    private static String bitName(int bit, int type) {
        switch (bit) {
            case CLIENT_INITIATED:
                return "CLIENT_INITIATED";
            case REQUEST_ACK:
                return "REQUEST_ACK";
            case LAST_PACKET:
                return "LAST_PACKET";
            case MORE_PACKETS:
                return "MORE_PACKETS";
            case 0x20:
                if (type == PacketType.DATA) {
                    return "JUMBO_PACKET";
                }
                if (type == PacketType.ACK) {
                    return "SLOW_START_OK";
                }
                return "0x20";
            default:
                return "0x" + Integer.toHexString(bit);
        }
    }
}
