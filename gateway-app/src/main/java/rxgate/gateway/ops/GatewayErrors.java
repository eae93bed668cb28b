package rxgate.gateway.ops;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import rxgate.rxrpc.RxCallException;
import rxgate.rxrpc.errors.AfsErrors;

/** STAND-IN (see {@link GatewayException}): turns any failure into a {@link GatewayException}. */
public final class GatewayErrors {
    private GatewayErrors() {
    }

    public static GatewayException classify(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof GatewayException g) {
            return g;
        }
        if (t instanceof RxCallException rx) {
            GatewayException.Kind kind = switch (AfsErrors.category(rx.code())) {
                case NOT_FOUND -> GatewayException.Kind.NOT_FOUND;
                case PERMISSION -> GatewayException.Kind.PERMISSION_DENIED;
                case EXISTS -> GatewayException.Kind.ALREADY_EXISTS;
                case BAD_REQUEST -> GatewayException.Kind.BAD_REQUEST;
                case TIMEOUT -> GatewayException.Kind.TIMEOUT;
                case BUSY -> GatewayException.Kind.BUSY;
                case UNAVAILABLE -> GatewayException.Kind.UNAVAILABLE;
                case NO_SPACE -> GatewayException.Kind.NO_SPACE;
                default -> GatewayException.Kind.UPSTREAM;
            };
            return new GatewayException(kind, AfsErrors.name(rx.code()), rx.code(), null, null, rx.getMessage(), rx);
        }
        if (t instanceof CancellationException) {
            return new GatewayException(GatewayException.Kind.UNAVAILABLE, "CANCELLED", null, null, null,
                    "cancelled", t);
        }
        return new GatewayException(GatewayException.Kind.UPSTREAM, "INTERNAL", null, null, null, String.valueOf(t), t);
    }
}
