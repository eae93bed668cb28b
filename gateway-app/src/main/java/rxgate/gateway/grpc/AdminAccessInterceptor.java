package rxgate.gateway.grpc;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.stereotype.Component;
import rxgate.gateway.grpc.v1.FileServiceGrpc;
import rxgate.gateway.grpc.v1.ProtectionServiceGrpc;
import rxgate.gateway.grpc.v1.RxServiceGrpc;
import rxgate.gateway.security.AdminTokens;

/**
 * Access control of the gRPC API, the way the REST API does it: administrative methods (every
 * write and the raw call) need {@code authorization: Bearer <token>} metadata with an admin token
 * (none: UNAUTHENTICATED; a wrong one, or admin calls disabled: PERMISSION_DENIED), and a read of
 * a cell whose reads are protected needs a token that {@link AdminTokens#readAllowed} accepts.
 * The read check looks at the request's {@code cell} field, so it happens when the request
 * message arrives, before the service sees it.
 */
@Component
@GlobalServerInterceptor
public class AdminAccessInterceptor implements ServerInterceptor {
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
            Metadata.ASCII_STRING_MARSHALLER);

    /** Full names of the administrative methods. */
    static final Set<String> ADMIN_METHODS = Stream.of(
            ProtectionServiceGrpc.getCreateUserMethod(),
            ProtectionServiceGrpc.getCreateGroupMethod(),
            ProtectionServiceGrpc.getDeleteEntryMethod(),
            ProtectionServiceGrpc.getAddMemberMethod(),
            ProtectionServiceGrpc.getRemoveMemberMethod(),
            FileServiceGrpc.getWriteMethod(),
            FileServiceGrpc.getDeleteMethod(),
            FileServiceGrpc.getMakeDirectoryMethod(),
            RxServiceGrpc.getCallMethod())
            .map(MethodDescriptor::getFullMethodName).collect(Collectors.toUnmodifiableSet());

    private final AdminTokens tokens;

    public AdminAccessInterceptor(AdminTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        String authorization = headers.get(AUTHORIZATION);
        if (ADMIN_METHODS.contains(call.getMethodDescriptor().getFullMethodName())) {
            StatusRuntimeException refusal = switch (tokens.check(authorization)) {
                case OK -> null;
                case MISSING -> GrpcErrors.status(Status.Code.UNAUTHENTICATED, "ADMIN_TOKEN_MISSING", null, null, null,
                        "administrative call: send 'authorization: Bearer <token>' metadata");
                case WRONG -> GrpcErrors.status(Status.Code.PERMISSION_DENIED, "ADMIN_TOKEN_WRONG", null, null, null,
                        "the bearer token is not an admin token");
                case DISABLED -> GrpcErrors.status(Status.Code.PERMISSION_DENIED, "ADMIN_DISABLED", null, null, null,
                        "administrative calls are disabled (rxgate.admin.enabled=false)");
            };
            if (refusal != null) {
                call.close(refusal.getStatus(), refusal.getTrailers());
                return new ServerCall.Listener<>() {
                };
            }
            return next.startCall(call, headers);
        }
        return new ReadCheck<>(next.startCall(call, headers), call, authorization);
    }

    /** Checks the first request message's cell before passing it on; after a refusal passes nothing on. */
    private final class ReadCheck<Q, R> extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {
        private final ServerCall<Q, R> call;
        private final String authorization;
        private boolean checked;
        private boolean refused;

        ReadCheck(ServerCall.Listener<Q> delegate, ServerCall<Q, R> call, String authorization) {
            super(delegate);
            this.call = call;
            this.authorization = authorization;
        }

        @Override
        public void onMessage(Q message) {
            if (!checked) {
                checked = true;
                String cell = cellOf(message);
                if (cell != null && !tokens.readAllowed(cell, authorization)) {
                    refused = true;
                    StatusRuntimeException refusal = authorization == null
                            ? GrpcErrors.status(Status.Code.UNAUTHENTICATED, "READ_TOKEN_MISSING", null, null, null,
                                    "reads of cell " + cell + " need 'authorization: Bearer <token>' metadata")
                            : GrpcErrors.status(Status.Code.PERMISSION_DENIED, "READ_TOKEN_WRONG", null, null, null,
                                    "the bearer token does not allow reads of cell " + cell);
                    call.close(refusal.getStatus(), refusal.getTrailers());
                    return;
                }
            }
            if (!refused) {
                super.onMessage(message);
            }
        }

        @Override
        public void onHalfClose() {
            if (!refused) {
                super.onHalfClose();
            }
        }

        @Override
        public void onReady() {
            if (!refused) {
                super.onReady();
            }
        }
    }

    /** The request's {@code cell} field, if its message type has one. */
    static String cellOf(Object message) {
        if (message instanceof Message m) {
            Descriptors.FieldDescriptor field = m.getDescriptorForType().findFieldByName("cell");
            if (field != null && field.getJavaType() == Descriptors.FieldDescriptor.JavaType.STRING) {
                return (String) m.getField(field);
            }
        }
        return null;
    }
}
