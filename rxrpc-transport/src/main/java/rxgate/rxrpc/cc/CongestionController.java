package rxgate.rxrpc.cc;

/**
 * Congestion control of one call's transmit phase, counted in packets (segments): every Rx DATA
 * packet carries the same maximum payload, so the window is a packet count, as in the kernel.
 *
 * <p>The controller only decides the window; the sender asks {@link #window()} before sending.
 * Confined to the endpoint's event loop.
 */
public interface CongestionController {

    /** Packets the sender may have in flight now (before the peer's receive window is applied). */
    int window();

    /** {@code newlyAcked} packets were acknowledged (hard or soft) for the first time. */
    void onAcked(int newlyAcked);

    /** Loss was detected by NACKs (fast retransmit); {@code inFlight} packets were outstanding. */
    void onFastRetransmit(int inFlight);

    /** The retransmission timer expired with {@code inFlight} packets outstanding. */
    void onRetransmitTimeout(int inFlight);

    /** Whether the controller is in slow start (the sender asks for more ACKs then). */
    boolean inSlowStart();

    /** The slow-start threshold, for statistics. */
    int slowStartThreshold();
}
