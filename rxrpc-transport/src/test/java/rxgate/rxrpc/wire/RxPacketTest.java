package rxgate.rxrpc.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RxPacketTest {

    /** What {@code rxdebug host port -version} sends (§7.1): epoch 999, cid 0, call 101, flags 0x05, body 0x00. */
    static final String RXDEBUG_VERSION_REQUEST = ""
            + "000003e7" + "00000000" + "00000065" + "00000000" + "00000000"
            + "0d" + "05" + "00" + "00" + "0000" + "0000"
            + "00";

    static final WireHeader CLIENT = new WireHeader(0x80000001, 0x00001234, 1, 1, 1,
            PacketType.DATA, PacketFlags.CLIENT_INITIATED, 0, 0, 0, 52);

    @Test
    void decodesRxdebugVersionRequest() throws Exception {
        ByteBuf datagram = Hex.buf(RXDEBUG_VERSION_REQUEST);

        RxPacket packet = RxPacket.decode(datagram);

        assertThat(packet.header()).isEqualTo(PacketCodec.versionRequestHeader(101));
        assertThat(packet.type()).isEqualTo(PacketType.VERSION);
        assertThat(packet.header().isClientInitiated()).isTrue();
        assertThat(packet.header().has(PacketFlags.LAST_PACKET)).isTrue();
        assertThat(packet.bodyLength()).isEqualTo(1);
        assertThat(packet.body().getByte(0)).isZero();
    }

    @Test
    void leavesDatagramIndicesAndRefCountAlone() throws Exception {
        ByteBuf datagram = Unpooled.buffer();
        datagram.writeBytes(new byte[] {9, 9, 9}).readerIndex(3); // decoding starts at readerIndex
        CLIENT.encodeTo(datagram);
        datagram.writeBytes(new byte[] {1, 2, 3, 4});

        RxPacket packet = RxPacket.decode(datagram);

        assertThat(datagram.readerIndex()).isEqualTo(3);
        assertThat(datagram.writerIndex()).isEqualTo(3 + 28 + 4);
        assertThat(datagram.refCnt()).isEqualTo(1);
        assertThat(Hex.of(packet.body())).isEqualTo("01020304");
        datagram.setByte(3 + 28, 7);
        assertThat(packet.body().getByte(0)).isEqualTo((byte) 7); // shared, not copied
    }

    @Test
    void decodesAckEagerlyAndRewindsTheBody() throws Exception {
        ByteBuf datagram = Unpooled.buffer();
        PacketCodec.writeAck(datagram, CLIENT.withType(PacketType.ACK).withSeq(0), AckPacketTest.SAMPLE);

        RxPacket packet = RxPacket.decode(datagram);

        assertThat(packet.ack()).isEqualTo(AckPacketTest.SAMPLE);
        assertThat(packet.body().readerIndex()).isZero();
        assertThat(packet.toString()).contains("OUT_OF_SEQUENCE");
    }

    @Test
    void abortCodeAndConnectionAbort() throws Exception {
        ByteBuf datagram = Unpooled.buffer();
        PacketCodec.writeAbort(datagram, CLIENT.withType(PacketType.ABORT).withCallNumber(0), -5);

        RxPacket packet = RxPacket.decode(datagram); // callNumber 0 = connection abort, allowed

        assertThat(packet.abortCode()).isEqualTo(-5);
        assertThat(packet.body().readerIndex()).isZero();
    }

    @Test
    void debugRequestAndDebugReply() throws Exception {
        ByteBuf request = Unpooled.buffer();
        PacketCodec.writeDebugRequest(request, PacketCodec.debugRequestHeader(101),
                new DebugRequest(RxConstants.RX_DEBUGI_GETSTATS, 0));
        assertThat(RxPacket.decode(request).debugRequest())
                .isEqualTo(new DebugRequest(RxConstants.RX_DEBUGI_GETSTATS, 0));

        // a reply is not client-initiated and its body is not checked here
        ByteBuf reply = Unpooled.buffer();
        PacketCodec.replyHeader(PacketCodec.debugRequestHeader(101)).encodeTo(reply);
        reply.writeByte(1);
        RxPacket packet = RxPacket.decode(reply);
        assertThatThrownBy(packet::debugRequest).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void challengeAndResponseBodiesAreOpaque() throws Exception {
        for (int type : new int[] {PacketType.CHALLENGE, PacketType.RESPONSE}) {
            ByteBuf datagram = Unpooled.buffer();
            CLIENT.withType(type).withCallNumber(0).withSeq(0).encodeTo(datagram);
            RxPacket packet = RxPacket.decode(datagram);
            assertThat(packet.bodyLength()).isZero();
            assertThatThrownBy(packet::ack).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(packet::abortCode).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void largestAcceptedDatagramIsMaxPacketSize() throws Exception {
        ByteBuf datagram = Unpooled.buffer();
        CLIENT.encodeTo(datagram);
        datagram.writeZero(RxConstants.MAX_PACKET_SIZE - 28);

        assertThat(RxPacket.decode(datagram).bodyLength()).isEqualTo(RxConstants.MAX_PACKET_DATA);
    }

    // ------------------------------------------------------------------ one test per DropReason

    @Test
    void oversize() {
        ByteBuf datagram = Unpooled.buffer();
        CLIENT.encodeTo(datagram);
        datagram.writeZero(RxConstants.MAX_PACKET_SIZE - 28 + 1);

        assertDropped(datagram, DropReason.OVERSIZE);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 27})
    void shortHeader(int length) {
        assertDropped(Unpooled.wrappedBuffer(new byte[length]), DropReason.SHORT_HEADER);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 9, 10, 11, 12, 14, 255})
    void unknownType(int type) {
        ByteBuf datagram = Unpooled.buffer();
        CLIENT.withType(type).encodeTo(datagram);
        datagram.writeZero(8);

        assertDropped(datagram, DropReason.UNKNOWN_TYPE);
    }

    @ParameterizedTest
    @ValueSource(ints = {PacketType.DATA, PacketType.ACK, PacketType.BUSY, PacketType.ACKALL})
    void zeroCallNumber(int type) {
        ByteBuf datagram = Unpooled.buffer();
        CLIENT.withType(type).withCallNumber(0).encodeTo(datagram);
        if (type == PacketType.ACK) {
            new AckPacket(0, 0, 1, 0, 0, AckReason.IDLE, new byte[0], null).encodeTo(datagram);
        }

        assertDropped(datagram, DropReason.ZERO_CALL_NUMBER);
    }

    @Test
    void zeroSeqData() {
        ByteBuf datagram = Unpooled.buffer();
        CLIENT.withSeq(0).encodeTo(datagram);

        assertDropped(datagram, DropReason.ZERO_SEQ_DATA);
    }

    @Test
    void badAck() {
        ByteBuf datagram = Unpooled.buffer();
        CLIENT.withType(PacketType.ACK).encodeTo(datagram);
        datagram.writeZero(17);

        assertDropped(datagram, DropReason.BAD_ACK);
    }

    @Test
    void badAbort() {
        ByteBuf datagram = Unpooled.buffer();
        CLIENT.withType(PacketType.ABORT).encodeTo(datagram);
        datagram.writeZero(3);

        assertDropped(datagram, DropReason.BAD_ABORT);
    }

    @Test
    void badDebug() {
        ByteBuf datagram = Unpooled.buffer();
        PacketCodec.debugRequestHeader(101).encodeTo(datagram);
        datagram.writeZero(7);

        assertDropped(datagram, DropReason.BAD_DEBUG);
    }

    @Test
    void badJumboIsFoundWhenSplitting() throws Exception {
        ByteBuf datagram = Unpooled.buffer();
        CLIENT.withFlags(PacketFlags.JUMBO_PACKET).encodeTo(datagram);
        datagram.writeZero(100);
        RxPacket packet = RxPacket.decode(datagram);

        assertThatThrownBy(() -> Jumbogram.split(packet))
                .isInstanceOfSatisfying(MalformedPacketException.class,
                        e -> assertThat(e.reason()).isEqualTo(DropReason.BAD_JUMBO));
    }

    private static void assertDropped(ByteBuf datagram, DropReason reason) {
        int readerIndex = datagram.readerIndex();
        assertThatThrownBy(() -> RxPacket.decode(datagram))
                .isInstanceOfSatisfying(MalformedPacketException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getStackTrace()).isEmpty();
                });
        assertThat(datagram.readerIndex()).isEqualTo(readerIndex);
        assertThat(PacketProbe.probe(io.netty.buffer.ByteBufUtil.getBytes(datagram))).isEqualTo(reason);
    }

    // ------------------------------------------------------------------ properties

    @Test
    void validDatagramsDecode() {
        qt().forAll(WireGenerators.validDatagrams())
                .checkAssert(data -> assertThat(PacketProbe.probe(data)).isNull());
    }

    @Test
    void arbitraryBytesDecodeOrDropNeverThrowAnythingElse() {
        qt().withExamples(2000).forAll(WireGenerators.bytes(0, 2000)).checkAssert(PacketProbe::probe);
    }

    @Test
    void arbitraryHeadersWithShortBodiesDecodeOrDrop() {
        // random bytes rarely get past the type check; start from a random header with a small type
        qt().withExamples(3000)
                .forAll(WireGenerators.headers(), org.quicktheories.generators.SourceDSL.integers().between(0, 14),
                        WireGenerators.bytes(0, 64))
                .checkAssert((header, type, body) -> {
                    ByteBuf buf = Unpooled.buffer();
                    header.withType(type).encodeTo(buf);
                    buf.writeBytes(body);
                    PacketProbe.probe(io.netty.buffer.ByteBufUtil.getBytes(buf));
                });
    }

    @Test
    void mutatedValidDatagramsDecodeOrDrop() {
        qt().withExamples(3000).forAll(WireGenerators.mutatedDatagrams()).checkAssert(PacketProbe::probe);
    }
}
