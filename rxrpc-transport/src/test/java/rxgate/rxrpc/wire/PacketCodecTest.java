package rxgate.rxrpc.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class PacketCodecTest {

    /** Server-side ACK header: epoch 0x80000001, conn 0x1234 ch 1, call 7, serial 42, SLOW_START_OK. */
    static final WireHeader ACK_HEADER = new WireHeader(0x80000001, 0x00001235, 7, 0, 42,
            PacketType.ACK, PacketFlags.SLOW_START_OK, 0, 0, 0, 52);

    @Test
    void ackDatagramGoldenBytesAre65PlusN() {
        ByteBuf out = Unpooled.buffer();

        PacketCodec.writeAck(out, ACK_HEADER, AckPacketTest.SAMPLE);

        assertThat(Hex.of(out)).isEqualTo(Hex.normalise(""
                + "80000001 00001235 00000007 00000000 0000002a 02 20 00 00 0000 0034"
                + "0000 0000 00000005 00000007 00000009 03 03 010001 000000"
                + "000005a4 000005a4 00000020 00000001"));
        assertThat(out.readableBytes()).isEqualTo(65 + 3).isEqualTo(PacketCodec.ackLength(AckPacketTest.SAMPLE));
    }

    @Test
    void versionRequestAsRxdebugSendsIt() {
        ByteBuf out = Unpooled.buffer();

        PacketCodec.writeVersionRequest(out, PacketCodec.versionRequestHeader(101));

        assertThat(Hex.of(out)).isEqualTo(Hex.normalise(RxPacketTest.RXDEBUG_VERSION_REQUEST));
        assertThat(out.readableBytes()).isEqualTo(PacketCodec.VERSION_REQUEST_LENGTH).isEqualTo(29);
    }

    @Test
    void versionReplyEchoesTheRequestWithoutClientInitiated() throws Exception {
        WireHeader request = PacketCodec.versionRequestHeader(101).withSerial(5);
        ByteBuf out = Unpooled.buffer();

        PacketCodec.writeVersionReply(out, PacketCodec.replyHeader(request), new VersionBody("rxgate 0.1"));

        assertThat(out.readableBytes()).isEqualTo(PacketCodec.VERSION_REPLY_LENGTH).isEqualTo(28 + 65);
        RxPacket reply = RxPacket.decode(out);
        assertThat(reply.header().flags()).isEqualTo(PacketFlags.LAST_PACKET);
        assertThat(reply.header().serial()).isEqualTo(5);
        assertThat(reply.header().callNumber()).isEqualTo(101);
        assertThat(VersionBody.decode(reply.body()).version()).isEqualTo("rxgate 0.1");
    }

    @Test
    void headerOnlyPacketsAbortAndDebugRequest() throws Exception {
        WireHeader h = ACK_HEADER.withFlags(0);
        ByteBuf busy = Unpooled.buffer();
        ByteBuf ackAll = Unpooled.buffer();
        ByteBuf abort = Unpooled.buffer();
        ByteBuf debug = Unpooled.buffer();

        PacketCodec.writeBusy(busy, h.withType(PacketType.BUSY));
        PacketCodec.writeAckAll(ackAll, h.withType(PacketType.ACKALL));
        PacketCodec.writeAbort(abort, h.withType(PacketType.ABORT), -455);
        PacketCodec.writeDebugRequest(debug, PacketCodec.debugRequestHeader(102),
                new DebugRequest(RxConstants.RX_DEBUGI_GETPEER, 4));

        assertThat(busy.readableBytes()).isEqualTo(PacketCodec.HEADER_ONLY_LENGTH);
        assertThat(ackAll.readableBytes()).isEqualTo(PacketCodec.HEADER_ONLY_LENGTH);
        assertThat(Hex.of(abort)).endsWith("fffffe39");
        assertThat(abort.readableBytes()).isEqualTo(PacketCodec.ABORT_LENGTH);
        assertThat(Hex.of(debug)).isEqualTo(Hex.normalise(
                "000003e7 00000000 00000066 00000000 00000000 08 05 00 00 0000 0000 00000005 00000004"));
        assertThat(debug.readableBytes()).isEqualTo(PacketCodec.DEBUG_REQUEST_LENGTH);
        assertThat(RxPacket.decode(busy).type()).isEqualTo(PacketType.BUSY);
        assertThat(RxPacket.decode(ackAll).type()).isEqualTo(PacketType.ACKALL);
        assertThat(RxPacket.decode(abort).abortCode()).isEqualTo(-455);
    }

    @Test
    void rejectsAHeaderOfTheWrongType() {
        ByteBuf out = Unpooled.buffer();
        assertThatThrownBy(() -> PacketCodec.writeBusy(out, ACK_HEADER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BUSY");
        assertThatThrownBy(() -> PacketCodec.writeAck(out, ACK_HEADER.withType(PacketType.DATA),
                AckPacketTest.SAMPLE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PacketCodec.writeAbort(out, ACK_HEADER, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(out.writerIndex()).isZero();
    }
}
