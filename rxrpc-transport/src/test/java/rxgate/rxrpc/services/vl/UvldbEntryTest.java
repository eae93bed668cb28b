package rxgate.rxrpc.services.vl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import rxgate.rxrpc.services.AfsUuid;
import rxgate.rxrpc.services.Golden;
import rxgate.rxrpc.xdr.XdrReader;
import rxgate.rxrpc.xdr.XdrWriter;

class UvldbEntryTest {
    static final int[] UUID_WORDS = {0x00090826, 0x27c1, 0x1b0a, 0xffffffac, 0x72, 1, 0, 0, 0x7f, 0xffffffaa, 0x77};

    /** Live shape (afs-rpcs.md §2.3): one site by UUID, flags 0x14 (RW|UUID), unique 1. */
    static byte[] golden() {
        Golden g = Golden.bytes().charArray("root.cell", 65).words(1).words(UUID_WORDS).zeros(12 * 11);
        g.words(1).zeros(12);      // serverUnique
        g.words(0).zeros(12);      // serverPartition
        g.words(0x14).zeros(12);   // serverFlags
        g.words(536870912, 536870913, 536870914, 0, 0x1000, 0).zeros(8);
        return g.build();
    }

    @Test
    void decodesSitesByUuid() {
        byte[] b = golden();
        assertThat(b).hasSize(UvldbEntry.SIZE);
        UvldbEntry e = UvldbEntry.decode(new XdrReader(b));
        assertThat(e.name()).isEqualTo("root.cell");
        assertThat(e.nServers()).isEqualTo(1);
        UvldbSite s = e.sites().get(0);
        assertThat(s.hasUuid()).isTrue();
        assertThat(s.server()).hasToString("00090826-27c1-1b0a-ac-72-0100007faa77");
        assertThat(s.unique()).isEqualTo(1);
        assertThat(s.partitionName()).isEqualTo("/vicepa");
        assertThat(s.flagNames()).containsExactly("RW", "UUID");
        assertThat(s.ipv4Address()).isEmpty();
        assertThat(e.rwId()).isEqualTo(536870912L);
    }

    @Test
    void encodeRoundTrips() {
        UvldbEntry e = UvldbEntry.decode(new XdrReader(golden()));
        XdrWriter w = new XdrWriter();
        e.encodeTo(w);
        assertThat(w.toByteArray()).isEqualTo(golden());
    }

    @Test
    void siteWithoutUuidFlagCarriesTheAddressInTimeLow() {
        UvldbSite s = new UvldbSite(new AfsUuid(0x0A4D0001, 0, 0, 0, 0, 0), 0, 0, VlConstants.VLSF_RWVOL);
        assertThat(s.ipv4Address()).contains(0x0A4D0001);
    }
}
