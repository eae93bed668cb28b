package rxgate.rxrpc.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4Test {

    @Test
    void numberAndTextForms() {
        assertThat(Ipv4.toDottedQuad(0x0A4D0001)).isEqualTo("10.77.0.1");
        assertThat(Ipv4.toDottedQuad(0xFFFFFFFF)).isEqualTo("255.255.255.255");
        assertThat(Ipv4.toInt(Ipv4.parse("10.77.0.1"))).isEqualTo(0x0A4D0001);
        assertThat(Ipv4.toInet(0x7F000001).getHostAddress()).isEqualTo("127.0.0.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3", "1.2.3.4.5", "256.1.1.1", "1..2.3", "01234.1.1.1", "", "1.2.3.-4", "a.b.c.d"})
    void rejectsNonDottedQuads(String s) {
        assertThatThrownBy(() -> Ipv4.parse(s)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void numericLookingStrings() {
        assertThat(Ipv4.looksNumeric("1.2.3")).isTrue();
        assertThat(Ipv4.looksNumeric("1234")).isTrue();
        assertThat(Ipv4.looksNumeric("afs1")).isFalse();
        assertThat(Ipv4.looksNumeric("")).isFalse();
    }
}
