package rxgate.rxrpc.services.pt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import rxgate.rxrpc.services.Golden;
import rxgate.rxrpc.xdr.XdrReader;
import rxgate.rxrpc.xdr.XdrWriter;

public class PtEntryTest {

    /** prcheckentry for user alice (afs-rpcs.md §3.1: flags·id·owner·creator·ngroups·nusers·count·reserved[5]·name[64]). */
    public static byte[] alice() {
        return Golden.bytes().words(0x80, 1, -204, 1, 20, 0, 0).zeros(5).charArray("alice", 64).build();
    }

    @Test
    void decodesPrcheckentry() {
        byte[] b = alice();
        assertThat(b).hasSize(PtEntry.SIZE);
        PtEntry e = PtEntry.decode(new XdrReader(b));
        assertThat(e).isEqualTo(new PtEntry(0x80, 1, -204, 1, 20, 0, 0, "alice"));
        assertThat(e.isGroup()).isFalse();
        assertThat(e.privacyString()).isEqualTo("S----");
    }

    @Test
    void encodeRoundTrips() {
        XdrWriter w = new XdrWriter();
        PtEntry.decode(new XdrReader(alice())).encodeTo(w);
        assertThat(w.toByteArray()).isEqualTo(alice());
    }

    @Test
    void privacyStringsLikePtsExamine() {
        assertThat(PtConstants.privacyString(0x80)).isEqualTo("S----"); // user default
        assertThat(PtConstants.privacyString(0x90)).isEqualTo("S-M--"); // group default
        assertThat(PtConstants.privacyString(0xB5)).isEqualTo("SOMAr");
        assertThat(PtConstants.privacyString(0x40)).isEqualTo("s----");
        assertThat(PtConstants.privacyString(0x08)).isEqualTo("--m--");
        assertThat(PtConstants.privacyString(0x02)).isEqualTo("---a-");
        assertThat(PtConstants.privacyString(0xC0)).isEqualTo("X----");
        assertThat(PtConstants.privacyString(0)).isEqualTo("-----");
    }
}
