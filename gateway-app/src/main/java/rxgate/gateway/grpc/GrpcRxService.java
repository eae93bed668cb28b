package rxgate.gateway.grpc;

import com.google.protobuf.UnsafeByteOperations;
import io.grpc.stub.StreamObserver;
import org.springframework.stereotype.Service;
import rxgate.gateway.grpc.v1.RawCallRequest;
import rxgate.gateway.grpc.v1.RawCallResponse;
import rxgate.gateway.grpc.v1.RxServiceGrpc;
import rxgate.gateway.ops.RawCallOps;

/**
 * rxgate.v1.RxService over {@link RawCallOps}: a raw call, guarded by
 * {@link AdminAccessInterceptor}. An abort comes back as a status whose AfsError has the abort
 * code and its name.
 */
@Service
public class GrpcRxService extends RxServiceGrpc.RxServiceImplBase {
    private final RawCallOps raw;

    public GrpcRxService(RawCallOps raw) {
        this.raw = raw;
    }

    @Override
    public void call(RawCallRequest request, StreamObserver<RawCallResponse> reply) {
        String security = request.getSecurity().isEmpty() ? "none" : request.getSecurity();
        UnaryReply.send(reply, () -> raw.call(request.getServer(), request.getPort(), request.getServiceId(), security,
                request.getRequest().toByteArray(), CallDeadline.remaining()),
                bytes -> RawCallResponse.newBuilder().setReply(UnsafeByteOperations.unsafeWrap(bytes)).build());
    }
}
