package rxgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A wrong configuration stops the start with a message that names the property. */
class ConfigValidationTest {
    @TempDir
    Path dir;

    private static void start(String... properties) {
        String[] all = new String[properties.length + 3];
        System.arraycopy(properties, 0, all, 0, properties.length);
        all[properties.length] = "server.port=0";
        all[properties.length + 1] = "spring.grpc.server.port=0";
        all[properties.length + 2] = "management.server.port=";
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(GatewayApplication.class)
                .properties(all).run()) {
            throw new AssertionError("started");
        }
    }

    private static Throwable rootOf(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    @Test
    void anUnknownSecurityLevel() {
        assertThatThrownBy(() -> start("rxgate.cells[0].name=x.org", "rxgate.cells[0].db-servers[0]=10.1.2.3",
                "rxgate.cells[0].security=bogus"))
                .satisfies(e -> assertThat(e.toString() + rootOf(e))
                        .contains("security").contains("must be one of none, clear, auth, crypt"));
    }

    @Test
    void aHostNameAsDatabaseServer() {
        assertThatThrownBy(() -> start("rxgate.cells[0].name=x.org", "rxgate.cells[0].db-servers[0]=afsdb.x.org"))
                .satisfies(e -> assertThat(rootOf(e).getMessage())
                        .contains("rxgate.cells[0].db-servers").contains("is not an IP address"));
    }

    @Test
    void rxkadWithoutCredentials() {
        assertThatThrownBy(() -> start("rxgate.cells[0].name=x.org", "rxgate.cells[0].db-servers[0]=10.1.2.3",
                "rxgate.cells[0].security=crypt"))
                .satisfies(e -> assertThat(e.toString() + rootOf(e))
                        .contains("need key-file or token-file"));
    }

    @Test
    void aMissingOrUnusableKeyFile() throws Exception {
        assertThatThrownBy(() -> start("rxgate.cells[0].name=x.org", "rxgate.cells[0].db-servers[0]=10.1.2.3",
                "rxgate.cells[0].security=auth", "rxgate.cells[0].key-file=" + dir.resolve("nope")))
                .satisfies(e -> assertThat(rootOf(e).getMessage())
                        .contains("rxgate.cells[0].key-file").contains("does not exist"));
        Path bad = Files.write(dir.resolve("KeyFile"), new byte[] {0, 0, 0, 9, 1});
        assertThatThrownBy(() -> start("rxgate.cells[0].name=x.org", "rxgate.cells[0].db-servers[0]=10.1.2.3",
                "rxgate.cells[0].security=auth", "rxgate.cells[0].key-file=" + bad))
                .satisfies(e -> assertThat(rootOf(e).getMessage())
                        .contains("rxgate.cells[0].key-file").contains("is not a usable KeyFile"));
    }

    @Test
    void adminWithoutATokenFile() {
        assertThatThrownBy(() -> start("rxgate.admin.enabled=true"))
                .satisfies(e -> assertThat(e.toString() + rootOf(e))
                        .contains("rxgate.admin.enabled needs rxgate.admin.token-file"));
    }
}
