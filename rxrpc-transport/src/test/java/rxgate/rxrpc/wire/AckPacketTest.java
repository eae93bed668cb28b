package rxgate.rxrpc.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AckPacketTest {

    static final AckTrailer TRAILER = new AckTrailer(1444, 1444, 32, 1);

    /** firstPacket 5, prev 7, serial 9, OUT_OF_SEQUENCE, acks for seq 5 (yes), 6 (no), 7 (yes). */
    static final AckPacket SAMPLE = new AckPacket(0, 0, 5, 7, 9, AckReason.OUT_OF_SEQUENCE,
            new byte[] {1, 0, 1}, TRAILER);

    static final String SAMPLE_BODY_HEX = ""
            + "0000" + "0000" // bufferSpace, maxSkew
            + "00000005" // firstPacket
            + "00000007" // previousPacket
            + "00000009" // serial
            + "03" + "03" // reason, nAcks
            + "010001" // acks
            + "000000" // pad
            + "000005a4" + "000005a4" + "00000020" + "00000001"; // maxMTU ifMTU rwind jumbo_max

    @Test
    void encodesGoldenBody() {
        ByteBuf buf = Unpooled.buffer();
        SAMPLE.encodeTo(buf);

        assertThat(Hex.of(buf)).isEqualTo(SAMPLE_BODY_HEX);
        assertThat(buf.readableBytes()).isEqualTo(18 + 3 + 3 + 16).isEqualTo(SAMPLE.encodedLength());
    }

    @Test
    void decodesGoldenBody() throws Exception {
        ByteBuf buf = Hex.buf(SAMPLE_BODY_HEX);

        AckPacket ack = AckPacket.decode(buf);

        assertThat(ack).isEqualTo(SAMPLE);
        assertThat(ack.trailer()).isEqualTo(TRAILER);
        assertThat(ack.reason()).isEqualTo(AckReason.OUT_OF_SEQUENCE);
        assertThat(buf.isReadable()).isFalse();
    }

    @Test
    void withoutTrailerEncodesNeitherPadNorTrailer() throws Exception {
        AckPacket ack = new AckPacket(0, 0, 1, 0, 0, AckReason.IDLE, new byte[0], null);
        ByteBuf buf = Unpooled.buffer();
        ack.encodeTo(buf);

        assertThat(buf.readableBytes()).isEqualTo(18).isEqualTo(ack.encodedLength());
        assertThat(AckPacket.decode(buf)).isEqualTo(ack);
    }

    @ParameterizedTest(name = "{0} bytes after the acks")
    @ValueSource(ints = {0, 1, 3, 16, 18})
    void lessThanPadPlusTrailerMeansNoTrailer(int tail) throws Exception {
        ByteBuf buf = Unpooled.buffer();
        buf.writeBytes(Hex.bytes(SAMPLE_BODY_HEX), 0, 21);
        buf.writeBytes(new byte[tail], 0, tail);
        for (int i = 0; i < tail; i++) {
            buf.setByte(21 + i, 0x77);
        }

        AckPacket ack = AckPacket.decode(buf);

        assertThat(ack.trailer()).isNull();
        assertThat(ack.nAcks()).isEqualTo(3);
        assertThat(ack.firstPacket()).isEqualTo(5);
    }

    @Test
    void bytesAfterTheTrailerAreLeftUnread() throws Exception {
        // a kernel PMTUD probe: a PING padded with zeros after the trailer
        ByteBuf buf = Hex.buf(SAMPLE_BODY_HEX + "00".repeat(100));

        AckPacket ack = AckPacket.decode(buf);

        assertThat(ack).isEqualTo(SAMPLE);
        assertThat(buf.readableBytes()).isEqualTo(100);
    }

    @Test
    void trailerIsReadAtAnUnalignedOffset() throws Exception {
        AckPacket one = new AckPacket(0, 0, 1, 1, 0, AckReason.DELAY, new byte[] {1},
                new AckTrailer(0x01020304, 0x05060708, 0x090A0B0C, 0x0D0E0F10));
        ByteBuf buf = Unpooled.buffer();
        one.encodeTo(buf);

        assertThat(Hex.of(buf)).endsWith("01" + "000000" + "0102030405060708090a0b0c0d0e0f10");
        assertThat(AckPacket.decode(buf).trailer()).isEqualTo(one.trailer());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 17})
    void bodyShorterThan18IsBadAck(int length) {
        assertThatThrownBy(() -> AckPacket.decode(Unpooled.wrappedBuffer(new byte[length])))
                .isInstanceOfSatisfying(MalformedPacketException.class,
                        e -> assertThat(e.reason()).isEqualTo(DropReason.BAD_ACK));
    }

    @Test
    void nAcksBeyondTheBodyIsBadAck() {
        // nAcks = 4 but only 3 ack bytes follow
        ByteBuf buf = Hex.buf("0000 0000 00000005 00000007 00000009 03 04 010001");

        assertThatThrownBy(() -> AckPacket.decode(buf))
                .isInstanceOfSatisfying(MalformedPacketException.class, e -> {
                    assertThat(e.reason()).isEqualTo(DropReason.BAD_ACK);
                    assertThat(e.getMessage()).contains("nAcks 4");
                });
    }

    @Test
    void keepsRawAckBytesAndTestsBitZero() throws Exception {
        ByteBuf buf = Hex.buf("0000 0000 00000005 00000007 00000009 03 03 ff02 03");

        AckPacket ack = AckPacket.decode(buf);

        assertThat(ack.ack(0)).isEqualTo(0xFF);
        assertThat(ack.ack(1)).isEqualTo(2);
        assertThat(ack.isSoftAcked(5)).isTrue();
        assertThat(ack.isSoftAcked(6)).isFalse();
        assertThat(ack.isSoftAcked(7)).isTrue();
    }

    @Test
    void softAndHardAckedSeqs() {
        assertThat(SAMPLE.isSoftAcked(4)).isFalse(); // hard-ACKed, not soft
        assertThat(SAMPLE.isSoftAcked(5)).isTrue();
        assertThat(SAMPLE.isSoftAcked(6)).isFalse();
        assertThat(SAMPLE.isSoftAcked(7)).isTrue();
        assertThat(SAMPLE.isSoftAcked(8)).isFalse(); // beyond the table
        assertThat(SAMPLE.isHardAcked(4)).isTrue();
        assertThat(SAMPLE.isHardAcked(5)).isFalse();

        // the table may straddle the 2^32 wrap
        AckPacket wrap = new AckPacket(0, 0, 0xFFFFFFFF, 0, 0, AckReason.DELAY,
                new byte[] {0, 1, 1}, null);
        assertThat(wrap.isSoftAcked(0xFFFFFFFF)).isFalse();
        assertThat(wrap.isSoftAcked(0)).isTrue();
        assertThat(wrap.isSoftAcked(1)).isTrue();
        assertThat(wrap.isSoftAcked(2)).isFalse();
        assertThat(wrap.isHardAcked(0xFFFFFFFE)).isTrue();
        assertThat(wrap.isHardAcked(0)).isFalse();
    }

    @Test
    void acksArrayIsCopiedInAndOut() {
        byte[] acks = {1, 1};
        AckPacket ack = new AckPacket(0, 0, 1, 2, 0, AckReason.IDLE, acks, null);
        acks[0] = 0;
        assertThat(ack.isSoftAcked(1)).isTrue();
        ack.acks()[1] = 0;
        assertThat(ack.isSoftAcked(2)).isTrue();
    }

    @Test
    void equalityComparesAckContents() {
        AckPacket a = new AckPacket(0, 0, 1, 2, 3, 1, new byte[] {1, 0}, TRAILER);
        AckPacket b = new AckPacket(0, 0, 1, 2, 3, 1, new byte[] {1, 0}, new AckTrailer(1444, 1444, 32, 1));
        AckPacket c = new AckPacket(0, 0, 1, 2, 3, 1, new byte[] {1, 1}, TRAILER);
        AckPacket d = new AckPacket(0, 0, 1, 2, 3, 1, new byte[] {1, 0}, null);

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c).isNotEqualTo(d);
        assertThat(a.toString()).contains("REQUESTED").contains("acks=[+-]").contains("1444");
    }

    @Test
    void rejectsOutOfRangeFields() {
        assertThatThrownBy(() -> new AckPacket(0, 0, 0, 0, 0, 1, new byte[256], null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AckPacket(0x10000, 0, 0, 0, 0, 1, new byte[0], null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AckPacket(0, -1, 0, 0, 0, 1, new byte[0], null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AckPacket(0, 0, 0, 0, 0, 256, new byte[0], null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AckPacket(0, 0, 0, 0, 0, 1, null, null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void decodeOfEncodeIsIdentity() {
        qt().forAll(WireGenerators.ackPackets()).checkAssert(ack -> {
            ByteBuf buf = Unpooled.buffer();
            ack.encodeTo(buf);
            assertThat(buf.readableBytes()).isEqualTo(ack.encodedLength());
            try {
                assertThat(AckPacket.decode(buf)).isEqualTo(ack);
            } catch (MalformedPacketException e) {
                throw new AssertionError(e);
            }
            assertThat(buf.isReadable()).isFalse();
        });
    }

    @Test
    void maximalTableRoundTrips() throws Exception {
        byte[] acks = new byte[RxConstants.MAX_ACKS];
        for (int i = 0; i < acks.length; i++) {
            acks[i] = (byte) (i & 1);
        }
        AckPacket ack = new AckPacket(0, 0, 1, 255, 77, AckReason.PING, acks, TRAILER);
        ByteBuf buf = Unpooled.buffer();
        ack.encodeTo(buf);

        assertThat(buf.readableBytes()).isEqualTo(18 + 255 + 3 + 16);
        assertThat(AckPacket.decode(buf)).isEqualTo(ack);
    }
}
