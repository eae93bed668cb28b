package rxgate.rxrpc.security.rxkad;

import io.netty.buffer.ByteBuf;
import rxgate.rxrpc.security.RxSecurityException;
import rxgate.rxrpc.wire.WireHeader;

/**
 * The per-packet operations of rxkad for one connection (rxkad.md §3, §4), shared by both sides:
 * the preSeq derivation, the header checksum, and sealing/opening DATA payloads at a level.
 * Holds the connection's derived state; confined to the endpoint's event loop.
 */
final class RxkadPackets {
    private final Fcrypt schedule;
    private final long iv;
    private final RxkadLevel level;

    private boolean haveEndpoint;
    private int epoch;
    private int cid;
    private long preSeq;
    private boolean cksumSeen;
    private long packetsSent;
    private long bytesSent;
    private long packetsReceived;
    private long bytesReceived;

    RxkadPackets(Fcrypt schedule, long iv, RxkadLevel level) {
        this.schedule = schedule;
        this.iv = iv;
        this.level = level;
    }

    RxkadLevel level() {
        return level;
    }

    /** Whether a non-zero header checksum has been seen from the peer. */
    boolean cksumSeen() {
        return cksumSeen;
    }

    long packetsSent() {
        return packetsSent;
    }

    long bytesSent() {
        return bytesSent;
    }

    long packetsReceived() {
        return packetsReceived;
    }

    long bytesReceived() {
        return bytesReceived;
    }

    /** preSeq for a connection (§3): last 8 bytes of PCBC(epoch, cid &amp; ~3, 0, securityIndex). */
    static long preSeq(Fcrypt schedule, long iv, int epoch, int cid, int securityIndex) {
        long b0 = ((long) epoch << 32) | ((cid & 0xFFFFFFFCL));
        long b1 = securityIndex & 0xFFFFFFFFL;
        long c0 = schedule.encrypt(b0 ^ iv);
        long chain = b0 ^ c0;
        return schedule.encrypt(b1 ^ chain);
    }

    /** The 16-bit header checksum of a DATA packet (§4.2), never 0. */
    static int headerChecksum(Fcrypt schedule, long preSeq, int callNumber, int cid, int seq) {
        long w0 = callNumber & 0xFFFFFFFFL;
        long w1 = ((cid & 3L) << 30) | (seq & 0x3FFFFFFFL);
        long c = schedule.encrypt(((w0 << 32) | w1) ^ preSeq);
        int v = (int) ((c >>> 16) & 0xFFFF);
        return v == 0 ? 1 : v;
    }

    private long preSeqFor(WireHeader h) {
        if (!haveEndpoint || h.epoch() != epoch || (h.cid() & ~3) != cid) {
            epoch = h.epoch();
            cid = h.cid() & ~3;
            preSeq = preSeq(schedule, iv, epoch, cid, h.securityIndex());
            haveEndpoint = true;
        }
        return preSeq;
    }

    int checksum(WireHeader h) {
        return headerChecksum(schedule, preSeqFor(h), h.callNumber(), h.cid(), h.seq());
    }

    /** The RESPONSE checksum (§5.3) over {@code len} bytes. */
    static int responseChecksum(ByteBuf b, int index, int len) {
        int h = 1000003;
        for (int i = index; i < index + len; i++) {
            h = h * 0x10204081 + (b.getByte(i) & 0xFF);
        }
        return h;
    }

    static int sealedWord(WireHeader h, int userLength) {
        return (((h.seq() ^ h.callNumber()) & 0xFFFF) << 16) | (userLength & 0xFFFF);
    }

    /**
     * Seals an outgoing DATA payload in place: {@code level.headerBytes()} are reserved at its
     * reader index, the user data follows up to its writer index. Returns the header checksum.
     */
    int secure(WireHeader h, ByteBuf payload) {
        int start = payload.readerIndex();
        int userLength = payload.readableBytes() - level.headerBytes();
        packetsSent++;
        bytesSent += userLength;
        switch (level) {
            case CLEAR -> {
            }
            case AUTH -> {
                payload.setInt(start, sealedWord(h, userLength));
                if (payload.readableBytes() < 8) {
                    payload.writeZero(8 - payload.readableBytes()); // OpenAFS: at least 8 bytes
                }
                payload.setLong(start, schedule.encrypt(payload.getLong(start)));
            }
            case CRYPT -> {
                payload.setInt(start, sealedWord(h, userLength));
                payload.setInt(start + 4, 0);
                int pad = (8 - (payload.readableBytes() & 7)) & 7;
                payload.writeZero(pad);
                schedule.pcbcEncrypt(payload, start, payload.readableBytes(), iv);
            }
            default -> throw new AssertionError(level);
        }
        return checksum(h);
    }

    /**
     * Checks (and decrypts in place) a received DATA payload; trims it to the user data's end and
     * returns the offset of the user data from the reader index.
     */
    int verify(WireHeader h, ByteBuf payload) throws RxSecurityException {
        if (h.checksum() != 0) {
            cksumSeen = true;
        }
        if (cksumSeen) {
            int expected = checksum(h);
            if (h.checksum() != expected) {
                throw new RxSecurityException(RxkadConstants.RXKADSEALEDINCON,
                        "rxkad header checksum mismatch on call " + (h.callNumber() & 0xFFFFFFFFL) + " seq "
                                + (h.seq() & 0xFFFFFFFFL));
            }
        }
        int start = payload.readerIndex();
        int len = payload.readableBytes();
        int headerBytes;
        switch (level) {
            case CLEAR -> {
                packetsReceived++;
                bytesReceived += len;
                return 0;
            }
            case AUTH -> {
                if (len < 8) {
                    throw new RxSecurityException(RxkadConstants.RXKADPACKETSHORT,
                            "rxkad auth DATA packet of " + len + " bytes (at least 8 expected)");
                }
                payload.setLong(start, schedule.decrypt(payload.getLong(start)));
                headerBytes = 4;
            }
            case CRYPT -> {
                if (len < 8) {
                    throw new RxSecurityException(RxkadConstants.RXKADPACKETSHORT,
                            "rxkad crypt DATA packet of " + len + " bytes (at least 8 expected)");
                }
                schedule.pcbcDecrypt(payload, start, len & ~7, iv);
                headerBytes = 8;
            }
            default -> throw new AssertionError(level);
        }
        int word = payload.getInt(start);
        if ((word >>> 16) != ((h.seq() ^ h.callNumber()) & 0xFFFF)) {
            throw new RxSecurityException(RxkadConstants.RXKADSEALEDINCON,
                    "rxkad sealed sequence word does not match call " + (h.callNumber() & 0xFFFFFFFFL) + " seq "
                            + (h.seq() & 0xFFFFFFFFL));
        }
        int userLength = word & 0xFFFF;
        if (userLength > len - headerBytes) {
            throw new RxSecurityException(RxkadConstants.RXKADDATALEN,
                    "rxkad sealed length " + userLength + " exceeds the " + (len - headerBytes) + " bytes received");
        }
        payload.writerIndex(start + headerBytes + userLength);
        packetsReceived++;
        bytesReceived += userLength;
        return headerBytes;
    }
}
