package rxgate.rxrpc.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rxgate.rxrpc.RxCallException;
import rxgate.rxrpc.RxEndpoint;
import rxgate.rxrpc.services.pt.InMemoryPtServer;
import rxgate.rxrpc.services.pt.PtClient;
import rxgate.rxrpc.services.pt.PtConstants;
import rxgate.rxrpc.services.pt.PtEntry;
import rxgate.rxrpc.services.vl.InMemoryVlServer;
import rxgate.rxrpc.services.vl.NvldbEntry;
import rxgate.rxrpc.services.vl.VlClient;
import rxgate.rxrpc.services.vl.VlListByAttributes;
import rxgate.rxrpc.services.vl.VlSite;

/** The in-memory VL and PT servers, served by an rxgate endpoint and called with the real clients. */
class InMemoryServersTest {
    RxEndpoint server;
    RxEndpoint client;
    VlClient vl;
    PtClient pt;

    @BeforeEach
    void setUp() {
        InMemoryVlServer vldb = new InMemoryVlServer();
        vldb.put(new NvldbEntry("root.cell", List.of(new VlSite(0x7f000001, 0, 0x04)), 536870912L, 0, 0, 0, 0x1000, 0));
        server = RxEndpoint.builder().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .service(vldb.service()).service(new InMemoryPtServer().service()).build();
        client = RxEndpoint.builder().build();
        InetAddress lo = InetAddress.getLoopbackAddress();
        int port = server.localAddress().getPort();
        vl = new VlClient(RpcCaller.of(client.client(new InetSocketAddress(lo, port), 52)));
        pt = new PtClient(RpcCaller.of(client.client(new InetSocketAddress(lo, port), 73)));
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.close();
    }

    @Test
    void volumesCanBeLookedUpCreatedListedAndDeleted() {
        assertThat(vl.getEntryByName("root.cell").join().rwId()).isEqualTo(536870912L);
        assertThat(vl.getEntryByName("536870912").join().name()).isEqualTo("root.cell");
        vl.createEntry(new NvldbEntry("demo.vol", List.of(new VlSite(0x7f000001, 1, 0x04)), 536870915L, 0, 0, 0,
                0x1000, 0)).join();
        assertThat(vl.listAttributes(VlListByAttributes.all()).join()).extracting(NvldbEntry::name)
                .containsExactly("root.cell", "demo.vol");
        vl.deleteEntry(536870915L, 0).join();
        assertThatThrownBy(() -> vl.getEntryByName("demo.vol").join()).cause()
                .isInstanceOfSatisfying(RxCallException.class, e -> assertThat(e.codeName()).isEqualTo("VL_NOENT"));
        vl.probe().orTimeout(5, TimeUnit.SECONDS).join();
    }

    @Test
    void usersAndGroupsBehaveLikeThePtserver() {
        int alice = pt.newEntry("Alice", 0, 0).join();
        int staff = pt.newEntry("alice:staff", PtConstants.PRGRP, alice).join();
        assertThat(alice).isEqualTo(1);
        assertThat(staff).isEqualTo(-207);
        pt.addToGroup(alice, staff).join();
        assertThat(pt.nameToId(List.of("alice", "nobody")).join()).containsExactly(alice, 32766);
        assertThat(pt.idToName(List.of(staff, 777)).join()).containsExactly("alice:staff", "777");
        PtEntry g = pt.listEntry(staff).join();
        assertThat(g.count()).isEqualTo(1);
        assertThat(g.owner()).isEqualTo(alice);
        assertThat(pt.listElements(staff).join().ids()).containsExactly(alice);
        assertThat(pt.isAMemberOf(alice, staff).join()).isTrue();
        assertThatThrownBy(() -> pt.newEntry("alice", 0, 0).join()).cause()
                .isInstanceOfSatisfying(RxCallException.class, e -> assertThat(e.codeName()).isEqualTo("PREXIST"));
        pt.removeFromGroup(alice, staff).join();
        pt.delete(staff).join();
        assertThatThrownBy(() -> pt.listEntry(staff).join()).cause()
                .isInstanceOfSatisfying(RxCallException.class, e -> assertThat(e.codeName()).isEqualTo("PRNOENT"));
    }
}
