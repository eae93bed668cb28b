package rxgate.rxrpc.services.vl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VlPartitionsTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"0, /vicepa", "1, /vicepb", "25, /vicepz", "26, /vicepaa", "27, /vicepab", "51, /vicepaz",
        "52, /vicepba", "254, /vicepiu"})
    void namesAndBack(int id, String name) {
        assertThat(VlPartitions.name(id)).isEqualTo(name);
        assertThat(VlPartitions.parse(name)).isEqualTo(id);
        assertThat(VlPartitions.parse(name.substring(1))).isEqualTo(id);   // "vicepX"
        assertThat(VlPartitions.parse(name.substring(6))).isEqualTo(id);   // "X"
        assertThat(VlPartitions.parse(Integer.toString(id))).isEqualTo(id);
    }

    @Test
    void outOfRange() {
        assertThatThrownBy(() -> VlPartitions.name(255)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VlPartitions.name(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(VlPartitions.displayName(300)).isEqualTo("partition 300");
    }

    @ParameterizedTest
    @ValueSource(strings = {"255", "/vicepiv", "/vicepzz", "/vicep", "A", "/vicepa1", "1000", ""})
    void rejectsBadNames(String s) {
        assertThatThrownBy(() -> VlPartitions.parse(s)).isInstanceOf(IllegalArgumentException.class);
    }
}
