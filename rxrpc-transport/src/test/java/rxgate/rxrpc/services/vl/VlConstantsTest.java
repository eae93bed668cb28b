package rxgate.rxrpc.services.vl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VlConstantsTest {

    @Test
    void entryFlagNames() {
        assertThat(VlConstants.entryFlagNames(0x7000)).containsExactly("RW", "RO", "BK");
        assertThat(VlConstants.entryFlagNames(0x1020)).containsExactly("RW", "locked:release");
        assertThat(VlConstants.entryFlagNames(0x10000)).containsExactly("0x10000");
        assertThat(VlConstants.entryFlagNames(0)).isEmpty();
    }

    @Test
    void siteFlagNames() {
        assertThat(VlConstants.siteFlagNames(0x14)).containsExactly("RW", "UUID");
        assertThat(VlConstants.siteFlagNames(0x23)).containsExactly("NEWREPSITE", "RO", "DONTUSE");
    }

    @Test
    void volumeTypes() {
        assertThat(VlConstants.volumeTypeName(0)).isEqualTo("RW");
        assertThat(VlConstants.volumeTypeName(1)).isEqualTo("RO");
        assertThat(VlConstants.volumeTypeName(2)).isEqualTo("BK");
        assertThat(VlConstants.volumeTypeName(-1)).isEqualTo("any");
        assertThat(VlConstants.VLOP_ALLOPERS).isEqualTo(0x1F0);
    }
}
