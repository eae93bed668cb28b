package rxgate.rxrpc.wire;

/**
 * The ACK body's {@code reason} byte (§4.2 of {@code rxrpc-protocol.md}). An open set: receivers
 * must tolerate values they do not know (the kernel even has an internal value 10), so
 * {@link #name(int)} never throws.
 */
public final class AckReason {

    private AckReason() {
    }

    /** DATA arrived with REQUEST_ACK (or, kernel, a non-PING ACK with REQUEST_ACK). */
    public static final int REQUESTED = 1;
    /** DATA already received. */
    public static final int DUPLICATE = 2;
    /** DATA arrived with a gap before it. */
    public static final int OUT_OF_SEQUENCE = 3;
    /** DATA beyond the receive window; it was dropped. */
    public static final int EXCEEDS_WINDOW = 4;
    /** No buffer space (old kernels, bad jumbograms). */
    public static final int NOSPACE = 5;
    /** Keepalive / RTT / MTU probe; sent with REQUEST_ACK. */
    public static final int PING = 6;
    /** Answer to a PING; its {@code serial} is the ping's serial. */
    public static final int PING_RESPONSE = 7;
    /** Delayed-ACK timer fired, or the reader consumed data. */
    public static final int DELAY = 8;
    /** Periodic ACK (every second DATA packet, or nothing else to say). */
    public static final int IDLE = 9;

    private static final String[] NAMES = {
        null, "REQUESTED", "DUPLICATE", "OUT_OF_SEQUENCE", "EXCEEDS_WINDOW", "NOSPACE", "PING",
        "PING_RESPONSE", "DELAY", "IDLE",
    };

    /** Whether {@code reason} is one of 1..9. */
    public static boolean isKnown(int reason) {
        return reason >= REQUESTED && reason <= IDLE;
    }

    /** {@code "REQUESTED"} ... {@code "IDLE"}, else {@code "UNKNOWN(n)"}. */
    public static String name(int reason) {
        return isKnown(reason) ? NAMES[reason] : "UNKNOWN(" + reason + ")";
    }
}
