package rxgate.rxrpc.security;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Optional;
import rxgate.rxrpc.wire.WireHeader;

/**
 * The security state of one connection a client opened to one of our services: the shared packet
 * operations plus the server's half of the handshake (the kernel's {@code issue_challenge} and
 * {@code verify_response}). Until {@link #authenticated()} the endpoint holds the connection's
 * calls: it neither runs them nor verifies their packets. Confined to the endpoint's event loop.
 */
public interface ServerConnectionSecurity extends ConnectionSecurity {

    /** Whether the client has proved who it is (always true for classes without a handshake). */
    boolean authenticated();

    /**
     * The CHALLENGE body to send (the first call picks the nonce; retransmissions repeat it).
     * {@code connectionHeader} carries the connection's epoch, cid and security index.
     */
    ByteBuf challenge(WireHeader connectionHeader, ByteBufAllocator alloc);

    /** Whether a CHALLENGE has gone out (a RESPONSE without one is ignored, as OpenAFS does). */
    boolean challengeSent();

    /**
     * Checks a RESPONSE for this connection. On success the connection is authenticated; on failure
     * the exception carries the code the whole connection is aborted with.
     *
     * @param callNumbers the connection's current call number per channel, for the consistency check
     */
    void verifyResponse(WireHeader header, ByteBuf responseBody, int[] callNumbers) throws RxSecurityException;

    /** The authenticated client, once known. */
    Optional<RxPrincipal> principal();

    @Override
    default boolean ready() {
        return authenticated();
    }
}
