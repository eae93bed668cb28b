package rxgate.rxrpc.services.vl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static rxgate.rxrpc.services.Golden.hex;

import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import rxgate.rxrpc.RxCallException;
import rxgate.rxrpc.errors.AfsErrors;
import rxgate.rxrpc.services.AfsUuid;
import rxgate.rxrpc.services.Golden;
import rxgate.rxrpc.services.ScriptedCaller;
import rxgate.rxrpc.xdr.XdrReader;

class VlClientTest {
    private final ScriptedCaller server = new ScriptedCaller("vlserver");
    private final VlClient vl = new VlClient(server);

    @Test
    void probeSendsOnlyTheOpcode() {
        server.expect(hex("00000202"), new byte[0]);
        vl.probe().join();
        assertThat(server.allStepsUsed()).isTrue();
    }

    @Test
    void getEntryByName() {
        server.expect(hex("00000207 00000005 726b766f 6c000000"), VlGolden.rkvolNvldbEntry());
        NvldbEntry e = vl.getEntryByName("rkvol").join();
        assertThat(e.name()).isEqualTo("rkvol");
        assertThat(e.rwId()).isEqualTo(536870915L);
    }

    @Test
    void getEntryByNameU() {
        server.expect(hex("0000020f 00000009 726f6f74 2e63656c 6c000000"), UvldbEntryTest.golden());
        UvldbEntry e = vl.getEntryByNameU("root.cell").join();
        assertThat(e.sites().get(0).hasUuid()).isTrue();
    }

    @Test
    void getEntryByIdSendsUnsignedIdAndType() {
        server.expect(hex("00000206 20000003 ffffffff"), VlGolden.rkvolNvldbEntry());
        assertThat(vl.getEntryById(536870915L, VlConstants.ANYVOL).join().name()).isEqualTo("rkvol");
        server.expect(hex("00000206 f0000000 00000001"), VlGolden.rkvolNvldbEntry());
        vl.getEntryById(0xF0000000L, VlConstants.ROVOL).join();
        assertThatThrownBy(() -> vl.getEntryById(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> vl.getEntryById(1L << 32, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listAttributesWithMaskZero() {
        byte[] reply = Golden.bytes().words(1, 1).raw(VlGolden.rkvolNvldbEntry()).build();
        assertThat(reply).hasSize(484); // afs-rpcs.md §2.4: one match = 4+4+476
        server.expect(hex("0000020a 00000000 00000000 00000000 00000000 00000000 00000000"), reply);
        List<NvldbEntry> all = vl.listAttributes(VlListByAttributes.all()).join();
        assertThat(all).extracting(NvldbEntry::name).containsExactly("rkvol");
    }

    @Test
    void listAttributesByServerAndPartition() {
        server.expect(hex("0000020a 00000003 0a4d0001 00000001 00000000 00000000 00000000"),
                Golden.bytes().words(0, 0).build());
        assertThat(vl.listAttributes(VlListByAttributes.onServerPartition(0x0A4D0001, 1)).join()).isEmpty();
    }

    @Test
    void listAttributesWithACorruptCountFailsAsUnmarshal() {
        server.expect(hex("0000020a 00000000 00000000 00000000 00000000 00000000 00000000"),
                Golden.bytes().words(5, 5).build());
        assertThatThrownBy(() -> vl.listAttributes(VlListByAttributes.all()).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(RxCallException.class)
                .satisfies(e -> assertThat(((RxCallException) e).code()).isEqualTo(AfsErrors.RXGEN_CC_UNMARSHAL));
    }

    @Test
    void getAddrs() {
        server.expect(hex("00000203 00000000 00000000"),
                Golden.bytes().zeros(4).words(1).words(1, 0xff000001).build());
        VlAddrs a = vl.getAddrs().join();
        assertThat(a.nentries()).isEqualTo(1);
        assertThat(a.addresses()).containsExactly(0xff000001);
        assertThat(VlAddrs.isMultihomedHandle(a.addresses().get(0))).isTrue();
        assertThat(VlAddrs.isMultihomedHandle(0x0A4D0001)).isFalse();
    }

    @Test
    void getAddrsUByUuid() {
        AfsUuid uuid = AfsUuid.decode(new XdrReader(Golden.bytes().words(UvldbEntryTest.UUID_WORDS).build()));
        byte[] req = Golden.bytes().words(533, VlConstants.VLADDR_UUID, 0, 0, 0).words(UvldbEntryTest.UUID_WORDS).build();
        assertThat(req).hasSize(4 + ListAddrByAttributes.SIZE);
        byte[] reply = Golden.bytes().words(UvldbEntryTest.UUID_WORDS).words(1, 1, 1, 0x0A4D0001).build();
        assertThat(reply).hasSize(60); // afs-rpcs.md §2.4
        server.expect(req, reply);
        VlAddrsU r = vl.getAddrsU(ListAddrByAttributes.byUuid(uuid)).join();
        assertThat(r.uuid()).isEqualTo(uuid);
        assertThat(r.uniquifier()).isEqualTo(1);
        assertThat(r.addresses()).containsExactly(0x0A4D0001);
    }

    @Test
    void createEntrySendsTheWholeEntry() {
        byte[] req = Golden.bytes().words(517).raw(VlGolden.rkvolNvldbEntry()).build();
        server.expect(req, new byte[0]);
        NvldbEntry e = NvldbEntry.decode(new XdrReader(VlGolden.rkvolNvldbEntry()));
        vl.createEntry(e).join();
        assertThat(server.allStepsUsed()).isTrue();
    }

    @Test
    void deleteEntry() {
        server.expect(hex("000001f6 20000003 00000000"), new byte[0]);
        vl.deleteEntry(536870915L, VlConstants.RWVOL).join();
    }

    @Test
    void abortCodesArriveAsRxCallException() {
        server.abortOpcode(VlOpcodes.GET_ENTRY_BY_NAME_N, AfsErrors.VL_NOENT);
        assertThatThrownBy(() -> vl.getEntryByName("nosuch").join())
                .cause().isInstanceOf(RxCallException.class)
                .satisfies(e -> {
                    assertThat(((RxCallException) e).code()).isEqualTo(363524);
                    assertThat(((RxCallException) e).codeName()).isEqualTo("VL_NOENT");
                });
    }

    @Test
    void illegalNamesAreRejectedBeforeSending() {
        assertThatThrownBy(() -> vl.getEntryByName("bad/name")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("illegal character '/'");
        assertThatThrownBy(() -> vl.getEntryByName("a".repeat(65))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> vl.createEntry(new NvldbEntry("bad name", List.of(), 0, 0, 0, 0, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(server.callCount()).isZero();
    }
}
