package rxgate.gateway.api;

import java.net.URI;
import java.util.concurrent.CompletionException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import rxgate.rxrpc.RxCallException;
import rxgate.rxrpc.errors.AfsErrors;

/**
 * Turns failures into RFC 9457 problem details ({@code application/problem+json}) that name the
 * AFS error: an RxRPC abort keeps its code and name (e.g. VL_NOENT 363524) and gets the HTTP
 * status of its category; bad input is a 400 naming the field.
 */
@RestControllerAdvice
public class ProblemAdvice {

    @ExceptionHandler(RxCallException.class)
    ResponseEntity<ProblemDetail> rx(RxCallException e) {
        HttpStatus status = switch (AfsErrors.category(e.code())) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case PERMISSION -> HttpStatus.FORBIDDEN;
            case EXISTS -> HttpStatus.CONFLICT;
            case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
            case TIMEOUT -> HttpStatus.GATEWAY_TIMEOUT;
            case BUSY, UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case NO_SPACE -> HttpStatus.INSUFFICIENT_STORAGE;
            default -> HttpStatus.BAD_GATEWAY;
        };
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        p.setTitle(AfsErrors.name(e.code()));
        p.setType(URI.create("urn:rxgate:afs-error:" + AfsErrors.name(e.code())));
        p.setProperty("afsError", AfsErrors.name(e.code()));
        p.setProperty("afsCode", e.code());
        p.setProperty("completion", e.completion().name());
        ResponseEntity.BodyBuilder b = ResponseEntity.status(status);
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            b.header(HttpHeaders.RETRY_AFTER, "1");
        }
        return b.body(p);
    }

    @ExceptionHandler(CompletionException.class)
    ResponseEntity<ProblemDetail> completion(CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RxCallException rx) {
            return rx(rx);
        }
        if (cause instanceof NotFoundException nf) {
            return notFound(nf);
        }
        if (cause instanceof BadRequestException br) {
            return badRequest(br);
        }
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, String.valueOf(cause));
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(p);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        p.setTitle(e.errorName());
        p.setProperty("afsError", e.errorName());
        if (e.code() != 0) {
            p.setProperty("afsCode", e.code());
        }
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(p);
    }

    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<ProblemDetail> badRequest(BadRequestException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.field() + ": " + e.getMessage());
        p.setTitle("Bad request");
        p.setProperty("field", e.field());
        return ResponseEntity.badRequest().body(p);
    }
}
