package rxgate.rxrpc.services.pt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static rxgate.rxrpc.services.Golden.hex;

import java.util.List;
import org.junit.jupiter.api.Test;
import rxgate.rxrpc.RxCallException;
import rxgate.rxrpc.errors.AfsErrors;
import rxgate.rxrpc.services.Golden;
import rxgate.rxrpc.services.ScriptedCaller;

class PtClientTest {
    private final ScriptedCaller server = new ScriptedCaller("ptserver");
    private final PtClient pt = new PtClient(server);

    @Test
    void nameToIdSendsNamelistOf64WordNames() {
        byte[] req = Golden.bytes().words(504, 2).charArray("alice", 64).charArray("bob", 64).build();
        assertThat(req).hasSize(8 + 2 * 256);
        server.expect(req, hex("00000002 00000001 00007ffe"));
        assertThat(pt.nameToId(List.of("alice", "bob")).join()).containsExactly(1, PtConstants.ANONYMOUSID);
    }

    @Test
    void idToNameRepliesNamelist() {
        byte[] reply = Golden.bytes().words(2).charArray("alice", 64).charArray("777", 64).build();
        assertThat(reply).hasSize(516); // afs-rpcs.md §3.1: IDToName of 2 ids → 516 bytes
        server.expect(hex("000001f9 00000002 00000001 00000309"), reply);
        assertThat(pt.idToName(List.of(1, 777)).join()).containsExactly("alice", "777");
    }

    @Test
    void listEntry() {
        server.expect(hex("00000200 00000001"), PtEntryTest.alice());
        assertThat(pt.listEntry(1).join().name()).isEqualTo("alice");
    }

    @Test
    void listEntryOfUnknownIdIsPrnoent() {
        server.abortOpcode(PtOpcodes.LIST_ENTRY, AfsErrors.PRNOENT);
        assertThatThrownBy(() -> pt.listEntry(999).join()).cause().isInstanceOf(RxCallException.class)
                .satisfies(e -> assertThat(((RxCallException) e).codeName()).isEqualTo("PRNOENT"));
    }

    @Test
    void newEntry() {
        server.expect(hex("000001fd 00000005 616c6963 65000000 00000000 00000000"), hex("00000001"));
        assertThat(pt.newEntry("alice", PtConstants.PRUSER, 0).join()).isEqualTo(1);
        server.expect(hex("000001fd 0000000c 616c6963 653a6672 69656e64 00000002 00000001"), hex("ffffff32"));
        assertThat(pt.newEntry("alice:friend", PtConstants.PRGRP, 1).join()).isEqualTo(-206);
    }

    @Test
    void newEntryWithId() {
        server.expect(hex("000001f4 00000001 78000000 00000064 00000000"), new byte[0]);
        pt.newEntryWithId("x", 100, 0).join();
    }

    @Test
    void namesAreCheckedBeforeSending() {
        assertThatThrownBy(() -> pt.newEntry("a".repeat(64), 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("63");
        assertThatThrownBy(() -> pt.nameToId(List.of("ok", ""))).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.callCount()).isZero();
        server.expect(Golden.bytes().words(504, 1).charArray("a".repeat(63), 64).build(), hex("00000001 00000005"));
        assertThat(pt.nameToId(List.of("a".repeat(63))).join()).containsExactly(5);
    }

    @Test
    void groupMembershipCalls() {
        server.expect(hex("000001f7 00000001 ffffff32"), new byte[0]);
        pt.addToGroup(1, -206).join();
        server.expect(hex("000001fb 00000001 ffffff32"), new byte[0]);
        pt.removeFromGroup(1, -206).join();
        server.expect(hex("00000203 00000001 ffffff34"), hex("00000001"));
        assertThat(pt.isAMemberOf(1, PtConstants.SYSADMINID).join()).isTrue();
        server.expect(hex("00000203 00000002 ffffff34"), hex("00000000"));
        assertThat(pt.isAMemberOf(2, PtConstants.SYSADMINID).join()).isFalse();
        server.expect(hex("000001fa 00000001"), new byte[0]);
        pt.delete(1).join();
        assertThat(server.allStepsUsed()).isTrue();
    }

    @Test
    void prlistReplies() {
        server.expect(hex("00000202 ffffff32"), hex("00000002 00000001 00000002 00000000"));
        PtIdList members = pt.listElements(-206).join();
        assertThat(members.ids()).containsExactly(1, 2);
        assertThat(members.over()).isZero();
        server.expect(hex("000001fc 00000001"), hex("00000003 ffffff9b ffffff9a 00000001 00000000"));
        assertThat(pt.getCps(1).join().ids()).containsExactly(-101, -102, 1);
        server.expect(hex("00000212 ffffff32"), hex("00000000 00000000"));
        assertThat(pt.listSuperGroups(-206).join().ids()).isEmpty();
    }

    @Test
    void listMax() {
        server.expect(hex("000001fe"), hex("00000001 ffffff32"));
        assertThat(pt.listMax().join()).isEqualTo(new PtMax(1, -206));
    }

    @Test
    void listOwnedFollowsTheCursor() {
        server.expect(hex("00000205 00000001 00000000"), hex("00000001 ffffff32 00000005"));
        server.expect(hex("00000205 00000001 00000005"), hex("00000001 ffffff31 00000000"));
        assertThat(pt.listOwned(1).join()).containsExactly(-206, -207);
        assertThat(server.allStepsUsed()).isTrue();
    }
}
