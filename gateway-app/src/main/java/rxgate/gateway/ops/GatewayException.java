package rxgate.gateway.ops;

import java.time.Duration;

/**
 * A failure as the gateway reports it, whatever its source: an RxRPC abort (with the AFS error
 * name and code), a local limit (circuit open, bulkhead full), or bad input. REST turns it into a
 * problem document, gRPC into a status; {@link #kind()} decides which.
 */
public final class GatewayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, in the terms both APIs map to a status. */
    public enum Kind {
        BAD_REQUEST, UNAUTHENTICATED, PERMISSION_DENIED, NOT_FOUND, ALREADY_EXISTS, TOO_LARGE, BUSY, TIMEOUT,
        UNAVAILABLE, NO_SPACE, UPSTREAM
    }

    private final Kind kind;
    private final String errorName;
    private final Integer afsCode;
    private final String field;
    private final Duration retryAfter;

    public GatewayException(Kind kind, String errorName, Integer afsCode, String field, Duration retryAfter,
            String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.errorName = errorName;
        this.afsCode = afsCode;
        this.field = field;
        this.retryAfter = retryAfter;
    }

    /** Bad input in {@code field} ({@code message} says what is wrong; each API adds the field's name). */
    public static GatewayException badRequest(String field, String message) {
        return new GatewayException(Kind.BAD_REQUEST, "BAD_REQUEST", null, field, null, message, null);
    }

    /** Something named that does not exist (no AFS code: e.g. a cell the gateway does not know). */
    public static GatewayException notFound(String errorName, String message) {
        return new GatewayException(Kind.NOT_FOUND, errorName, null, null, null, message, null);
    }

    /** An AFS error that the gateway found itself (e.g. PRNOENT from a name lookup). */
    public static GatewayException afs(Kind kind, String errorName, int code, String message) {
        return new GatewayException(kind, errorName, code, null, null, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The AFS error name (VL_NOENT, PRPERM, RXKADEXPIRED…) or the gateway's own (CIRCUIT_OPEN…). */
    public String errorName() {
        return errorName;
    }

    /** The AFS error code, if the failure came from AFS. */
    public Integer afsCode() {
        return afsCode;
    }

    /** The request field at fault, for BAD_REQUEST. */
    public String field() {
        return field;
    }

    /** When to try again, for BUSY and UNAVAILABLE. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
