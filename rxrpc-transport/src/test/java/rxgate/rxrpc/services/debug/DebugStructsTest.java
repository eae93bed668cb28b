package rxgate.rxrpc.services.debug;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DebugStructsTest {

    @Test
    void debugStats() {
        DebugStats s = DebugStats.decode(DebugGolden.typicalStats());
        assertThat(s).isEqualTo(new DebugStats(508, 0, 25, 0, 11, 'S', 0, 6, 0, 520));
        assertThat(s.supportsRxStats()).isTrue();
        assertThat(s.supportsPeers()).isTrue();
        DebugStats old = DebugStats.decode(DebugGolden.stats(1, 2, 3, 1, 0xFF, 'L', 0, 0, 0, 0));
        assertThat(old.usedFDs()).isEqualTo(-1); // a C char, signed
        assertThat(old.waitingForPackets()).isEqualTo(1);
        assertThat(old.supportsSecStats()).isTrue();
        assertThat(old.supportsRxStats()).isFalse();
    }

    @Test
    void shortRepliesAreZeroFilled() {
        DebugStats s = DebugStats.decode(new byte[] {0, 0, 0, 7});
        assertThat(s.nFreePackets()).isEqualTo(7);
        assertThat(s.version()).isEqualTo('\0');
    }

    @Test
    void rxStatisticsFieldsSitAtTheDocumentedOffsets() {
        RxStatistics s = RxStatistics.decode(DebugGolden.countingRxStats());
        // word i holds i + 1: the value tells the word index, the doc gives index = offset / 4
        assertThat(s.packetRequests()).isEqualTo(1);
        assertThat(s.sendSelects()).isEqualTo(11);
        assertThat(s.packetsRead().get(0)).isEqualTo(44 / 4 + 1);
        assertThat(s.packetsRead(13)).isEqualTo(24);
        assertThat(s.dataPacketsRead()).isEqualTo(96 / 4 + 1);
        assertThat(s.spuriousPacketsRead()).isEqualTo(28);
        assertThat(s.packetsSent(1)).isEqualTo(112 / 4 + 1);
        assertThat(s.ackPacketsSent()).isEqualTo(164 / 4 + 1);
        assertThat(s.ignoreAckedPacket()).isEqualTo(49);
        assertThat(s.totalRtt()).isEqualTo(new RxClock(196 / 4 + 1, 51));
        assertThat(s.minRtt()).isEqualTo(new RxClock(204 / 4 + 1, 53));
        assertThat(s.maxRtt()).isEqualTo(new RxClock(212 / 4 + 1, 55));
        assertThat(s.nRttSamples()).isEqualTo(220 / 4 + 1);
        assertThat(s.nBusies()).isEqualTo(67);
        assertThat(s.spares()).containsExactly(268 / 4 + 1, 69, 70, 71);
    }

    @Test
    void rxStatisticsEncodesBack() {
        byte[] b = DebugGolden.countingRxStats();
        assertThat(RxStatistics.decode(b).toBytes()).isEqualTo(b);
    }

    @Test
    void debugConn() {
        DebugConn c = DebugConn.decode(DebugGolden.serverConn());
        assertThat(c.hostString()).isEqualTo("10.77.0.2");
        assertThat(c.cid()).isEqualTo(0x5c7a0008);
        assertThat(c.serial()).isEqualTo(17);
        assertThat(c.callNumber()).containsExactly(3, 0, 0, 0);
        assertThat(c.port()).isEqualTo(7001);
        assertThat(c.type()).isEqualTo(DebugConn.SERVER_CONNECTION);
        assertThat(c.callState()).containsExactly(3, 0, 0, 0);
        assertThat(c.callMode()).containsExactly(4, 0, 0, 0);
        assertThat(c.secStats().type()).isEqualTo(DebugSecStats.TYPE_NULL);
        assertThat(c.epoch()).isEqualTo(0x65a1b2c3);
        assertThat(c.natMTU()).isEqualTo(1444);
        assertThat(c.isEndMarker()).isFalse();
        assertThat(DebugConn.decode(DebugGolden.endOfConns()).isEndMarker()).isTrue();
    }

    @Test
    void debugConnSecStatsOffsets() {
        byte[] b = DebugGolden.conn(1, 4, 0, new int[4], 0, 1, 0, 0, 2, new int[4], new int[4], new int[4], new int[4],
                3, 2, 2, 1000, 11, 12, 13, 14, 0, 0);
        DebugSecStats s = DebugConn.decode(b).secStats();
        assertThat(s).isEqualTo(new DebugSecStats(3, 2, 2, 1000, 11, 12, 13, 14));
    }

    @Test
    void debugPeer() {
        DebugPeer p = DebugPeer.decode(DebugGolden.typicalPeer());
        assertThat(p.hostString()).isEqualTo("10.77.0.2");
        assertThat(p.port()).isEqualTo(7001);
        assertThat(p.ifMTU()).isEqualTo(1444);
        assertThat(p.idleWhen()).isEqualTo(99);
        assertThat(p.refCount()).isEqualTo(1);
        assertThat(p.rtt()).isEqualTo(16);
        assertThat(p.rttDev()).isEqualTo(4);
        assertThat(p.nSent()).isEqualTo(40);
        assertThat(p.reSends()).isEqualTo(1);
        assertThat(p.natMTU()).isEqualTo(1444);
        assertThat(p.maxDgramPackets()).isEqualTo(3);
        assertThat(p.cwind()).isEqualTo(16);
        assertThat(p.nDgramPackets()).isEqualTo(1);
        assertThat(p.bytesSent()).isEqualTo(4000);
        assertThat(p.bytesReceived()).isEqualTo((1L << 32) + 5);
        assertThat(DebugPeer.decode(DebugGolden.endOfPeers()).isEndMarker()).isTrue();
    }

    @Test
    void packetTypeNames() {
        assertThat(RxStatistics.PACKET_TYPE_NAMES).hasSize(13).startsWith("data", "ack").endsWith("version");
        assertThat(List.of(DebugStats.SIZE, RxStatistics.SIZE, DebugConn.SIZE, DebugPeer.SIZE))
                .containsExactly(56, 284, 176, 132);
    }
}
