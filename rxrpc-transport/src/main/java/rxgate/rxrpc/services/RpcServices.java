package rxgate.rxrpc.services;

import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import rxgate.rxrpc.RxAbortException;
import rxgate.rxrpc.RxService;
import rxgate.rxrpc.errors.AfsErrors;
import rxgate.rxrpc.xdr.XdrException;

/** Server-side counterpart of {@link RpcCalls}: an rxgen-style stub around a request handler. */
public final class RpcServices {
    private RpcServices() {
    }

    /**
     * A request/reply service whose {@code handler} maps request bytes (opcode + arguments) to
     * reply bytes, throwing {@link RxAbortException} for an error code; arguments that do not
     * decode abort with RXGEN_SS_UNMARSHAL, as rxgen's server stubs do.
     */
    public static RxService.Builder stub(int serviceId, UnaryOperator<byte[]> handler) {
        return RxService.requestReply(serviceId, (call, request) -> {
            try {
                return CompletableFuture.completedFuture(handler.apply(request));
            } catch (XdrException e) {
                return CompletableFuture.failedFuture(new RxAbortException(AfsErrors.RXGEN_SS_UNMARSHAL));
            } catch (RxAbortException e) {
                return CompletableFuture.failedFuture(e);
            }
        });
    }
}
