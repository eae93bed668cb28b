package rxgate.rxrpc.conn;

import rxgate.rxrpc.peer.Peer;
import rxgate.rxrpc.security.ConnectionSecurity;

/**
 * What a call needs from its connection, on either side: the identity that goes into every
 * packet header (epoch, cid, service, security index), the per-direction serial counter and the
 * security state. Confined to the endpoint's event loop.
 */
public interface RxConnection {

    Peer peer();

    int epoch();

    /** Connection id with the channel bits clear. */
    int cid();

    int serviceId();

    int securityIndex();

    /** The next serial for a packet we send on this connection (never 0). */
    int nextSerial();

    ConnectionSecurity security();

    /** Whether we are the connection's client (our packets carry CLIENT_INITIATED). */
    boolean clientSide();
}
