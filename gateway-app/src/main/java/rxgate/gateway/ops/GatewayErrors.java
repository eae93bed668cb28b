package rxgate.gateway.ops;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import rxgate.gateway.ops.GatewayException.Kind;
import rxgate.rxrpc.RxCallException;
import rxgate.rxrpc.errors.AfsErrors;
import rxgate.rxrpc.services.RpcCalls;

/** Turns any failure of an operation into a {@link GatewayException}. */
public final class GatewayErrors {
    /** What BUSY and UNAVAILABLE answers suggest as a pause before trying again. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private GatewayErrors() {
    }

    /** The failure behind wrappers (CompletionException, ExecutionException). */
    public static Throwable unwrap(Throwable t) {
        return RpcCalls.unwrap(t);
    }

    /** {@code t} as a GatewayException: AFS errors keep their name and code. */
    public static GatewayException classify(Throwable t) {
        Throwable c = unwrap(t);
        if (c instanceof GatewayException g) {
            return g;
        }
        if (c instanceof RxCallException rx) {
            return fromAfs(rx.code(), rx.getMessage(), rx);
        }
        if (c instanceof CallNotPermittedException) {
            return new GatewayException(Kind.UNAVAILABLE, "CIRCUIT_OPEN", null, null, RETRY_AFTER,
                    "the server's circuit breaker is open: it failed recently and is skipped until a probe succeeds", c);
        }
        if (c instanceof BulkheadFullException) {
            return new GatewayException(Kind.BUSY, "BULKHEAD_FULL", null, null, RETRY_AFTER,
                    "too many calls in progress to the server", c);
        }
        if (c instanceof TimeoutException || c instanceof CancellationException) {
            return new GatewayException(Kind.TIMEOUT, "RX_CALL_TIMEOUT", AfsErrors.RX_CALL_TIMEOUT, null, null,
                    "the call did not finish within its time limit", c);
        }
        if (c instanceof IllegalArgumentException) {
            return new GatewayException(Kind.BAD_REQUEST, "BAD_REQUEST", null, null, null, c.getMessage(), c);
        }
        return new GatewayException(Kind.UPSTREAM, "INTERNAL", null, null, null, String.valueOf(c.getMessage()), c);
    }

    /** An AFS error code as a GatewayException of its category. */
    public static GatewayException fromAfs(int code, String message, Throwable cause) {
        Kind kind = switch (AfsErrors.category(code)) {
            case NOT_FOUND -> Kind.NOT_FOUND;
            case PERMISSION -> Kind.PERMISSION_DENIED;
            case EXISTS -> Kind.ALREADY_EXISTS;
            case BAD_REQUEST -> Kind.BAD_REQUEST;
            case TIMEOUT -> Kind.TIMEOUT;
            case BUSY -> Kind.BUSY;
            case UNAVAILABLE -> Kind.UNAVAILABLE;
            case NO_SPACE -> Kind.NO_SPACE;
            default -> Kind.UPSTREAM;
        };
        Duration retry = kind == Kind.BUSY || kind == Kind.UNAVAILABLE ? RETRY_AFTER : null;
        return new GatewayException(kind, AfsErrors.name(code), code, null, retry,
                message == null ? AfsErrors.describe(code) : message, cause);
    }
}
