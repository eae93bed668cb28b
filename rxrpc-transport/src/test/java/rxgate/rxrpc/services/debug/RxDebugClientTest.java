package rxgate.rxrpc.services.debug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RxDebugClientTest {
    private final FakeDebugChannel ch = new FakeDebugChannel("10.77.0.1", 7003);
    private final RxDebugClient client = new RxDebugClient(ch);

    @Test
    void statsAndRxStats() {
        ch.on(1, 0, DebugGolden.typicalStats()).on(4, 0, DebugGolden.typicalRxStats());
        assertThat(client.stats().join().version()).isEqualTo('S');
        assertThat(client.rxStats().join().packetRequests()).isEqualTo(120);
    }

    @Test
    void badTypeIsUnsupported() {
        ch.on(4, 0, DebugGolden.badType());
        assertThatThrownBy(() -> client.rxStats().join()).hasCauseInstanceOf(RxDebugUnsupportedException.class);
        assertThat(RxDebugClient.isBadType(DebugGolden.badType())).isTrue();
        assertThat(RxDebugClient.isBadType(DebugGolden.typicalStats())).isFalse();
    }

    @Test
    void walksConnectionsToTheEndMarker() {
        ch.on(2, 0, DebugGolden.serverConn()).on(2, 1, DebugGolden.serverConn()).on(2, 2, DebugGolden.endOfConns());
        assertThat(client.connections(false).join()).hasSize(2);
        ch.on(3, 0, DebugGolden.endOfConns());
        assertThat(client.connections(true).join()).isEmpty();
        assertThat(ch.queries()).containsExactly("2/0", "2/1", "2/2", "3/0");
    }

    @Test
    void walksPeers() {
        ch.on(5, 0, DebugGolden.typicalPeer()).on(5, 1, DebugGolden.endOfPeers());
        List<DebugPeer> peers = client.peers().join();
        assertThat(peers).extracting(DebugPeer::hostString).containsExactly("10.77.0.2");
    }

    @Test
    void longWalksDoNotGrowTheStack() {
        for (int i = 0; i < 20_000; i++) {
            ch.on(3, i, DebugGolden.serverConn());
        }
        ch.on(3, 20_000, DebugGolden.endOfConns());
        assertThat(client.connections(true).join()).hasSize(20_000);
    }

    @Test
    void failuresPropagate() {
        ch.on(2, 0, DebugGolden.serverConn()).fail(2, 1, new IllegalStateException("timeout"));
        assertThatThrownBy(() -> client.connections(false).join()).hasRootCauseInstanceOf(IllegalStateException.class);
    }
}
