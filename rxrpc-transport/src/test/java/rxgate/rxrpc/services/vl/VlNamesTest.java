package rxgate.rxrpc.services.vl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VlNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"root.cell", "root.cell.readonly", "user.alice.backup", "536870912", "a-b_c.D9", "x"})
    void legal(String name) {
        assertThat(VlNames.isLegal(name)).isTrue();
        assertThat(VlNames.requireLegal(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "slash/name", "é", "semi;colon", "tab\tname"})
    void illegal(String name) {
        assertThat(VlNames.isLegal(name)).isFalse();
        assertThatThrownBy(() -> VlNames.requireLegal(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("volume name");
    }

    @Test
    void sixtyFourIsTheLimit() {
        assertThat(VlNames.isLegal("a".repeat(64))).isTrue();
        assertThatThrownBy(() -> VlNames.requireLegal("a".repeat(65))).hasMessageContaining("longer than 64");
        assertThat(VlNames.isLegal(null)).isFalse();
    }
}
