package rxgate.rxrpc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code rxgate-cli fs}: parsing and usage errors (the calls themselves are tested in FsInteropIT). */
class FsCommandTest {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        return RxgateCli.execute(new RxgateCli(), args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void helpListsTheSubcommands() {
        assertThat(run("fs", "--help")).isZero();
        assertThat(out.toString()).contains("stat", "ls", "read", "write", "create", "mkdir", "rm");
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("fs");
    }

    @Test
    void usageErrors() {
        assertThat(run("fs")).isEqualTo(2);
        assertThat(run("fs", "stat")).isEqualTo(2);
        assertThat(err.toString()).contains("rxgate-cli: fs stat:");
        assertThat(run("fs", "create", "--servers", "127.0.0.1", "vol:/")).isEqualTo(2);
    }

    @Test
    void aFileSpecMustBeAFidOrAPath() {
        assertThat(run("fs", "stat", "--servers", "127.0.0.1", "--timeout", "1", "no-colon-here")).isEqualTo(2);
        assertThat(err.toString()).contains("not a FID (VOL.VNODE.UNIQ) or a path (VOLUME:/a/b)");
    }

    @Test
    void authenticationOptionsAreCheckedBeforeAnyCall() {
        assertThat(run("fs", "stat", "--servers", "127.0.0.1", "--keyfile", "/nonexistent/KeyFile", "1.1.1"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("KeyFile /nonexistent/KeyFile does not exist");
    }

    @Test
    void rightsAreSpelledLikeOpenAfs() {
        assertThat(FsCommand.rights(0x7f)).isEqualTo("rlidwka");
        assertThat(FsCommand.rights(0x09)).isEqualTo("rl");
        assertThat(FsCommand.rights(0)).isEqualTo("none");
    }
}
