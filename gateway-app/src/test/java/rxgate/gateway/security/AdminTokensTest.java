package rxgate.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rxgate.gateway.cells.Cell;
import rxgate.gateway.config.RxgateProperties;
import rxgate.gateway.config.RxgateProperties.ReadAccess;
import rxgate.gateway.security.AdminTokens.Verdict;

class AdminTokensTest {
    @TempDir
    Path dir;

    private RxgateProperties props(boolean enabled, Path tokens) {
        RxgateProperties p = new RxgateProperties();
        p.getAdmin().setEnabled(enabled);
        p.getAdmin().setTokenFile(tokens);
        return p;
    }

    private static Cell cell(ReadAccess access) {
        return new Cell("c", List.of(), List.of(), "none", null, access, false, null, null, null);
    }

    @Test
    void disabledRefusesEvenAValidToken() throws Exception {
        Path f = Files.writeString(dir.resolve("t"), "abc\n");
        assertThat(new AdminTokens(props(false, f)).check("Bearer abc")).isEqualTo(Verdict.DISABLED);
    }

    @Test
    void bearerTokensFromTheFileAreCheckedAndCommentsIgnored() throws Exception {
        Path f = Files.writeString(dir.resolve("t"), "# ops\n\n  first  \nsecond\n");
        AdminTokens t = new AdminTokens(props(true, f));
        assertThat(t.check("Bearer first")).isEqualTo(Verdict.OK);
        assertThat(t.check("bearer second")).isEqualTo(Verdict.OK);
        assertThat(t.check("Bearer # ops")).isEqualTo(Verdict.WRONG);
        assertThat(t.check("Bearer firs")).isEqualTo(Verdict.WRONG);
        assertThat(t.check("Basic Zmlyc3Q=")).isEqualTo(Verdict.WRONG);
        assertThat(t.check(null)).isEqualTo(Verdict.MISSING);
        assertThat(t.check("  ")).isEqualTo(Verdict.MISSING);
    }

    @Test
    void aRotatedTokenFileIsReadAgain() throws Exception {
        Path f = Files.writeString(dir.resolve("t"), "old\n");
        AdminTokens t = new AdminTokens(props(true, f));
        assertThat(t.check("Bearer old")).isEqualTo(Verdict.OK);
        Files.writeString(f, "new\n");
        Files.setLastModifiedTime(f, FileTime.from(Instant.now().plusSeconds(5)));
        long deadline = System.nanoTime() + 5_000_000_000L; // checked at most once a second
        while (t.check("Bearer new") != Verdict.OK && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(t.check("Bearer new")).isEqualTo(Verdict.OK);
        assertThat(t.check("Bearer old")).isEqualTo(Verdict.WRONG);
    }

    @Test
    void readsOfATokenCellNeedAToken() throws Exception {
        Path f = Files.writeString(dir.resolve("t"), "abc\n");
        AdminTokens t = new AdminTokens(props(false, f)); // reads work even with admin calls off
        assertThat(t.checkRead(cell(ReadAccess.OPEN), null)).isEqualTo(Verdict.OK);
        assertThat(t.checkRead(cell(ReadAccess.TOKEN), null)).isEqualTo(Verdict.MISSING);
        assertThat(t.checkRead(cell(ReadAccess.TOKEN), "Bearer nope")).isEqualTo(Verdict.WRONG);
        assertThat(t.checkRead(cell(ReadAccess.TOKEN), "Bearer abc")).isEqualTo(Verdict.OK);
    }

    @Test
    void startUpProblemsNameThePropertyAndNeverTheTokens() throws Exception {
        assertThatThrownBy(() -> new AdminTokens(props(true, dir.resolve("missing"))))
                .hasMessageContaining("rxgate.admin.token-file");
        Path empty = Files.writeString(dir.resolve("e"), "# nothing\n");
        assertThatThrownBy(() -> new AdminTokens(props(true, empty))).hasMessageContaining("holds no token");
        RxgateProperties p = props(false, null);
        RxgateProperties.Cell c = new RxgateProperties.Cell();
        c.setReadAccess(ReadAccess.TOKEN);
        p.setCells(List.of(c));
        assertThatThrownBy(() -> new AdminTokens(p)).hasMessageContaining("read-access: token");
    }
}
