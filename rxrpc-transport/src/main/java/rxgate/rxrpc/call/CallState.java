package rxgate.rxrpc.call;

/** Where a client call is in its life (its outcome is kept apart, see {@code CallCompletion}). */
public enum CallState {
    /** Waiting for a free channel on a connection to the server. */
    AWAIT_CHANNEL,
    /** Sending the request phase. */
    SEND_REQUEST,
    /** Request sent; waiting for (the rest of) the reply. */
    AWAIT_REPLY,
    /** Reply fully received; the application may still be reading it. */
    COMPLETE
}
