package rxgate.rxrpc.services.ubik;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static rxgate.rxrpc.services.Golden.hex;

import org.junit.jupiter.api.Test;
import rxgate.rxrpc.RxCallException;
import rxgate.rxrpc.errors.AfsErrors;
import rxgate.rxrpc.services.Golden;
import rxgate.rxrpc.services.ScriptedCaller;

class UbikDebugClientTest {
    private final ScriptedCaller vote = new ScriptedCaller("vote");
    private final UbikDebugClient client = new UbikDebugClient(vote);

    /** ubik_debug of a single-server vlserver that is sync site (afs-rpcs.md §7, live values). */
    static Golden debugWords() {
        Golden g = Golden.bytes();
        g.words(1000, 990, 0x0A4D0001, 1, 995, 0x0A4D0001, 990, 0x0A4D0001, 995); // now .. syncTime
        g.words(1700000000, 3, 1700000000, 7);                                  // syncVersion, syncTid
        g.words(1, 1060, 1, 0, 0);                                              // amSyncSite .. writeLockedPages
        g.words(1700000000, 3, 0, 0, 0, 0, 0x1f, 0, 0, 900);                   // localVersion .. epochTime
        g.words(0x0A4D0001).zeros(255);                                         // interfaceAddr[256]
        return g;
    }

    @Test
    void xdebugDecodes1140Bytes() {
        byte[] reply = debugWords().words(0).build();
        assertThat(reply).hasSize(1140);
        vote.expect(hex("00002716"), reply);
        UbikDebugClient.DebugReply r = client.debug().join();
        UbikDebug d = r.debug();
        assertThat(d.amSyncSite()).isTrue();
        assertThat(d.nServers()).isEqualTo(1);
        assertThat(d.syncHost()).isEqualTo(0x0A4D0001);
        assertThat(d.syncVersion()).isEqualTo(new UbikDebug.UbikVersion(1700000000, 3));
        assertThat(d.localVersion().counter()).isEqualTo(3);
        assertThat(d.recoveryState()).isEqualTo(0x1f);
        assertThat(d.epochTime()).isEqualTo(900);
        assertThat(d.interfaceAddr()).containsExactly(0x0A4D0001);
        assertThat(r.isClone()).isFalse();
    }

    @Test
    void fallsBackToDebugOnRxgenOpcode() {
        vote.abortOpcode(UbikDebugClient.XDEBUG, AfsErrors.RXGEN_OPCODE);
        byte[] reply = debugWords().build();
        assertThat(reply).hasSize(UbikDebug.SIZE);
        vote.expect(hex("00002714"), reply);
        assertThat(client.debug().join().debug().amSyncSite()).isTrue();
    }

    @Test
    void otherErrorsPropagate() {
        vote.abortOpcode(UbikDebugClient.XDEBUG, AfsErrors.RX_CALL_DEAD);
        assertThatThrownBy(() -> client.debug().join()).cause().isInstanceOf(RxCallException.class);
    }

    @Test
    void xsdebugUntilAbortTwo() {
        byte[] sd = Golden.bytes().words(0x0A4D0002, 995, 996, 1, 1700000000, 3, 1, 0, 1).zeros(255).words(1).build();
        assertThat(sd).hasSize(UbikSDebug.SIZE + 4);
        vote.expect(hex("00002717 00000000"), sd);
        vote.abortOpcode(UbikDebugClient.XSDEBUG, UbikDebugClient.NO_SUCH_SERVER);
        UbikDebugClient.SDebugReply r = client.sdebug(0).join().orElseThrow();
        assertThat(r.sdebug().addr()).isEqualTo(0x0A4D0002);
        assertThat(r.sdebug().lastVote()).isTrue();
        assertThat(r.sdebug().up()).isTrue();
        assertThat(r.sdebug().beaconSinceDown()).isFalse();
        assertThat(r.isClone()).isTrue();
        assertThat(client.sdebug(1).join()).isEmpty();
    }
}
