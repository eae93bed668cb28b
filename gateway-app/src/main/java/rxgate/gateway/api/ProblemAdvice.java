package rxgate.gateway.api;

import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.concurrent.CompletionException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import rxgate.gateway.ops.GatewayErrors;
import rxgate.gateway.ops.GatewayException;
import rxgate.rxrpc.RxCallException;

/**
 * Every failure as an RFC 9457 problem document ({@code application/problem+json}) that names
 * the AFS error: an RxRPC abort keeps its name and code (e.g. VL_NOENT 363524) and gets the HTTP
 * status of its kind (not found 404, permission 403, exists 409, busy/unavailable 503 with
 * Retry-After, timeout 504); bad input is a 400 naming the field. Spring MVC's own errors
 * (unknown route, wrong method, unreadable body) keep their standard problem documents.
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler({GatewayException.class, RxCallException.class, CompletionException.class})
    ResponseEntity<ProblemDetail> gateway(Exception e) {
        return problem(GatewayErrors.classify(e));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return problem(GatewayException.badRequest(e.getName(), "not a valid "
                + (e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName().toLowerCase())));
    }

    /** A body that fails its constraints: 400 naming the first field at fault. */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        FieldError f = e.getBindingResult().getFieldError();
        GatewayException g = f == null ? GatewayException.badRequest("body", "invalid")
                : GatewayException.badRequest(f.getField(), String.valueOf(f.getDefaultMessage()));
        return new ResponseEntity<>(problem(g).getBody(), HttpStatus.BAD_REQUEST);
    }

    /** The problem document of {@code g}. */
    public static ResponseEntity<ProblemDetail> problem(GatewayException g) {
        HttpStatus status = status(g.kind());
        if (g.kind() == GatewayException.Kind.UPSTREAM) {
            LOG.warn("request failed: {} {}", g.errorName(), g.getMessage(), g.getCause());
        }
        String detail = g.field() != null && g.getMessage() != null && !g.getMessage().startsWith(g.field())
                ? g.field() + ": " + g.getMessage() : g.getMessage();
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(g.errorName());
        p.setType(URI.create("urn:rxgate:error:" + g.errorName()));
        p.setProperty("error", g.errorName());
        if (g.afsCode() != null) {
            p.setProperty("afsError", g.errorName());
            p.setProperty("afsCode", g.afsCode());
        }
        if (g.field() != null) {
            p.setProperty("field", g.field());
        }
        ResponseEntity.BodyBuilder b = ResponseEntity.status(status);
        if (g.retryAfter() != null) {
            b.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, g.retryAfter().toSeconds())));
        }
        if (status == HttpStatus.UNAUTHORIZED) {
            b.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"rxgate\"");
        }
        return b.body(p);
    }

    static HttpStatus status(GatewayException.Kind kind) {
        return switch (kind) {
            case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case PERMISSION_DENIED -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case ALREADY_EXISTS -> HttpStatus.CONFLICT;
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case BUSY, UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case TIMEOUT -> HttpStatus.GATEWAY_TIMEOUT;
            case NO_SPACE -> HttpStatus.INSUFFICIENT_STORAGE;
            case UPSTREAM -> HttpStatus.BAD_GATEWAY;
        };
    }
}
