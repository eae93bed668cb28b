package rxgate.rxrpc.services.vl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static rxgate.rxrpc.services.Golden.word;

import java.util.List;
import org.junit.jupiter.api.Test;
import rxgate.rxrpc.services.Golden;
import rxgate.rxrpc.xdr.XdrException;
import rxgate.rxrpc.xdr.XdrReader;
import rxgate.rxrpc.xdr.XdrWriter;

class NvldbEntryTest {

    @Test
    void goldenLayoutHasTheDocumentedOffsets() {
        byte[] b = VlGolden.rkvolNvldbEntry();
        assertThat(b).hasSize(NvldbEntry.SIZE);
        assertThat(word(b, 260 / 4)).isEqualTo(1);                 // nServers
        assertThat(word(b, 264 / 4)).isEqualTo(0x0A4D0001);        // serverNumber[0]
        assertThat(word(b, 368 / 4)).isEqualTo(0x04);              // serverFlags[0]
        assertThat(word(b, 420 / 4)).isEqualTo(536870915);         // volumeId[RW]
        assertThat(word(b, 436 / 4)).isEqualTo(0x1000);            // flags
    }

    @Test
    void decodesTheLiveEntry() {
        NvldbEntry e = NvldbEntry.decode(new XdrReader(VlGolden.rkvolNvldbEntry()));
        assertThat(e.name()).isEqualTo("rkvol");
        assertThat(e.nServers()).isEqualTo(1);
        assertThat(e.sites()).containsExactly(new VlSite(0x0A4D0001, 0, 0x04));
        assertThat(e.sites().get(0).addressString()).isEqualTo("10.77.0.1");
        assertThat(e.sites().get(0).partitionName()).isEqualTo("/vicepa");
        assertThat(e.sites().get(0).isRw()).isTrue();
        assertThat(e.rwId()).isEqualTo(536870915L);
        assertThat(e.roId()).isEqualTo(536870916L);
        assertThat(e.backupId()).isEqualTo(536870917L);
        assertThat(e.volumeId(VlConstants.BACKVOL)).isEqualTo(536870917L);
        assertThat(e.hasRw()).isTrue();
        assertThat(e.hasRo()).isFalse();
        assertThat(e.isLocked()).isFalse();
        assertThat(e.flagNames()).containsExactly("RW");
    }

    @Test
    void encodesToTheGoldenBytes() {
        NvldbEntry e = new NvldbEntry("rkvol", List.of(new VlSite(0x0A4D0001, 0, 0x04)),
                536870915L, 536870916L, 536870917L, 0, 0x1000, 0);
        XdrWriter w = new XdrWriter();
        e.encodeTo(w);
        assertThat(w.toByteArray()).isEqualTo(VlGolden.rkvolNvldbEntry());
    }

    @Test
    void volumeIdsAreUnsigned() {
        byte[] b = VlGolden.nvldbEntry("big", new int[0], new int[0], new int[0], 0xF0000000, 0, 0, 0xFFFFFFFF,
                VlConstants.VLF_RWEXISTS, -1);
        NvldbEntry e = NvldbEntry.decode(new XdrReader(b));
        assertThat(e.rwId()).isEqualTo(0xF0000000L);
        assertThat(e.cloneId()).isEqualTo(0xFFFFFFFFL);
        assertThat(e.matchIndex()).isEqualTo(-1);
        assertThat(e.sites()).isEmpty();
    }

    @Test
    void thirteenSitesAreTheMaximum() {
        int[] servers = new int[13];
        int[] parts = new int[13];
        int[] flags = new int[13];
        for (int i = 0; i < 13; i++) {
            servers[i] = 0x0A000000 + i;
            parts[i] = i;
            flags[i] = VlConstants.VLSF_ROVOL;
        }
        NvldbEntry e = NvldbEntry.decode(new XdrReader(VlGolden.nvldbEntry("ro", servers, parts, flags, 1, 2, 3, 0,
                VlConstants.VLF_ROEXISTS, 0)));
        assertThat(e.sites()).hasSize(13);
        assertThat(e.sites().get(12).partitionName()).isEqualTo("/vicepm");
    }

    @Test
    void nServersOutOfRangeIsAnXdrError() {
        byte[] b = VlGolden.rkvolNvldbEntry();
        b[263] = 14;
        assertThatThrownBy(() -> NvldbEntry.decode(new XdrReader(b))).isInstanceOf(XdrException.class);
        byte[] shortReply = Golden.bytes().charArray("x", 65).words(0).build();
        assertThatThrownBy(() -> NvldbEntry.decode(new XdrReader(shortReply))).isInstanceOf(XdrException.class);
    }

    @Test
    void recordValidation() {
        assertThatThrownBy(() -> new NvldbEntry("x", List.of(), -1, 0, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        List<VlSite> fourteen = java.util.Collections.nCopies(14, new VlSite(1, 0, 4));
        assertThatThrownBy(() -> new NvldbEntry("x", fourteen, 0, 0, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
