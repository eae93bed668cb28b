package rxgate.rxrpc.call;

/** Where a call is in its life (its outcome is kept apart, see {@code CallCompletion}). */
public enum CallState {
    /** Waiting for a free channel on a connection to the server. */
    AWAIT_CHANNEL,
    /** Sending the request phase. */
    SEND_REQUEST,
    /** Request sent; waiting for (the rest of) the reply. */
    AWAIT_REPLY,
    /** Service call: receiving the request (the application may already be reading it). */
    RECV_REQUEST,
    /** Service call: the application is sending the reply. */
    SEND_REPLY,
    /** Ended (see the outcome); the application may still be reading received data. */
    COMPLETE
}
