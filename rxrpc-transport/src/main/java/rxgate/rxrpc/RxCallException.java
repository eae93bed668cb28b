package rxgate.rxrpc;

import rxgate.rxrpc.errors.AfsErrors;

/**
 * A call that did not succeed: carries the abort code (remote or local) and its AFS name, e.g.
 * {@code VL_NOENT (363524)} or {@code RX_CALL_TIMEOUT (-3)}.
 */
public class RxCallException extends RuntimeException {
    private final CallCompletion completion;
    private final int code;

    public RxCallException(CallCompletion completion, int code, String detail) {
        super(message(completion, code, detail));
        this.completion = completion;
        this.code = code;
    }

    public RxCallException(CallCompletion completion, int code, String detail, Throwable cause) {
        super(message(completion, code, detail), cause);
        this.completion = completion;
        this.code = code;
    }

    private static String message(CallCompletion completion, int code, String detail) {
        String what = AfsErrors.name(code) + " (" + code + ")";
        String text = AfsErrors.describe(code);
        StringBuilder sb = new StringBuilder(what);
        if (text != null && !text.isEmpty()) {
            sb.append(": ").append(text);
        }
        if (completion == CallCompletion.REMOTELY_ABORTED) {
            sb.append(" [aborted by peer]");
        }
        if (detail != null && !detail.isEmpty()) {
            sb.append(" - ").append(detail);
        }
        return sb.toString();
    }

    /** How the call ended. */
    public CallCompletion completion() {
        return completion;
    }

    /** The abort code (signed 32-bit, as on the wire). */
    public int code() {
        return code;
    }

    /** The AFS name of the code, e.g. {@code PRNOENT}. */
    public String codeName() {
        return AfsErrors.name(code);
    }
}
