package rxgate.rxrpc.security.rxkad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static rxgate.rxrpc.security.rxkad.FcryptTest.hex;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import rxgate.rxrpc.security.ClientConnectionSecurity;
import rxgate.rxrpc.security.RxSecurityException;
import rxgate.rxrpc.wire.PacketType;
import rxgate.rxrpc.wire.WireHeader;

/** The complete exchange of rxkad.md §10.2, byte for byte, and secureData/verifyData round trips. */
class RxkadExchangeTest {
    private static final int EPOCH = 0x65a1b2c3;
    private static final int CID = 0x8e4f2a10;
    private static final byte[] SESSION_KEY = hex("408c16e53b79f20d");
    private static final byte[] SEALED_TICKET = hex("eeb18074037308839844372f3e6e746377c2d71febbf74b1a5396c4ffbe25aac");
    private static final byte[] USER = hex("0000020700000009726f6f742e63656c6c000000");

    private static Token token() {
        return new Token("afs", 3, SESSION_KEY, SEALED_TICKET, RxkadConstants.NEVER_DATE);
    }

    private static WireHeader data(int call, int seq, int cidChannel) {
        return new WireHeader(EPOCH, CID | cidChannel, call, seq, 1, PacketType.DATA, 1, 0, 2, 0, 52);
    }

    private static ByteBuf payload(RxkadLevel level, byte[] user) {
        ByteBuf b = Unpooled.buffer(level.headerBytes() + user.length + 8);
        b.writeZero(level.headerBytes());
        b.writeBytes(user);
        return b;
    }

    private static String hexOf(ByteBuf b) {
        return ByteBufUtil.hexDump(b);
    }

    @Test
    void preSeqAndHeaderChecksums() {
        Fcrypt f = Fcrypt.of(SESSION_KEY);
        long iv = Fcrypt.getLong(SESSION_KEY, 0);
        byte[] endpoint = hex("65a1b2c38e4f2a10 0000000000000002");
        f.pcbcEncrypt(endpoint, iv);
        assertThat(FcryptTest.hex(endpoint)).isEqualTo("cc3e60468a7beddcdba32308a6c68008");
        long preSeq = RxkadPackets.preSeq(f, iv, EPOCH, CID, 2);
        assertThat(preSeq).isEqualTo(0xdba32308a6c68008L);
        assertThat(f.encrypt(0x0000000100000001L ^ preSeq)).isEqualTo(0xc86c318c1e0a2982L);
        assertThat(RxkadPackets.headerChecksum(f, preSeq, 1, CID, 1)).isEqualTo(0x1e0a);
        assertThat(RxkadPackets.headerChecksum(f, preSeq, 1, CID, 2)).isEqualTo(0x0b70);
        assertThat(RxkadPackets.headerChecksum(f, preSeq, 2, CID, 1)).isEqualTo(0xe9c8);
    }

    @Test
    void dataAtLevelAuthMatchesTheVector() {
        ClientConnectionSecurity c = new RxkadSecurityClass(token(), RxkadLevel.AUTH).newClientConnection();
        assertThat(c.headerBytes()).isEqualTo(4);
        ByteBuf p = payload(RxkadLevel.AUTH, USER);
        int cksum = c.secureData(data(1, 1, 0), p);
        assertThat(cksum).isEqualTo(0x1e0a);
        assertThat(hexOf(p)).isEqualTo("edcb10d5e094b11f00000009726f6f742e63656c6c000000");
    }

    @Test
    void dataAtLevelCryptMatchesTheVector() {
        ClientConnectionSecurity c = new RxkadSecurityClass(token(), RxkadLevel.CRYPT).newClientConnection();
        assertThat(c.headerBytes()).isEqualTo(8);
        ByteBuf p = payload(RxkadLevel.CRYPT, USER);
        int cksum = c.secureData(data(1, 1, 0), p);
        assertThat(cksum).isEqualTo(0x1e0a);
        assertThat(hexOf(p)).isEqualTo("956a54b0aeab1c861b09d775165a2972c18992045fd37cfeff54e07982ad109e");
    }

    @Test
    void dataAtLevelClearOnlyChecksums() {
        ClientConnectionSecurity c = new RxkadSecurityClass(token(), RxkadLevel.CLEAR).newClientConnection();
        assertThat(c.headerBytes()).isZero();
        ByteBuf p = payload(RxkadLevel.CLEAR, USER);
        assertThat(c.secureData(data(1, 2, 0), p)).isEqualTo(0x0b70);
        assertThat(ByteBufUtil.getBytes(p)).isEqualTo(USER);
    }

    @Test
    void responseToAV2ChallengeMatchesTheVector() throws RxSecurityException {
        ClientConnectionSecurity c = new RxkadSecurityClass(token(), RxkadLevel.CRYPT).newClientConnection();
        c.secureData(data(1, 1, 0), payload(RxkadLevel.CRYPT, USER)); // the first call, on channel 0
        WireHeader ch = new WireHeader(EPOCH, CID, 0, 0, 1, PacketType.CHALLENGE, 0, 0, 2, 0, 52);
        ByteBuf challenge = Unpooled.wrappedBuffer(hex("000000021a2b3c4d0000000000000000"));
        ByteBuf resp = c.respondToChallenge(ch, challenge, UnpooledByteBufAllocator.DEFAULT);
        assertThat(hexOf(resp)).isEqualTo("0000000200000000cc3e60468a7beddc2a3e2c56495b8849f328d1817b704dd2"
                + "f44adbb21fce52e9e8baf6fb9032cf470000000300000020" + FcryptTest.hex(SEALED_TICKET));
        // the clear form and its checksum
        Fcrypt f = Fcrypt.of(SESSION_KEY);
        resp.readerIndex(0);
        f.pcbcDecrypt(resp, 8, 40, Fcrypt.getLong(SESSION_KEY, 0));
        assertThat(hexOf(resp.slice(0, 56))).isEqualTo("000000020000000065a1b2c38e4f2a10c6a53d4e00000002"
                + "000000010000000000000000000000001a2b3c4e000000020000000300000020");
        resp.setInt(16, 0);
        assertThat(RxkadPackets.responseChecksum(resp, 0, 56)).isEqualTo(0xc6a53d4e);
    }

    @Test
    void challengeRulesLevelAndLength() {
        ClientConnectionSecurity c = new RxkadSecurityClass(token(), RxkadLevel.CLEAR).newClientConnection();
        WireHeader ch = new WireHeader(EPOCH, CID, 0, 0, 1, PacketType.CHALLENGE, 0, 0, 3, 0, 1);
        assertThatThrownBy(() -> c.respondToChallenge(ch, Unpooled.wrappedBuffer(hex("000000021a2b3c4d0000000200000000")),
                UnpooledByteBufAllocator.DEFAULT)).isInstanceOfSatisfying(RxSecurityException.class,
                        e -> assertThat(e.abortCode()).isEqualTo(RxkadConstants.RXKADLEVELFAIL));
        assertThatThrownBy(() -> c.respondToChallenge(ch, Unpooled.wrappedBuffer(hex("0000000200")),
                UnpooledByteBufAllocator.DEFAULT)).isInstanceOfSatisfying(RxSecurityException.class,
                        e -> assertThat(e.abortCode()).isEqualTo(RxkadConstants.RXKADPACKETSHORT));
        assertThatThrownBy(() -> c.respondToChallenge(ch, Unpooled.wrappedBuffer(hex("000000021a2b3c4d00000000")),
                UnpooledByteBufAllocator.DEFAULT)).isInstanceOfSatisfying(RxSecurityException.class,
                        e -> assertThat(e.abortCode()).isEqualTo(RxkadConstants.RXKADPACKETSHORT));
    }

    @Test
    void oldFormatChallengeGetsAnOldResponse() throws RxSecurityException {
        ClientConnectionSecurity c = new RxkadSecurityClass(token(), RxkadLevel.AUTH).newClientConnection();
        WireHeader ch = new WireHeader(EPOCH, CID, 0, 0, 1, PacketType.CHALLENGE, 0, 0, 2, 0, 52);
        ByteBuf resp = c.respondToChallenge(ch, Unpooled.wrappedBuffer(hex("1a2b3c4d00000000")),
                UnpooledByteBufAllocator.DEFAULT);
        assertThat(resp.readableBytes()).isEqualTo(16 + 32);
        long clear = Fcrypt.of(SESSION_KEY).decrypt(resp.getLong(0));
        assertThat(clear).isEqualTo(0x1a2b3c4e00000001L);
        assertThat(resp.getInt(8)).isEqualTo(3);
        assertThat(resp.getInt(12)).isEqualTo(32);
    }

    @Test
    void callNumbersPerChannelGoIntoTheResponse() throws RxSecurityException {
        RxkadClientConnection c = (RxkadClientConnection) new RxkadSecurityClass(token(), RxkadLevel.CLEAR)
                .newClientConnection();
        c.secureData(data(5, 1, 0), payload(RxkadLevel.CLEAR, USER));
        c.secureData(data(3, 1, 2), payload(RxkadLevel.CLEAR, USER));
        c.secureData(data(4, 2, 0), payload(RxkadLevel.CLEAR, USER));
        assertThat(c.callNumbers()).containsExactly(5, 0, 3, 0);
    }

    /** A server-side view of the same connection (shares the session key), to check what the client sends. */
    private static RxkadPackets peer(RxkadLevel level) {
        return new RxkadPackets(Fcrypt.of(SESSION_KEY), Fcrypt.getLong(SESSION_KEY, 0), level);
    }

    @ParameterizedTest
    @EnumSource(RxkadLevel.class)
    void roundTripsAtEveryLevelAndSize(RxkadLevel level) throws RxSecurityException {
        ClientConnectionSecurity c = new RxkadSecurityClass(token(), level).newClientConnection();
        RxkadPackets server = peer(level);
        Random rnd = new Random(level.ordinal());
        int mp = 1412 - level.headerBytes();
        int maxPayload = mp - mp % level.blockBytes();
        for (int len : new int[] {0, 1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 100, 1395, 1396, maxPayload}) {
            byte[] user = new byte[len];
            rnd.nextBytes(user);
            WireHeader h = data(7, 1 + len, 1);
            ByteBuf p = payload(level, user);
            int cksum = c.secureData(h, p);
            assertThat(p.readableBytes()).as("wire length for %d", len).isLessThanOrEqualTo(1412);
            if (level == RxkadLevel.CRYPT) {
                assertThat(p.readableBytes() % 8).isZero();
            }
            if (level != RxkadLevel.CLEAR) {
                assertThat(p.readableBytes()).isGreaterThanOrEqualTo(8);
            }
            WireHeader rh = h.withChecksum(cksum);
            ByteBuf copy = Unpooled.copiedBuffer(p);
            int off = server.verify(rh, p);
            assertThat(off).isEqualTo(level.headerBytes());
            p.skipBytes(off);
            assertThat(ByteBufUtil.getBytes(p)).isEqualTo(user);
            // and the client verifies what the server would send back the same way
            RxkadPackets serverTx = peer(level);
            ByteBuf reply = payload(level, user);
            int rc = serverTx.secure(h.withFlags(0), reply);
            int roff = c.verifyData(h.withFlags(0).withChecksum(rc), reply);
            reply.skipBytes(roff);
            assertThat(ByteBufUtil.getBytes(reply)).isEqualTo(user);
            copy.release();
        }
    }

    @ParameterizedTest
    @EnumSource(RxkadLevel.class)
    void aBadChecksumIsSealedIncon(RxkadLevel level) throws RxSecurityException {
        ClientConnectionSecurity c = new RxkadSecurityClass(token(), level).newClientConnection();
        RxkadPackets server = peer(level);
        ByteBuf p = payload(level, USER);
        int cksum = server.secure(data(1, 1, 0), p);
        assertThatThrownBy(() -> c.verifyData(data(1, 1, 0).withChecksum(cksum ^ 0x100), p))
                .isInstanceOfSatisfying(RxSecurityException.class,
                        e -> assertThat(e.abortCode()).isEqualTo(RxkadConstants.RXKADSEALEDINCON));
    }

    @Test
    void onceAChecksumWasSeenAZeroOneIsRejected() throws RxSecurityException {
        ClientConnectionSecurity c = new RxkadSecurityClass(token(), RxkadLevel.CLEAR).newClientConnection();
        ByteBuf p = payload(RxkadLevel.CLEAR, USER);
        assertThat(c.verifyData(data(1, 1, 0), p)).isZero(); // checksum 0 and never seen: accepted
        int ck = peer(RxkadLevel.CLEAR).secure(data(1, 2, 0), p);
        assertThat(c.verifyData(data(1, 2, 0).withChecksum(ck), p)).isZero();
        assertThatThrownBy(() -> c.verifyData(data(1, 3, 0), p)).isInstanceOfSatisfying(RxSecurityException.class,
                e -> assertThat(e.abortCode()).isEqualTo(RxkadConstants.RXKADSEALEDINCON));
    }

    @ParameterizedTest
    @EnumSource(value = RxkadLevel.class, names = {"AUTH", "CRYPT"})
    void tamperedPayloadsAreRejectedWithTheRightCode(RxkadLevel level) throws RxSecurityException {
        RxkadPackets server = peer(level);
        // a packet moved to another sequence number (same checksum forged): sealed word mismatch
        ByteBuf p = payload(level, USER);
        server.secure(data(1, 1, 0), p);
        RxkadPackets receiver = peer(level);
        WireHeader moved = data(1, 2, 0);
        int ck = RxkadPackets.headerChecksum(Fcrypt.of(SESSION_KEY),
                RxkadPackets.preSeq(Fcrypt.of(SESSION_KEY), Fcrypt.getLong(SESSION_KEY, 0), EPOCH, CID, 2), 1, CID, 2);
        assertThatThrownBy(() -> receiver.verify(moved.withChecksum(ck), p))
                .isInstanceOfSatisfying(RxSecurityException.class,
                        e -> assertThat(e.abortCode()).isEqualTo(RxkadConstants.RXKADSEALEDINCON));
        // a truncated packet: the sealed length exceeds what arrived
        ByteBuf q = payload(level, new byte[40]);
        int qc = server.secure(data(1, 3, 0), q);
        ByteBuf cut = q.slice(0, 16);
        assertThatThrownBy(() -> peer(level).verify(data(1, 3, 0).withChecksum(qc), cut))
                .isInstanceOfSatisfying(RxSecurityException.class,
                        e -> assertThat(e.abortCode()).isEqualTo(RxkadConstants.RXKADDATALEN));
        // too short to hold the sealed block
        ByteBuf tiny = Unpooled.wrappedBuffer(new byte[4]);
        int tc = RxkadPackets.headerChecksum(Fcrypt.of(SESSION_KEY),
                RxkadPackets.preSeq(Fcrypt.of(SESSION_KEY), Fcrypt.getLong(SESSION_KEY, 0), EPOCH, CID, 2), 1, CID, 4);
        assertThatThrownBy(() -> peer(level).verify(data(1, 4, 0).withChecksum(tc), tiny))
                .isInstanceOfSatisfying(RxSecurityException.class,
                        e -> assertThat(e.abortCode()).isEqualTo(RxkadConstants.RXKADPACKETSHORT));
    }

    @Test
    void openAfsStylePaddingAtAuthIsAccepted() throws RxSecurityException {
        // OpenAFS pads auth packets only up to 8 bytes; a 1-byte reply arrives as 8 bytes
        RxkadPackets server = peer(RxkadLevel.AUTH);
        ByteBuf p = payload(RxkadLevel.AUTH, new byte[] {42});
        int ck = server.secure(data(9, 1, 0), p);
        assertThat(p.readableBytes()).isEqualTo(8);
        ClientConnectionSecurity c = new RxkadSecurityClass(token(), RxkadLevel.AUTH).newClientConnection();
        int off = c.verifyData(data(9, 1, 0).withChecksum(ck), p);
        p.skipBytes(off);
        assertThat(ByteBufUtil.getBytes(p)).containsExactly(42);
    }

    @Test
    void identityAndToStringHoldNoSecrets() {
        RxkadSecurityClass a = new RxkadSecurityClass(token(), RxkadLevel.CRYPT);
        RxkadSecurityClass b = new RxkadSecurityClass(token(), RxkadLevel.CRYPT);
        RxkadSecurityClass clear = new RxkadSecurityClass(token(), RxkadLevel.CLEAR);
        assertThat(a.identity()).isEqualTo(b.identity()).isNotEqualTo(clear.identity());
        assertThat(a.securityIndex()).isEqualTo(2);
        assertThat(a.name()).isEqualTo("rxkad-crypt");
        for (String s : new String[] {a.toString(), a.identity().toString(), a.newClientConnection().toString()}) {
            assertThat(s).doesNotContain("408c16e5").doesNotContain("eeb18074").doesNotContain("40 8c");
        }
        Token other = new Token("afs", 3, hex("0102030405060708"), SEALED_TICKET, RxkadConstants.NEVER_DATE);
        assertThat(new RxkadSecurityClass(other, RxkadLevel.CRYPT).identity()).isNotEqualTo(a.identity());
    }
}
