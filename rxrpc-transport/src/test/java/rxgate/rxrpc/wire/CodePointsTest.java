package rxgate.rxrpc.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** PacketType, PacketFlags, AckReason, DropReason, MalformedPacketException and RxConstants. */
class CodePointsTest {

    @Test
    void packetTypeNamesAreAnOpenSet() {
        assertThat(PacketType.name(PacketType.DATA)).isEqualTo("DATA");
        assertThat(PacketType.name(PacketType.ACKALL)).isEqualTo("ACKALL");
        assertThat(PacketType.name(PacketType.VERSION)).isEqualTo("VERSION");
        assertThat(PacketType.name(PacketType.PARAMS)).isEqualTo("PARAMS");
        assertThat(PacketType.name(0)).isEqualTo("UNKNOWN(0)");
        assertThat(PacketType.name(10)).isEqualTo("UNKNOWN(10)");
        assertThat(PacketType.name(14)).isEqualTo("UNKNOWN(14)");
        assertThat(PacketType.name(-1)).isEqualTo("UNKNOWN(-1)");
        for (int t = 1; t <= 8; t++) {
            assertThat(PacketType.isKnown(t)).as("type %d", t).isTrue();
        }
        assertThat(PacketType.isKnown(13)).isTrue();
        for (int t : new int[] {0, 9, 10, 11, 12, 14, 255}) {
            assertThat(PacketType.isKnown(t)).as("type %d", t).isFalse();
        }
    }

    @Test
    void flagsDescribeBitFiveByType() {
        assertThat(PacketFlags.describe(0, PacketType.DATA)).isEqualTo("0");
        assertThat(PacketFlags.describe(0x05, PacketType.VERSION)).isEqualTo("CLIENT_INITIATED|LAST_PACKET");
        assertThat(PacketFlags.describe(0x2B, PacketType.DATA))
                .isEqualTo("CLIENT_INITIATED|REQUEST_ACK|MORE_PACKETS|JUMBO_PACKET");
        assertThat(PacketFlags.describe(0x22, PacketType.ACK)).isEqualTo("REQUEST_ACK|SLOW_START_OK");
        assertThat(PacketFlags.describe(0x20, PacketType.ABORT)).isEqualTo("0x20");
        assertThat(PacketFlags.describe(0xD0, PacketType.DATA)).isEqualTo("0x10|0x40|0x80");
        assertThat(PacketFlags.describe(0x101, PacketType.DATA)).isEqualTo("CLIENT_INITIATED|0x100");
        assertThat(PacketFlags.PRESET_FLAGS).isEqualTo(0x05);
    }

    @Test
    void ackReasonNamesTolerateUnknownValues() {
        assertThat(AckReason.name(AckReason.REQUESTED)).isEqualTo("REQUESTED");
        assertThat(AckReason.name(AckReason.PING_RESPONSE)).isEqualTo("PING_RESPONSE");
        assertThat(AckReason.name(AckReason.IDLE)).isEqualTo("IDLE");
        assertThat(AckReason.name(0)).isEqualTo("UNKNOWN(0)");
        assertThat(AckReason.name(10)).isEqualTo("UNKNOWN(10)");
        assertThat(AckReason.isKnown(9)).isTrue();
        assertThat(AckReason.isKnown(10)).isFalse();
    }

    @Test
    void dropReasonLabelsAreDistinctKebabCase() {
        assertThat(DropReason.values()).extracting(DropReason::label).doesNotHaveDuplicates()
                .allMatch(l -> l.matches("[a-z]+(-[a-z]+)*"));
        assertThat(DropReason.SHORT_HEADER.label()).isEqualTo("short-header");
    }

    @Test
    void malformedPacketExceptionIsCheapAndDescriptive() {
        MalformedPacketException e = new MalformedPacketException(DropReason.BAD_ACK, "nAcks 9");
        assertThat(e.getStackTrace()).isEmpty();
        assertThat(e.reason()).isEqualTo(DropReason.BAD_ACK);
        assertThat(e.detail()).isEqualTo("nAcks 9");
        assertThat(e.getMessage()).isEqualTo("BAD_ACK: nAcks 9");
        assertThat(new MalformedPacketException(DropReason.OVERSIZE).getMessage()).isEqualTo("OVERSIZE");
        e.addSuppressed(new RuntimeException());
        assertThat(e.getSuppressed()).isEmpty();
    }

    @Test
    void constantsAgreeWithEachOther() {
        assertThat(RxConstants.JUMBO_SUBPACKET_LENGTH).isEqualTo(1416);
        assertThat(RxConstants.REMOTE_PACKET_SIZE)
                .isEqualTo(RxConstants.HEADER_SIZE + RxConstants.JUMBO_DATA_LENGTH + RxConstants.JUMBO_HEADER_SIZE);
        assertThat(RxConstants.REMOTE_PACKET_SIZE).isEqualTo(1500 - RxConstants.IPUDP_SIZE);
        assertThat(RxConstants.MIN_PACKET_SIZE).isEqualTo(576 - RxConstants.IPUDP_SIZE);
        assertThat(RxConstants.MAX_PACKET_DATA).isEqualTo(16356);
        assertThat(RxConstants.HEADER_SIZE + RxConstants.ACK_BODY_BASE_SIZE + RxConstants.ACK_PAD_SIZE
                + RxConstants.ACK_TRAILER_SIZE).isEqualTo(65);
        assertThat(RxConstants.RX_STATISTICS_SIZE).isEqualTo(71 * 4);
        assertThat(RxConstants.RX_DEBUGI_VERSION).isEqualTo((byte) 0x53);
        assertThat(RxConstants.CID_MASK | RxConstants.CHANNEL_MASK).isEqualTo(-1);
        assertThat(RxConstants.MAX_CHANNELS).isEqualTo(RxConstants.CHANNEL_MASK + 1);
    }
}
