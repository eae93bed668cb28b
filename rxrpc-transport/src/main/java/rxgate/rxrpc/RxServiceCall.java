package rxgate.rxrpc;

import java.net.InetSocketAddress;
import java.util.Optional;
import rxgate.rxrpc.security.RxPrincipal;

/**
 * A call a client made to one of our services: read the request with {@link #receive()}, send
 * the reply with {@link #send}, or {@link #abort} it with a service error code.
 */
public interface RxServiceCall extends RxCall {

    /** The service the client called (after any service upgrade). */
    int serviceId();

    /** The client's address and port. */
    InetSocketAddress peerAddress();

    /** What the service attached to the call when it was preallocated ({@code null} if nothing). */
    Object userContext();

    /**
     * Who the client authenticated as (rxkad: the ticket's principal, level, kvno and expiry);
     * empty on an rxnull connection. Calls on an rxkad connection only reach the service once the
     * client's RESPONSE has been verified.
     */
    default Optional<RxPrincipal> principal() {
        return Optional.empty();
    }
}
