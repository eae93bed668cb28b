package rxgate.rxrpc.services.pt;

import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import rxgate.rxrpc.RxAbortException;
import rxgate.rxrpc.RxService;
import rxgate.rxrpc.errors.AfsErrors;
import rxgate.rxrpc.security.RxServerSecurityClass;

/**
 * Test double: an {@link InMemoryPtServer} behind the given security classes that, like the
 * OpenAFS ptserver, refuses writes with PRPERM unless the caller authenticated as "afs".
 */
public final class SecuredPtServer {
    private static final Set<Integer> WRITES = Set.of(PtOpcodes.NEW_ENTRY, PtOpcodes.INEW_ENTRY, PtOpcodes.DELETE,
            PtOpcodes.ADD_TO_GROUP, PtOpcodes.REMOVE_FROM_GROUP);

    private SecuredPtServer() {
    }

    public static RxService service(InMemoryPtServer pt, RxServerSecurityClass... security) {
        return RxService.requestReply(PtOpcodes.SERVICE_ID, (call, request) -> {
            int opcode = request.length >= 4 ? ByteBuffer.wrap(request).getInt() : -1;
            boolean admin = call.principal().map(p -> p.name().equals("afs") && p.instance().isEmpty()).orElse(false);
            if (WRITES.contains(opcode) && !admin) {
                return CompletableFuture.failedFuture(new RxAbortException(AfsErrors.PRPERM));
            }
            try {
                return CompletableFuture.completedFuture(pt.handle(request));
            } catch (RxAbortException e) {
                return CompletableFuture.failedFuture(e);
            }
        }).security(security).build();
    }
}
