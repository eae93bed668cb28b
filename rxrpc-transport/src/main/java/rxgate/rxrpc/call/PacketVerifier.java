package rxgate.rxrpc.call;

import io.netty.buffer.ByteBuf;
import rxgate.rxrpc.security.RxSecurityException;
import rxgate.rxrpc.wire.WireHeader;

/** Checks (and decrypts) one held DATA packet when the application reads it. */
@FunctionalInterface
public interface PacketVerifier {

    /**
     * Returns the offset of the user data in {@code payload}, or throws with the abort code. The
     * verifier may also lower the payload's writer index to cut off padding.
     */
    int verify(WireHeader header, ByteBuf payload) throws RxSecurityException;
}
