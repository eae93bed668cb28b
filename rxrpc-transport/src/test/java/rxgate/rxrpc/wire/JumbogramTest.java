package rxgate.rxrpc.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JumbogramTest {

    static final int J = RxConstants.JUMBO_DATA_LENGTH;

    /** Main header of the golden jumbogram: seq 10, serial 100, CLIENT_INITIATED|JUMBO, userStatus 5. */
    static final WireHeader MAIN = new WireHeader(0x80000001, 0x00001235, 7, 10, 100,
            PacketType.DATA, 0x21, 5, 2, 0x1111, 52);

    /**
     * The datagram of §3.3 with three sub-packets, built byte by byte: 1412 x A0, jumbo header
     * {0x23, 0, 0x2222}, 1412 x A1, jumbo header {0x05, 0, 0x3333}, 7 x A2.
     */
    static byte[] goldenJumbogram() {
        ByteBuf b = Unpooled.buffer();
        MAIN.encodeTo(b);
        b.writeBytes(filled(J, 0xA0));
        b.writeBytes(Hex.bytes("23 00 2222"));
        b.writeBytes(filled(J, 0xA1));
        b.writeBytes(Hex.bytes("05 7f 3333")); // pad byte is ignored
        b.writeBytes(filled(7, 0xA2));
        return ByteBufUtil.getBytes(b);
    }

    static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    @Test
    void splitsGoldenJumbogramDerivingHeaders() throws Exception {
        byte[] datagram = goldenJumbogram();
        assertThat(datagram).hasSize(28 + 1412 + 1416 + 4 + 7);

        RxPacket packet = RxPacket.decode(Unpooled.wrappedBuffer(datagram));
        List<DataPacket> subs = Jumbogram.split(packet);

        assertThat(subs).hasSize(3);
        assertThat(subs.get(0).header()).isEqualTo(MAIN);
        assertThat(subs.get(1).header()).isEqualTo(
                new WireHeader(0x80000001, 0x00001235, 7, 11, 101, 1, 0x23, 0, 2, 0x2222, 52));
        assertThat(subs.get(2).header()).isEqualTo(
                new WireHeader(0x80000001, 0x00001235, 7, 12, 102, 1, 0x05, 0, 2, 0x3333, 52));
        assertThat(ByteBufUtil.getBytes(subs.get(0).payload())).isEqualTo(filled(J, 0xA0));
        assertThat(ByteBufUtil.getBytes(subs.get(1).payload())).isEqualTo(filled(J, 0xA1));
        assertThat(ByteBufUtil.getBytes(subs.get(2).payload())).isEqualTo(filled(7, 0xA2));
        assertThat(subs.get(2).header().has(PacketFlags.LAST_PACKET)).isTrue();
    }

    @Test
    void encodeRebuildsTheGoldenJumbogram() throws Exception {
        byte[] golden = goldenJumbogram();
        golden[28 + J + J + 4 + 1] = 0; // the sender writes a zero pad byte
        List<DataPacket> subs = Jumbogram.split(RxPacket.decode(Unpooled.wrappedBuffer(golden)));

        ByteBuf out = Unpooled.buffer();
        Jumbogram.encode(subs, out);

        assertThat(out.readableBytes()).isEqualTo(Jumbogram.encodedLength(subs));
        assertThat(ByteBufUtil.getBytes(out)).isEqualTo(golden);
    }

    @Test
    void payloadsAreSlicesOfTheDatagramNotCopies() throws Exception {
        ByteBuf datagram = Unpooled.wrappedBuffer(goldenJumbogram());
        RxPacket packet = RxPacket.decode(datagram);
        List<DataPacket> subs = Jumbogram.split(packet);

        datagram.setByte(28 + J + 4, 0x55); // first byte of sub-packet 1
        assertThat(subs.get(1).payload().getByte(0)).isEqualTo((byte) 0x55);
        assertThat(subs.get(1).payload().refCnt()).isEqualTo(datagram.refCnt());
        assertThat(packet.body().readerIndex()).isZero();
    }

    @Test
    void plainDataIsOneSubPacketWithTheWholeBody() throws Exception {
        WireHeader h = MAIN.withFlags(PacketFlags.CLIENT_INITIATED | PacketFlags.LAST_PACKET);
        ByteBuf body = Unpooled.wrappedBuffer(filled(5000, 1));

        List<DataPacket> subs = Jumbogram.split(h, body);

        assertThat(subs).hasSize(1);
        assertThat(subs.get(0).header()).isSameAs(h);
        assertThat(subs.get(0).length()).isEqualTo(5000);
        assertThat(body.readerIndex()).isZero();
    }

    @Test
    void emptyLastSubPacketIsAllowed() throws Exception {
        ByteBuf body = Unpooled.buffer();
        body.writeBytes(filled(J, 1)).writeBytes(Hex.bytes("04 00 0000"));

        List<DataPacket> subs = Jumbogram.split(MAIN, body);

        assertThat(subs).hasSize(2);
        assertThat(subs.get(1).length()).isZero();
        assertThat(subs.get(1).header().has(PacketFlags.LAST_PACKET)).isTrue();
    }

    @Test
    void lastPacketOnNonFinalSubPacketIsBadJumbo() {
        byte[] golden = goldenJumbogram();
        golden[21] = (byte) (PacketFlags.JUMBO_PACKET | PacketFlags.LAST_PACKET);
        assertBadJumbo(golden, "LAST_PACKET");

        byte[] second = goldenJumbogram();
        second[28 + J] = (byte) (PacketFlags.JUMBO_PACKET | PacketFlags.LAST_PACKET);
        assertBadJumbo(second, "sub-packet 1");
    }

    private static void assertBadJumbo(byte[] datagram, String detail) {
        assertThatThrownBy(() -> Jumbogram.split(RxPacket.decode(Unpooled.wrappedBuffer(datagram))))
                .isInstanceOfSatisfying(MalformedPacketException.class, e -> {
                    assertThat(e.reason()).isEqualTo(DropReason.BAD_JUMBO);
                    assertThat(e.getMessage()).contains(detail);
                });
    }

    @Test
    void jumboFlagWithoutRoomForAFullSubPacketIsBadJumbo() {
        byte[] golden = goldenJumbogram();
        // truncate inside sub-packet 1's data: it has JUMBO but fewer than 1416 bytes remain
        assertBadJumbo(Arrays.copyOf(golden, 28 + J + 4 + J + 3), "bytes left");
        // main header says JUMBO but the body is only 1415 bytes
        assertBadJumbo(Arrays.copyOf(golden, 28 + J + 3), "bytes left");
        // ... or empty
        assertBadJumbo(Arrays.copyOf(golden, 28), "bytes left");
    }

    @Test
    void moreSubPacketsThanTheCapIsBadJumbo() throws Exception {
        int max = RxConstants.MAX_JUMBO_SUBPACKETS;
        assertThat(Jumbogram.split(MAIN.withFlags(PacketFlags.JUMBO_PACKET), jumboBody(max))).hasSize(max);

        assertThatThrownBy(() -> Jumbogram.split(MAIN.withFlags(PacketFlags.JUMBO_PACKET), jumboBody(max + 1)))
                .isInstanceOfSatisfying(MalformedPacketException.class, e -> {
                    assertThat(e.reason()).isEqualTo(DropReason.BAD_JUMBO);
                    assertThat(e.getMessage()).contains("more than 46");
                });
    }

    /** A body of n sub-packets where every jumbo header keeps JUMBO_PACKET except the last. */
    private static ByteBuf jumboBody(int n) {
        ByteBuf body = Unpooled.buffer();
        for (int k = 0; k < n; k++) {
            if (k > 0) {
                body.writeByte(k == n - 1 ? 0 : PacketFlags.JUMBO_PACKET).writeByte(0).writeShort(k);
            }
            body.writeBytes(filled(k == n - 1 ? 3 : J, k));
        }
        return body;
    }

    @Test
    void derivedSeqWrappingToZeroIsZeroSeqData() {
        ByteBuf body = Unpooled.buffer();
        body.writeBytes(filled(J, 1)).writeBytes(Hex.bytes("00 00 0000"));

        assertThatThrownBy(() -> Jumbogram.split(MAIN.withSeq(-1), body))
                .isInstanceOfSatisfying(MalformedPacketException.class,
                        e -> assertThat(e.reason()).isEqualTo(DropReason.ZERO_SEQ_DATA));
    }

    @Test
    void splitRejectsNonDataHeaders() {
        assertThatThrownBy(() -> Jumbogram.split(MAIN.withType(PacketType.ACK), Unpooled.EMPTY_BUFFER))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encodeSetsJumboOnNonFinalAndClearsItOnTheLast() throws Exception {
        WireHeader first = MAIN.withFlags(PacketFlags.CLIENT_INITIATED);
        WireHeader second = first.withSeqSerialFlags(11, 101, PacketFlags.CLIENT_INITIATED | PacketFlags.JUMBO_PACKET)
                .withUserStatus(0);
        ByteBuf out = Unpooled.buffer();

        Jumbogram.encode(List.of(new DataPacket(first, Unpooled.wrappedBuffer(filled(J, 1))),
                new DataPacket(second, Unpooled.wrappedBuffer(filled(9, 2)))), out);

        assertThat((int) out.getUnsignedByte(21)).isEqualTo(PacketFlags.CLIENT_INITIATED | PacketFlags.JUMBO_PACKET);
        assertThat((int) out.getUnsignedByte(28 + J)).isEqualTo(PacketFlags.CLIENT_INITIATED);
        assertThat(out.getUnsignedShort(28 + J + 2)).isEqualTo(second.checksum());
        assertThat(out.readableBytes()).isEqualTo(28 + J + 4 + 9);
    }

    @Test
    void encodeOfOneIsAPlainDataPacket() {
        WireHeader h = MAIN.withFlags(PacketFlags.LAST_PACKET | PacketFlags.JUMBO_PACKET);
        DataPacket p = new DataPacket(h, Unpooled.wrappedBuffer(filled(3, 9)));
        ByteBuf viaJumbo = Unpooled.buffer();
        ByteBuf plain = Unpooled.buffer();

        Jumbogram.encode(List.of(p), viaJumbo);
        new DataPacket(h.withFlags(PacketFlags.LAST_PACKET), p.payload()).encodeTo(plain);

        assertThat(Hex.of(viaJumbo)).isEqualTo(Hex.of(plain));
        assertThat(p.payload().readerIndex()).isZero();
    }

    @Test
    void encodeRejectsWhatTheReceiverCouldNotRebuild() {
        WireHeader first = MAIN.withFlags(0);
        WireHeader next = first.withSeqSerialFlags(11, 101, 0).withUserStatus(0);
        ByteBuf full = Unpooled.wrappedBuffer(filled(J, 0));
        ByteBuf small = Unpooled.wrappedBuffer(filled(10, 0));
        ByteBuf out = Unpooled.buffer();

        assertThatThrownBy(() -> Jumbogram.encode(List.of(), out))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Jumbogram.encode(List.of(new DataPacket(first, small),
                new DataPacket(next, small)), out)).hasMessageContaining("1412");
        assertThatThrownBy(() -> Jumbogram.encode(List.of(
                new DataPacket(first.withFlags(PacketFlags.LAST_PACKET), full),
                new DataPacket(next, small)), out)).hasMessageContaining("LAST_PACKET");
        assertThatThrownBy(() -> Jumbogram.encode(List.of(new DataPacket(first, full),
                new DataPacket(next.withSerial(105), small)), out)).hasMessageContaining("serial");
        assertThatThrownBy(() -> Jumbogram.encode(List.of(new DataPacket(first, full),
                new DataPacket(next.withCallNumber(8), small)), out)).hasMessageContaining("another call");
        assertThatThrownBy(() -> Jumbogram.encode(List.of(new DataPacket(first, full),
                new DataPacket(next.withUserStatus(1), small)), out)).hasMessageContaining("userStatus");
        List<DataPacket> tooMany = new ArrayList<>();
        for (int k = 0; k <= RxConstants.MAX_JUMBO_SUBPACKETS; k++) {
            tooMany.add(new DataPacket(k == 0 ? first : first.withSeqSerialFlags(10 + k, 100 + k, 0)
                    .withUserStatus(0), full));
        }
        assertThatThrownBy(() -> Jumbogram.encode(tooMany, out)).hasMessageContaining("more than 46");
        assertThat(out.readableBytes()).isZero();
    }

    @Test
    void dataPacketRejectsNonDataHeader() {
        assertThatThrownBy(() -> new DataPacket(MAIN.withType(PacketType.ABORT), Unpooled.EMPTY_BUFFER))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void splitOfEncodeIsIdentity() {
        qt().forAll(WireGenerators.jumboSubPackets()).checkAssert(subs -> {
            ByteBuf out = Unpooled.buffer();
            Jumbogram.encode(subs, out);
            assertThat(out.readableBytes()).isEqualTo(Jumbogram.encodedLength(subs));
            List<DataPacket> back;
            try {
                back = Jumbogram.split(RxPacket.decode(out));
            } catch (MalformedPacketException e) {
                throw new AssertionError(e);
            }
            assertThat(back).hasSameSizeAs(subs);
            for (int k = 0; k < subs.size(); k++) {
                WireHeader sent = subs.get(k).header();
                int expectedFlags = k == subs.size() - 1
                        ? sent.flags() & ~PacketFlags.JUMBO_PACKET
                        : sent.flags() | PacketFlags.JUMBO_PACKET;
                assertThat(back.get(k).header()).isEqualTo(sent.withFlags(expectedFlags));
                assertThat(ByteBufUtil.equals(back.get(k).payload(), subs.get(k).payload())).isTrue();
            }
        });
    }
}
