package rxgate.rxrpc.security;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Optional;
import rxgate.rxrpc.errors.AfsErrors;
import rxgate.rxrpc.wire.WireHeader;

/**
 * Security index 0 (rxnull): no checksums, no encryption, no handshake; on the server side every
 * connection counts as authenticated with no principal. A CHALLENGE on such a connection is a
 * protocol error, as in the kernel's {@code insecure.c}.
 */
public final class NullSecurity implements RxSecurityClass, ClientConnectionSecurity, RxServerSecurityClass,
        ServerConnectionSecurity {
    public static final NullSecurity INSTANCE = new NullSecurity();

    private NullSecurity() {
    }

    @Override
    public int securityIndex() {
        return 0;
    }

    @Override
    public String name() {
        return "null";
    }

    @Override
    public Object identity() {
        return "null";
    }

    @Override
    public ClientConnectionSecurity newClientConnection() {
        return this;
    }

    @Override
    public ServerConnectionSecurity newServerConnection() {
        return this;
    }

    @Override
    public boolean authenticated() {
        return true;
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public ByteBuf challenge(WireHeader connectionHeader, ByteBufAllocator alloc) {
        throw new IllegalStateException("rxnull has no CHALLENGE");
    }

    @Override
    public boolean challengeSent() {
        return false;
    }

    @Override
    public void verifyResponse(WireHeader header, ByteBuf responseBody, int[] callNumbers)
            throws RxSecurityException {
        throw new RxSecurityException(AfsErrors.RX_PROTOCOL_ERROR, "RESPONSE on a null-security connection");
    }

    @Override
    public Optional<RxPrincipal> principal() {
        return Optional.empty();
    }

    @Override
    public int headerBytes() {
        return 0;
    }

    @Override
    public int blockBytes() {
        return 1;
    }

    @Override
    public int secureData(WireHeader header, ByteBuf payload) {
        return 0;
    }

    @Override
    public int verifyData(WireHeader header, ByteBuf payload) {
        return 0;
    }

    @Override
    public ByteBuf respondToChallenge(WireHeader header, ByteBuf challengeBody, ByteBufAllocator alloc)
            throws RxSecurityException {
        throw new RxSecurityException(AfsErrors.RX_PROTOCOL_ERROR, "CHALLENGE on a null-security connection");
    }
}
