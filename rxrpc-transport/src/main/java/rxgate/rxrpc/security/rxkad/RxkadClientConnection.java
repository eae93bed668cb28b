package rxgate.rxrpc.security.rxkad;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import rxgate.rxrpc.security.ClientConnectionSecurity;
import rxgate.rxrpc.security.RxSecurityException;
import rxgate.rxrpc.wire.WireHeader;

/**
 * The rxkad state of one client connection: the key schedule and preSeq, the receive checksum
 * state, the call numbers in use per channel (for the RESPONSE), and the CHALLENGE answer
 * (rxkad.md §5). Confined to the endpoint's event loop.
 */
public final class RxkadClientConnection extends RxkadConnection implements ClientConnectionSecurity {
    private final RxkadSecurityClass owner;
    private final Fcrypt schedule;
    private final long iv;
    private final int[] callNumbers = new int[4];

    RxkadClientConnection(RxkadSecurityClass owner, Fcrypt schedule, long iv) {
        this.owner = owner;
        this.schedule = schedule;
        this.iv = iv;
        keyed(new RxkadPackets(schedule, iv, owner.level()), owner.token().expires());
    }

    @Override
    public int secureData(WireHeader header, ByteBuf payload) {
        noteCall(header);
        return super.secureData(header, payload);
    }

    @Override
    RxkadLevel unkeyedLevel() {
        return owner.level();
    }

    private void noteCall(WireHeader h) {
        int ch = h.cid() & 3;
        if (Integer.compareUnsigned(h.callNumber(), callNumbers[ch]) > 0) {
            callNumbers[ch] = h.callNumber();
        }
    }

    /** The call numbers reported in a RESPONSE (tests). */
    int[] callNumbers() {
        return callNumbers.clone();
    }

    @Override
    public ByteBuf respondToChallenge(WireHeader header, ByteBuf challengeBody, ByteBufAllocator alloc)
            throws RxSecurityException {
        int len = challengeBody.readableBytes();
        int r = challengeBody.readerIndex();
        boolean v2 = len > RxkadConstants.OLD_CHALLENGE_SIZE;
        if (len < RxkadConstants.OLD_CHALLENGE_SIZE || (v2 && len < RxkadConstants.V2_CHALLENGE_SIZE)) {
            throw new RxSecurityException(RxkadConstants.RXKADPACKETSHORT,
                    "rxkad CHALLENGE of " + len + " bytes is too short");
        }
        int nonce;
        int minLevel;
        if (v2) {
            nonce = challengeBody.getInt(r + 4);
            minLevel = challengeBody.getInt(r + 8);
        } else {
            nonce = challengeBody.getInt(r);
            minLevel = challengeBody.getInt(r + 4);
        }
        RxkadLevel level = owner.level();
        if (minLevel > level.wire() || minLevel < 0) {
            throw new RxSecurityException(RxkadConstants.RXKADLEVELFAIL, "the server demands rxkad level "
                    + minLevel + ", this connection uses " + level.wire() + " (" + level.label() + ")");
        }
        for (int c : callNumbers) {
            if (c < 0) {
                throw new RxSecurityException(RxkadConstants.RXKADINCONSISTENCY, "negative call number");
            }
        }
        Token token = owner.token();
        byte[] ticket = owner.ticketBytes();
        if (v2) {
            return v2Response(header, nonce, level, token.kvno(), ticket, alloc);
        }
        ByteBuf out = alloc.heapBuffer(16 + ticket.length);
        out.writeLong(schedule.encrypt(((long) (nonce + 1) << 32) | (level.wire() & 0xFFFFFFFFL)));
        out.writeInt(token.kvno());
        out.writeInt(ticket.length);
        out.writeBytes(ticket);
        return out;
    }

    private ByteBuf v2Response(WireHeader h, int nonce, RxkadLevel level, int kvno, byte[] ticket,
            ByteBufAllocator alloc) {
        ByteBuf out = alloc.heapBuffer(RxkadConstants.V2_RESPONSE_SIZE + ticket.length);
        int start = out.writerIndex();
        out.writeInt(RxkadConstants.CHALLENGE_VERSION);
        out.writeInt(0);
        out.writeInt(h.epoch());
        out.writeInt(h.cid() & ~3);
        out.writeInt(0); // checksum, filled below
        out.writeInt(h.securityIndex());
        for (int c : callNumbers) {
            out.writeInt(c);
        }
        out.writeInt(nonce + 1);
        out.writeInt(level.wire());
        out.writeInt(kvno);
        out.writeInt(ticket.length);
        out.setInt(start + 16, RxkadPackets.responseChecksum(out, start, RxkadConstants.V2_RESPONSE_SIZE));
        schedule.pcbcEncrypt(out, start + 8, 40, iv);
        out.writeBytes(ticket);
        return out;
    }

    @Override
    public String toString() {
        return "RxkadClientConnection[" + owner + "]";
    }
}
