package rxgate.rxrpc.cc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NewRenoCongestionControllerTest {

    @Test
    void slowStartGrowsByOnePacketPerAckedPacket() {
        NewRenoCongestionController cc = new NewRenoCongestionController(4, 255);
        assertThat(cc.inSlowStart()).isTrue();
        cc.onAcked(4);
        assertThat(cc.window()).isEqualTo(8);
        cc.onAcked(8);
        assertThat(cc.window()).isEqualTo(16);
    }

    @Test
    void fastRetransmitHalvesAndCongestionAvoidanceGrowsOnePerWindow() {
        NewRenoCongestionController cc = new NewRenoCongestionController(4, 255);
        cc.onAcked(60); // cwnd 64
        assertThat(cc.window()).isEqualTo(64);
        cc.onFastRetransmit(64);
        assertThat(cc.slowStartThreshold()).isEqualTo(32);
        assertThat(cc.window()).isEqualTo(35);
        assertThat(cc.inSlowStart()).isFalse();
        cc.onAcked(34);
        assertThat(cc.window()).isEqualTo(35);
        cc.onAcked(1);
        assertThat(cc.window()).isEqualTo(36);
    }

    @Test
    void timeoutRestartsFromOnePacket() {
        NewRenoCongestionController cc = new NewRenoCongestionController(4, 255);
        cc.onAcked(20);
        cc.onRetransmitTimeout(24);
        assertThat(cc.window()).isEqualTo(1);
        assertThat(cc.slowStartThreshold()).isEqualTo(12);
        cc.onAcked(1);
        assertThat(cc.window()).isEqualTo(2);
    }

    @Test
    void neverExceedsTheMaximumAndNeverDropsBelowTwoAfterLoss() {
        NewRenoCongestionController cc = new NewRenoCongestionController(4, 32);
        cc.onAcked(1000);
        assertThat(cc.window()).isEqualTo(32);
        cc.onFastRetransmit(1);
        assertThat(cc.slowStartThreshold()).isEqualTo(NewRenoCongestionController.MIN_WINDOW);
    }

    @Test
    void rejectsNonsenseWindows() {
        assertThatThrownBy(() -> new NewRenoCongestionController(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NewRenoCongestionController(20, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
