package rxgate.rxrpc.errors;

/** The Rx abort codes the transport itself produces (rxrpc-protocol.md §6.1). */
public final class RxCodes {
    public static final int RX_CALL_DEAD = -1;
    public static final int RX_INVALID_OPERATION = -2;
    public static final int RX_CALL_TIMEOUT = -3;
    public static final int RX_EOF = -4;
    public static final int RX_PROTOCOL_ERROR = -5;
    public static final int RX_USER_ABORT = -6;
    public static final int RX_MSGSIZE = -8;
    public static final int RX_RESTARTING = -100;
    /**
     * Local only, never sent: a local limit (calls, waiting calls, peers) refused the call. The
     * number is OpenAFS's retired RX_CALL_BUSY, which no peer sends any more.
     */
    public static final int RX_CALL_BUSY_LOCAL = -10;
    public static final int RXGEN_CC_UNMARSHAL = -451;
    public static final int RXGEN_SS_UNMARSHAL = -453;
    public static final int RXGEN_OPCODE = -455;

    private RxCodes() {
    }
}
