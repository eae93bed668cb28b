package rxgate.rxrpc.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WireHeaderTest {

    /** epoch random, conn 0x1234 channel 1, call 7, seq 3, DATA, CLIENT_INITIATED|LAST_PACKET, rxkad, VL. */
    static final WireHeader SAMPLE = new WireHeader(0x80000001, 0x00001235, 7, 3, 0x0A0B0C0D,
            PacketType.DATA, 0x05, 0x09, 2, 0xBEEF, 52);

    static final String SAMPLE_HEX = ""
            + "80000001" // epoch
            + "00001235" // cid
            + "00000007" // callNumber
            + "00000003" // seq
            + "0a0b0c0d" // serial
            + "01" + "05" + "09" + "02" // type flags userStatus securityIndex
            + "beef" // checksum at bytes 24-25
            + "0034"; // serviceId at bytes 26-27

    @Test
    void encodesGoldenBytesWithChecksumBeforeServiceId() {
        ByteBuf buf = Unpooled.buffer();
        SAMPLE.encodeTo(buf);

        assertThat(buf.readableBytes()).isEqualTo(28);
        assertThat(Hex.of(buf)).isEqualTo(SAMPLE_HEX);
        assertThat(buf.getUnsignedShort(24)).isEqualTo(0xBEEF);
        assertThat(buf.getUnsignedShort(26)).isEqualTo(52);
    }

    @Test
    void decodesGoldenBytesAndAdvancesReaderIndex() throws Exception {
        ByteBuf buf = Hex.buf(SAMPLE_HEX + "cafe");

        WireHeader h = WireHeader.decode(buf);

        assertThat(h).isEqualTo(SAMPLE);
        assertThat(buf.readerIndex()).isEqualTo(28);
        assertThat(buf.readableBytes()).isEqualTo(2);
    }

    @Test
    void decodesUnsignedFieldsAsBitPatterns() throws Exception {
        WireHeader h = WireHeader.decode(Hex.buf("ffffffff".repeat(5) + "ffffffff" + "ffff" + "ffff"));

        assertThat(h.epoch()).isEqualTo(-1);
        assertThat(h.serial()).isEqualTo(-1);
        assertThat(h.type()).isEqualTo(255);
        assertThat(h.flags()).isEqualTo(255);
        assertThat(h.userStatus()).isEqualTo(255);
        assertThat(h.securityIndex()).isEqualTo(255);
        assertThat(h.checksum()).isEqualTo(65535);
        assertThat(h.serviceId()).isEqualTo(65535);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 27})
    void shortBufferIsShortHeaderAndLeavesIndexAlone(int length) {
        ByteBuf buf = Unpooled.wrappedBuffer(new byte[length]);

        assertThatThrownBy(() -> WireHeader.decode(buf))
                .isInstanceOfSatisfying(MalformedPacketException.class,
                        e -> assertThat(e.reason()).isEqualTo(DropReason.SHORT_HEADER));
        assertThat(buf.readerIndex()).isZero();
    }

    @Test
    void rejectsOutOfRangeByteAndShortFields() {
        assertThatThrownBy(() -> SAMPLE.withType(256)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("type");
        assertThatThrownBy(() -> SAMPLE.withFlags(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("flags");
        assertThatThrownBy(() -> SAMPLE.withUserStatus(0x100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("userStatus");
        assertThatThrownBy(() -> new WireHeader(0, 0, 0, 0, 0, 1, 0, 0, 256, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("securityIndex");
        assertThatThrownBy(() -> SAMPLE.withChecksum(0x10000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("checksum");
        assertThatThrownBy(() -> SAMPLE.withServiceId(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("serviceId");
    }

    @Test
    void viewsOfCidFlagsAndEpoch() {
        assertThat(SAMPLE.connectionId()).isEqualTo(0x1234);
        assertThat(SAMPLE.channel()).isEqualTo(1);
        assertThat(SAMPLE.isClientInitiated()).isTrue();
        assertThat(SAMPLE.has(PacketFlags.LAST_PACKET)).isTrue();
        assertThat(SAMPLE.has(PacketFlags.CLIENT_INITIATED | PacketFlags.LAST_PACKET)).isTrue();
        assertThat(SAMPLE.has(PacketFlags.LAST_PACKET | PacketFlags.REQUEST_ACK)).isFalse();
        assertThat(SAMPLE.hasRandomEpoch()).isTrue();
        assertThat(SAMPLE.withFlags(0).isClientInitiated()).isFalse();

        WireHeader ch3 = SAMPLE.withCallNumber(1);
        assertThat(new WireHeader(0, 0xFFFFFFFF, 0, 0, 0, 1, 0, 0, 0, 0, 0).channel()).isEqualTo(3);
        assertThat(new WireHeader(0, 0xFFFFFFFF, 0, 0, 0, 1, 0, 0, 0, 0, 0).connectionId())
                .isEqualTo(0xFFFFFFFC);
        assertThat(ch3.callNumber()).isEqualTo(1);
    }

    @Test
    void copiesChangeOnlyTheirFields() {
        WireHeader h = SAMPLE.withSeqSerialFlags(10, 20, 0x02);
        assertThat(h).isEqualTo(new WireHeader(0x80000001, 0x00001235, 7, 10, 20, 1, 0x02, 0x09, 2,
                0xBEEF, 52));
        assertThat(SAMPLE.withSeq(4).seq()).isEqualTo(4);
        assertThat(SAMPLE.withSerial(5).serial()).isEqualTo(5);
        assertThat(SAMPLE.withType(PacketType.ACK).type()).isEqualTo(PacketType.ACK);
        assertThat(SAMPLE.withChecksum(1).checksum()).isEqualTo(1);
        assertThat(SAMPLE.withServiceId(2503).serviceId()).isEqualTo(2503);
        assertThat(SAMPLE.withUserStatus(1).userStatus()).isEqualTo(1);
        assertThat(SAMPLE.withSerial(5).withSerial(SAMPLE.serial())).isEqualTo(SAMPLE);
    }

    @Test
    void toStringNamesTypeAndFlags() {
        assertThat(SAMPLE.toString())
                .contains("DATA")
                .contains("epoch=80000001")
                .contains("cid=1234/1")
                .contains("serial=168496141")
                .contains("CLIENT_INITIATED|LAST_PACKET");
        assertThat(SAMPLE.withSerial(-1).toString()).contains("serial=4294967295");
    }

    @Test
    void decodeOfEncodeIsIdentity() {
        qt().forAll(WireGenerators.headers()).checkAssert(h -> {
            ByteBuf buf = Unpooled.buffer();
            h.encodeTo(buf);
            assertThat(buf.readableBytes()).isEqualTo(WireHeader.SIZE);
            try {
                assertThat(WireHeader.decode(buf)).isEqualTo(h);
            } catch (MalformedPacketException e) {
                throw new AssertionError(e);
            }
            assertThat(buf.isReadable()).isFalse();
        });
    }
}
