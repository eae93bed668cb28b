package rxgate.rxrpc.security;

import io.netty.buffer.ByteBuf;
import rxgate.rxrpc.wire.WireHeader;

/**
 * The per-packet operations of a connection's security class, shared by both sides. Confined to
 * the endpoint's event loop.
 */
public interface ConnectionSecurity {

    /** Bytes the class adds in front of each DATA payload (segmentation subtracts them). */
    int headerBytes();

    /** Payload sizes must be a multiple of this (1 = any). */
    int blockBytes();

    /**
     * Secures one outgoing DATA payload in place (it has {@link #headerBytes()} reserved at its
     * reader index) and returns the 16-bit header checksum to put in the packet header.
     */
    int secureData(WireHeader header, ByteBuf payload);

    /**
     * Verifies (and decrypts in place) one incoming DATA payload; returns the offset of the user
     * data within it, or throws with the abort code to send.
     */
    int verifyData(WireHeader header, ByteBuf payload) throws RxSecurityException;

    /**
     * Whether packets can be secured and verified yet: a server connection waiting for the
     * client's RESPONSE cannot, so its calls are held.
     */
    default boolean ready() {
        return true;
    }

    /** The connection's security entry for rxdebug. */
    default SecurityStats debugStats() {
        return SecurityStats.NULL;
    }
}
