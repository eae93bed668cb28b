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

    /** The last serial used (for rxdebug). */
    int currentSerial();

    /** The current or last call number of {@code channel}. */
    int callNumber(int channel);

    /** The live call on {@code channel}, or {@code null}. */
    Object call(int channel);

    /** The code the connection was aborted with, 0 if it was not. */
    int abortCode();

    ConnectionSecurity security();

    /** Whether we are the connection's client (our packets carry CLIENT_INITIATED). */
    boolean clientSide();
}
