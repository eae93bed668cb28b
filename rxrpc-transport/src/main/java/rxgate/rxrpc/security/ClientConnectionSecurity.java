package rxgate.rxrpc.security;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import rxgate.rxrpc.wire.WireHeader;

/**
 * The security state of one client connection: the shared packet operations plus the answer to
 * a server's CHALLENGE. Confined to the endpoint's event loop.
 */
public interface ClientConnectionSecurity extends ConnectionSecurity {

    /**
     * Answers a CHALLENGE: returns the RESPONSE body, or throws with the abort code to send on the
     * connection.
     */
    ByteBuf respondToChallenge(WireHeader header, ByteBuf challengeBody, ByteBufAllocator alloc)
            throws RxSecurityException;
}
