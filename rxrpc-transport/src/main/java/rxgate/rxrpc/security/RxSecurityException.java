package rxgate.rxrpc.security;

/** A security failure that ends a call or connection with {@link #abortCode()}. */
public final class RxSecurityException extends Exception {
    private final int abortCode;

    public RxSecurityException(int abortCode, String message) {
        super(message, null, false, false);
        this.abortCode = abortCode;
    }

    public int abortCode() {
        return abortCode;
    }
}
