package rxgate.rxrpc.conn;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import rxgate.rxrpc.peer.Peer;
import rxgate.rxrpc.security.NullSecurity;

class ConnectionBundleTest {
    private final Peer peer = new Peer(new InetSocketAddress("127.0.0.1", 7000), 0);

    @Test
    void newConnectionsOpenOneAtATimeAndWithinTheLimit() {
        ConnectionBundle b = new ConnectionBundle(peer, 1, NullSecurity.INSTANCE, 2, 8);
        assertThat(b.canOpen()).isTrue();
        ClientConnection first = b.open(0x80000001, 4, 0);
        assertThat(b.canOpen()).as("the first connection has not heard from the server yet").isFalse();
        assertThat(first.markEstablished()).isTrue();
        assertThat(first.markEstablished()).isFalse();
        assertThat(b.canOpen()).isTrue();
        b.open(0x80000001, 8, 0).markEstablished();
        assertThat(b.canOpen()).as("limit of 2 connections").isFalse();
    }

    @Test
    void aRetiredConnectionNeitherCountsNorBlocks() {
        ConnectionBundle b = new ConnectionBundle(peer, 1, NullSecurity.INSTANCE, 1, 8);
        ClientConnection dead = b.open(0x80000001, 4, 0);
        dead.retire();
        assertThat(b.canOpen()).isTrue();
        assertThat(dead.freeChannel(0)).isEqualTo(-1);
    }

    @Test
    void channelsCarryIncreasingCallNumbersAndBusyChannelsAreAvoided() {
        ConnectionBundle b = new ConnectionBundle(peer, 1, NullSecurity.INSTANCE, 1, 8);
        ClientConnection c = b.open(0x80000001, 4, 0);
        Object call1 = new Object();
        int ch = c.freeChannel(0);
        assertThat(c.attach(ch, call1)).isEqualTo(1);
        c.detach(ch, call1, 0);
        assertThat(c.attach(ch, new Object())).as("the next call on the channel").isEqualTo(2);
        c.markBusy(1, 1_000);
        assertThat(c.freeChannel(500)).isNotEqualTo(1).isNotEqualTo(ch);
    }
}
