package rxgate.gateway.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import rxgate.gateway.ops.GatewayErrors;
import rxgate.gateway.ops.GatewayException;
import rxgate.gateway.ops.RawCallOps;
import rxgate.rxrpc.CallCompletion;
import rxgate.rxrpc.RxCallException;
import rxgate.rxrpc.errors.AfsErrors;

/**
 * {@code POST /api/v1/rx/call}: a raw RxRPC call (administrative). The reply is either the reply
 * bytes or, when the server aborted the call, its abort code and name; failures of the call
 * itself (unreachable, timed out, refused locally) are problem documents like everywhere else.
 */
@RestController
@RequestMapping("/api/v1/rx")
public class RawCallController {
    private final RawCallOps raw;
    private final Access access;

    public RawCallController(RawCallOps raw, Access access) {
        this.raw = raw;
        this.access = access;
    }

    /** The request: where, which service, which security ({@code none} or {@code cell}), the bytes. */
    public record RawCall(@NotBlank String server, @Min(1) @Max(65535) int port, @Min(0) @Max(65535) int serviceId,
            String security, @NotNull String request) {
    }

    /** The answer: {@code outcome} is {@code reply} (with {@code reply}, base64) or {@code aborted}. */
    public record RawReply(String outcome, String reply, Integer replyBytes, Integer abortCode, String abortName) {
    }

    @PostMapping("/call")
    public RawReply call(@Valid @RequestBody RawCall body,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth) {
        access.requireAdmin(auth);
        byte[] request;
        try {
            request = Base64.getDecoder().decode(body.request());
        } catch (IllegalArgumentException e) {
            throw GatewayException.badRequest("request", "not base64: " + e.getMessage());
        }
        return Await.result(raw.call(body.server(), body.port(), body.serviceId(), body.security(), request, null)
                .thenApply(r -> new RawReply("reply", Base64.getEncoder().encodeToString(r), r.length, null, null))
                .exceptionally(e -> {
                    if (GatewayErrors.unwrap(e) instanceof RxCallException rx
                            && rx.completion() == CallCompletion.REMOTELY_ABORTED) {
                        return new RawReply("aborted", null, null, rx.code(), AfsErrors.name(rx.code()));
                    }
                    throw GatewayErrors.classify(e);
                }));
    }
}
