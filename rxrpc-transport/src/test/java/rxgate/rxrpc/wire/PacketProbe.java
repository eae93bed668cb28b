package rxgate.rxrpc.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;

/**
 * Runs one datagram through everything the receive path would do with it, checking invariants
 * on the way. Used by the property tests and the Jazzer fuzz target: a {@link MalformedPacketException}
 * is the only exception allowed to escape {@link #probe}.
 */
final class PacketProbe {

    private PacketProbe() {
    }

    /**
     * Decodes {@code data}; on success also decodes the type-specific body and splits DATA.
     *
     * @return the reason if the datagram was dropped, {@code null} if it was accepted
     */
    static DropReason probe(byte[] data) {
        ByteBuf datagram = Unpooled.wrappedBuffer(data);
        try {
            RxPacket packet = RxPacket.decode(datagram);
            assertThat(datagram.readerIndex()).isZero();
            assertThat(packet.bodyLength()).isEqualTo(data.length - WireHeader.SIZE);
            ByteBuf reencoded = Unpooled.buffer(WireHeader.SIZE);
            packet.header().encodeTo(reencoded);
            assertThat(ByteBufUtil.getBytes(reencoded)).isEqualTo(java.util.Arrays.copyOf(data, WireHeader.SIZE));
            exerciseBody(packet);
            return null;
        } catch (MalformedPacketException e) {
            assertThat(e.reason()).isNotNull();
            assertThat(e.getStackTrace()).isEmpty();
            return e.reason();
        }
    }

    private static void exerciseBody(RxPacket packet) throws MalformedPacketException {
        switch (packet.type()) {
            case PacketType.DATA -> {
                List<DataPacket> subs = Jumbogram.split(packet);
                int total = 0;
                for (int k = 0; k < subs.size(); k++) {
                    DataPacket sub = subs.get(k);
                    assertThat(sub.header().seq()).isEqualTo(packet.header().seq() + k);
                    assertThat(sub.header().serial()).isEqualTo(packet.header().serial() + k);
                    total += sub.length();
                }
                assertThat(total + (subs.size() - 1) * RxConstants.JUMBO_HEADER_SIZE)
                        .isEqualTo(packet.bodyLength());
            }
            case PacketType.ACK -> {
                AckPacket ack = packet.ack();
                ByteBuf again = Unpooled.buffer();
                ack.encodeTo(again);
                assertThat(AckPacket.decode(again)).isEqualTo(ack);
            }
            case PacketType.ABORT -> packet.abortCode();
            case PacketType.DEBUG -> {
                if (packet.header().isClientInitiated()) {
                    packet.debugRequest();
                }
            }
            case PacketType.VERSION -> VersionBody.decode(packet.body().duplicate());
            default -> {
                // BUSY, ACKALL: header only; CHALLENGE, RESPONSE: opaque
            }
        }
        assertThat(packet.toString()).isNotEmpty();
    }
}
