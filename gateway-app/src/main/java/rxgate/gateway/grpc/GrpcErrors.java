package rxgate.gateway.grpc;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import rxgate.gateway.grpc.v1.AfsError;
import rxgate.gateway.ops.GatewayErrors;
import rxgate.gateway.ops.GatewayException;

/**
 * Turns failures into gRPC statuses that name the AFS error: the code follows the failure's
 * {@link GatewayException.Kind}, and the details (google.rpc.Status) carry an {@link AfsError}, a
 * google.rpc.ErrorInfo (reason = the error name, domain "afs", metadata "code" and "field") and,
 * when known, a google.rpc.RetryInfo.
 */
final class GrpcErrors {
    /** ErrorInfo domain of every error this API reports. */
    static final String DOMAIN = "afs";

    private GrpcErrors() {
    }

    /** The status for any failure of an operation (classified by {@link GatewayErrors#classify}). */
    static StatusRuntimeException toStatus(Throwable failure) {
        GatewayException e = GatewayErrors.classify(failure);
        String message = e.getMessage() != null ? e.getMessage() : e.errorName();
        return status(code(e), e.errorName(), e.afsCode(), protoFieldName(e.field()), e.retryAfter(), message);
    }

    /** The gRPC code of a kind of failure. */
    static Status.Code code(GatewayException e) {
        return switch (e.kind()) {
            case BAD_REQUEST -> Status.Code.INVALID_ARGUMENT;
            case UNAUTHENTICATED -> Status.Code.UNAUTHENTICATED;
            case PERMISSION_DENIED -> Status.Code.PERMISSION_DENIED;
            case NOT_FOUND -> Status.Code.NOT_FOUND;
            case ALREADY_EXISTS -> Status.Code.ALREADY_EXISTS;
            // a request value past a limit (e.g. an offset beyond the end) vs. a body too large
            case TOO_LARGE -> e.field() != null ? Status.Code.OUT_OF_RANGE : Status.Code.RESOURCE_EXHAUSTED;
            case BUSY, UNAVAILABLE -> Status.Code.UNAVAILABLE;
            case TIMEOUT -> Status.Code.DEADLINE_EXCEEDED;
            case NO_SPACE -> Status.Code.RESOURCE_EXHAUSTED;
            // an AFS error the gateway has no better class for vs. a failure of the gateway itself
            case UPSTREAM -> e.afsCode() != null ? Status.Code.UNKNOWN : Status.Code.INTERNAL;
        };
    }

    /** A status with the AfsError, ErrorInfo and (if retryAfter is set) RetryInfo details. */
    static StatusRuntimeException status(Status.Code code, String errorName, Integer afsCode, String field,
            Duration retryAfter, String message) {
        AfsError.Builder afs = AfsError.newBuilder().setName(errorName).setMessage(message);
        ErrorInfo.Builder info = ErrorInfo.newBuilder().setReason(errorName).setDomain(DOMAIN);
        if (afsCode != null) {
            afs.setCode(afsCode);
            info.putMetadata("code", Integer.toString(afsCode));
        }
        if (field != null) {
            afs.setField(field);
            info.putMetadata("field", field);
        }
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
                .setCode(code.value())
                .setMessage(field != null ? field + ": " + message : message)
                .addDetails(Any.pack(afs.build()))
                .addDetails(Any.pack(info.build()));
        if (retryAfter != null) {
            status.addDetails(Any.pack(RetryInfo.newBuilder().setRetryDelay(com.google.protobuf.Duration.newBuilder()
                    .setSeconds(retryAfter.getSeconds()).setNanos(retryAfter.getNano())).build()));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }

    /**
     * The request field's name as the .proto spells it: the operations layer names fields in
     * Java style ({@code nameOrId}), the gRPC API in snake_case ({@code name_or_id}).
     */
    static String protoFieldName(String field) {
        if (field == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(field.length() + 4);
        for (char c : field.toCharArray()) {
            if (Character.isUpperCase(c)) {
                b.append('_').append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
