package rxgate.gateway.ops;

import java.time.Duration;

/**
 * STAND-IN for the lead's operations layer (contract as agreed for issue 6), so the gRPC API can
 * be built and tested before it lands on main; main's version replaces this file at merge.
 *
 * <p>A failure of an operation, classified for the API layers.
 */
public class GatewayException extends RuntimeException {

    /** What kind of failure: decides the HTTP status and the gRPC status code. */
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

    public static GatewayException badRequest(String field, String message) {
        return new GatewayException(Kind.BAD_REQUEST, "BAD_REQUEST", null, field, null, message, null);
    }

    public Kind kind() {
        return kind;
    }

    public String errorName() {
        return errorName;
    }

    public Integer afsCode() {
        return afsCode;
    }

    public String field() {
        return field;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
