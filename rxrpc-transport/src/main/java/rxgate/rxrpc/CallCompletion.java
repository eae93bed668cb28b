package rxgate.rxrpc;

/** How a call ended (kept apart from the call's state, as the kernel does). */
public enum CallCompletion {
    /** The reply arrived and was acknowledged. */
    SUCCEEDED,
    /** The peer sent an ABORT. */
    REMOTELY_ABORTED,
    /** We aborted it (application request, timeout or protocol error). */
    LOCALLY_ABORTED,
    /** Something failed locally before or while sending (e.g. endpoint closed). */
    LOCAL_ERROR,
    /** The network failed us (send error, ICMP unreachable). */
    NETWORK_ERROR
}
