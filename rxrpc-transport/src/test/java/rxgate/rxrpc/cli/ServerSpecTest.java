package rxgate.rxrpc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerSpecTest {

    @Test
    void ipv4WithAndWithoutPort() throws Exception {
        assertThat(ServerSpec.parse("10.77.0.1")).isEqualTo(new ServerSpec("10.77.0.1", OptionalInt.empty()));
        assertThat(ServerSpec.parse("10.77.0.1:7100").port()).hasValue(7100);
        InetSocketAddress a = ServerSpec.parse("10.77.0.1").resolve(7003);
        assertThat(a.getPort()).isEqualTo(7003);
        assertThat(a.getAddress().getHostAddress()).isEqualTo("10.77.0.1");
        assertThat(a.getHostString()).isEqualTo("10.77.0.1"); // built from the literal, no reverse lookup
        assertThat(ServerSpec.parse(" 10.77.0.1:7100 ").resolve(7003).getPort()).isEqualTo(7100);
    }

    @Test
    void ipv6Literals() throws Exception {
        assertThat(ServerSpec.parse("[::1]:7003").host()).isEqualTo("::1");
        assertThat(ServerSpec.parse("[::1]:7003").port()).hasValue(7003);
        assertThat(ServerSpec.parse("fe80::1").port()).isEmpty();
        assertThat(ServerSpec.parse("[::1]").resolve(7002).getAddress().isLoopbackAddress()).isTrue();
        assertThat(ServerSpec.parse("[::1]:7003")).hasToString("[::1]:7003");
        assertThat(ServerSpec.parse("::1").isLiteral()).isTrue();
    }

    @Test
    void hostNamesAreKeptForLaterResolution() {
        ServerSpec s = ServerSpec.parse("afsdb1.example.org:7003");
        assertThat(s.host()).isEqualTo("afsdb1.example.org");
        assertThat(s.isLiteral()).isFalse();
    }

    @Test
    void localhostResolvesThroughTheResolver() throws Exception {
        assertThat(ServerSpec.parse("localhost").resolve(7003).getAddress().isLoopbackAddress()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":7003", "1.2.3", "1.2.3.4.5", "300.1.1.1", "10.77.0.1:0", "10.77.0.1:65536",
        "10.77.0.1:x", "[::1", "[::1]x", "[zz::1]", "host_name", "-host", "a b", "10.77.0.1:"})
    void rejects(String s) {
        assertThatThrownBy(() -> ServerSpec.parse(s)).isInstanceOf(IllegalArgumentException.class);
    }
}
