package rxgate.rxrpc.wire;

/**
 * A received datagram could not be decoded; the packet is to be dropped for {@link #reason()}.
 *
 * <p>Thrown on the receive path for every garbled datagram, so it is cheap: no stack trace is
 * captured and suppression is disabled. The message is built only when asked for.
 */
public final class MalformedPacketException extends Exception {

    private static final long serialVersionUID = 1L;

    private final DropReason reason;
    private final String detail;

    /** A drop for {@code reason} without further detail. */
    public MalformedPacketException(DropReason reason) {
        this(reason, null);
    }

    /** A drop for {@code reason}; {@code detail} (nullable) says what exactly was wrong. */
    public MalformedPacketException(DropReason reason, String detail) {
        super(null, null, false, false);
        if (reason == null) {
            throw new NullPointerException("reason");
        }
        this.reason = reason;
        this.detail = detail;
    }

    /** Why the packet is dropped. */
    public DropReason reason() {
        return reason;
    }

    /** What exactly was wrong, or {@code null}. */
    public String detail() {
        return detail;
    }

    @Override
    public String getMessage() {
        return detail == null ? reason.name() : reason.name() + ": " + detail;
    }
}
