package rxgate.rxrpc;

import java.util.concurrent.CompletableFuture;

/**
 * A service that takes each request whole and answers with a whole reply, like an rxgen server
 * stub: the request is opcode + arguments, the reply the OUT arguments. To fail the call, complete
 * the future exceptionally with {@link RxAbortException} carrying the error code (any other
 * exception aborts with RX_USER_ABORT).
 */
@FunctionalInterface
public interface RxRequestHandler {

    CompletableFuture<byte[]> handle(RxServiceCall call, byte[] request);
}
