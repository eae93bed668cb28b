package rxgate.gateway.grpc;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.stereotype.Component;
import rxgate.gateway.cells.CellDirectory;
import rxgate.gateway.grpc.v1.FileServiceGrpc;
import rxgate.gateway.grpc.v1.ProtectionServiceGrpc;
import rxgate.gateway.grpc.v1.RxServiceGrpc;
import rxgate.gateway.ops.GatewayException;
import rxgate.gateway.security.AccessDenied;
import rxgate.gateway.security.AdminTokens;

/**
 * Access control of the gRPC API, the way the REST API does it: administrative methods (every
 * write and the raw call) need {@code authorization: Bearer <token>} metadata with an admin token
 * (none: UNAUTHENTICATED; a wrong one, or admin calls disabled: PERMISSION_DENIED), and a read of
 * a cell whose reads are protected ({@code read-access: token}) needs a token too. The failures
 * are {@link AccessDenied}'s, as in the REST API.
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
    private final CellDirectory cells;

    public AdminAccessInterceptor(AdminTokens tokens, CellDirectory cells) {
        this.tokens = tokens;
        this.cells = cells;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        String authorization = headers.get(AUTHORIZATION);
        if (ADMIN_METHODS.contains(call.getMethodDescriptor().getFullMethodName())) {
            GatewayException refusal = AccessDenied.of(tokens.check(authorization), true);
            if (refusal != null) {
                refuse(call, refusal);
                return new ServerCall.Listener<>() {
                };
            }
            return next.startCall(call, headers);
        }
        return new ReadCheck<>(next.startCall(call, headers), call, authorization);
    }

    private static void refuse(ServerCall<?, ?> call, GatewayException refusal) {
        StatusRuntimeException status = GrpcErrors.toStatus(refusal);
        call.close(status.getStatus(), status.getTrailers());
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
                // an unknown cell is left to the operation, which names it (UNKNOWN_CELL)
                GatewayException refusal = cell == null ? null : cells.find(cell)
                        .map(c -> AccessDenied.of(tokens.checkRead(c, authorization), false)).orElse(null);
                if (refusal != null) {
                    refused = true;
                    refuse(call, refusal);
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
