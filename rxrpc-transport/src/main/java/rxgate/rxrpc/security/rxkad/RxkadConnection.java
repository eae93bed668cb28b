package rxgate.rxrpc.security.rxkad;

import io.netty.buffer.ByteBuf;
import rxgate.rxrpc.security.ConnectionSecurity;
import rxgate.rxrpc.security.RxSecurityException;
import rxgate.rxrpc.security.SecurityStats;
import rxgate.rxrpc.wire.WireHeader;

/**
 * What both sides of an rxkad connection share: the per-packet state ({@link RxkadPackets}: key
 * schedule, preSeq, checksum state, level) once the connection is keyed, and the rxdebug view of
 * it. The client is keyed from the start (its token); the server only after a valid RESPONSE.
 * Confined to the endpoint's event loop.
 */
abstract class RxkadConnection implements ConnectionSecurity {
    private RxkadPackets packets;
    private long expires;

    /** Installs the connection's key schedule and level; {@code expiresAt} in Unix seconds. */
    final void keyed(RxkadPackets p, long expiresAt) {
        this.packets = p;
        this.expires = expiresAt;
    }

    /** The per-packet state, {@code null} until keyed. */
    final RxkadPackets packets() {
        return packets;
    }

    /** The connection's level, or {@code fallback} while it is not keyed. */
    RxkadLevel levelOr(RxkadLevel fallback) {
        return packets == null ? fallback : packets.level();
    }

    /** The level assumed before the connection is keyed (server: its minimum). */
    abstract RxkadLevel unkeyedLevel();

    /** Extra checks before a received packet is verified (server: expiry). */
    void beforeVerify() throws RxSecurityException {
    }

    /** Whether the authentication has ended (rxdebug). */
    boolean expiredNow() {
        return false;
    }

    @Override
    public int headerBytes() {
        return levelOr(unkeyedLevel()).headerBytes();
    }

    @Override
    public int blockBytes() {
        return levelOr(unkeyedLevel()).blockBytes();
    }

    @Override
    public int secureData(WireHeader header, ByteBuf payload) {
        if (packets == null) {
            throw new IllegalStateException("rxkad connection not authenticated yet");
        }
        return packets.secure(header, payload);
    }

    @Override
    public int verifyData(WireHeader header, ByteBuf payload) throws RxSecurityException {
        if (packets == null) {
            throw new RxSecurityException(RxkadConstants.RXKADNOAUTH, "rxkad connection not authenticated");
        }
        beforeVerify();
        return packets.verify(header, payload);
    }

    @Override
    public SecurityStats debugStats() {
        RxkadPackets p = packets;
        if (p == null) {
            return new SecurityStats(SecurityStats.TYPE_KAD, unkeyedLevel().wire(), 0, 0, 0, 0, 0, 0);
        }
        int flags = SecurityStats.FLAG_AUTHENTICATED | (p.cksumSeen() ? SecurityStats.FLAG_PACKET_CHECKSUM : 0)
                | (expiredNow() ? SecurityStats.FLAG_EXPIRED : 0);
        return new SecurityStats(SecurityStats.TYPE_KAD, p.level().wire(), flags, expires, p.packetsReceived(),
                p.packetsSent(), p.bytesReceived(), p.bytesSent());
    }
}
