package rxgate.rxrpc;

import rxgate.rxrpc.errors.AfsErrors;

/** Thrown by service code to abort a call with an error code (e.g. VL_NOENT, RXGEN_OPCODE). */
public final class RxAbortException extends RuntimeException {
    private final int code;

    public RxAbortException(int code) {
        this(code, null);
    }

    public RxAbortException(int code, String detail) {
        super(AfsErrors.name(code) + " (" + code + ")" + (detail == null ? "" : ": " + detail), null, false, false);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
