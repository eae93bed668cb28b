package rxgate.rxrpc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import rxgate.rxrpc.RxEndpoint;
import rxgate.rxrpc.security.NullSecurity;
import rxgate.rxrpc.security.rxkad.KeyFile;
import rxgate.rxrpc.security.rxkad.RxkadLevel;
import rxgate.rxrpc.security.rxkad.RxkadServerSecurity;
import rxgate.rxrpc.security.rxkad.ServerKey;
import rxgate.rxrpc.security.rxkad.Token;
import rxgate.rxrpc.services.pt.InMemoryPtServer;
import rxgate.rxrpc.services.pt.SecuredPtServer;

/**
 * The CLI's credentials end to end against an rxgate server with rxkad on loopback: the pts-style
 * admin commands with a KeyFile or a token at every level, refusals named by their error, and the
 * rule that every command talking to a server takes --keyfile/--kvno/--level/--token.
 */
class SecureCliTest {
    static final KeyFile KEYFILE = KeyFile.of(List.of(ServerKey.ofHex(4, "a1b2c3d4e5f60718")));

    @TempDir
    Path dir;
    Path keyFile;
    RxEndpoint server;
    String servers;

    @BeforeEach
    void setUp() throws IOException {
        keyFile = dir.resolve("KeyFile");
        Files.write(keyFile, KEYFILE.encode());
        server = RxEndpoint.builder().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .service(SecuredPtServer.service(new InMemoryPtServer(), NullSecurity.INSTANCE,
                        RxkadServerSecurity.of(KEYFILE, null, RxkadLevel.CLEAR)))
                .build();
        servers = "127.0.0.1:" + server.localAddress().getPort();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    record Run(int rc, String out, String err) {
    }

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = RxgateCli.execute(new RxgateCli(), args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(rc, out.toString(), err.toString());
    }

    private Run pt(String level, String... args) {
        List<String> a = new ArrayList<>(List.of("pt", args[0], "--servers", servers, "--timeout", "5", "--keyfile",
                keyFile.toString(), "--level", level));
        a.addAll(List.of(args).subList(1, args.length));
        return cli(a.toArray(String[]::new));
    }

    @Test
    void ptAdminCommandsAtEveryLevel() {
        for (RxkadLevel level : RxkadLevel.values()) {
            String l = level.label();
            String user = "u" + l;
            String group = "afs:g" + l;
            Run r = pt(l, "createuser", user);
            assertThat(r.rc()).as(r.err()).isZero();
            assertThat(r.out()).matches("User " + user + " has id \\d+\\R");
            r = pt(l, "creategroup", group);
            assertThat(r.rc()).as(r.err()).isZero();
            assertThat(r.out()).matches("group " + group + " has id -\\d+\\R");
            assertThat(pt(l, "adduser", "--user", user, "--group", group).rc()).isZero();
            assertThat(pt(l, "members", group).out()).contains("  " + user);
            assertThat(pt(l, "removeuser", "--user", user, "--group", group).rc()).isZero();
            assertThat(pt(l, "members", group).out()).doesNotContain(user);
            r = pt(l, "delete", user, group);
            assertThat(r.rc()).as(r.err()).isZero();
            assertThat(pt(l, "nametoid", user).out()).contains(user + " 32766");
        }
    }

    @Test
    void createUserWithAnIdAndErrorsByName() {
        Run r = pt("crypt", "createuser", "carol", "--id", "4242");
        assertThat(r.out()).isEqualTo("User carol has id 4242" + System.lineSeparator());
        r = pt("crypt", "createuser", "carol");
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.err()).contains("PREXIST").contains("unable to create user carol");
        r = pt("auth", "delete", "nosuchuser");
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.err()).contains("PRNOENT");
    }

    @Test
    void writesWithoutCredentialsAreRefusedWithPrperm() {
        Run r = cli("pt", "createuser", "--servers", servers, "--timeout", "5", "mallory");
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.err()).contains("PRPERM");
        // a token for someone else authenticates but is not the superuser
        Path tok = dir.resolve("token");
        try {
            Token.localAuth(KEYFILE.latest(), "bob", java.time.Duration.ofHours(1), java.time.Clock.systemUTC())
                    .write(tok);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        r = cli("pt", "createuser", "--servers", servers, "--timeout", "5", "--token", tok.toString(), "mallory");
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.err()).contains("PRPERM");
    }

    @Test
    void aKeyFileWithTheWrongKeyIsNamedByItsRxkadError() throws IOException {
        Path wrong = dir.resolve("WrongKeyFile");
        Files.write(wrong, KeyFile.of(List.of(ServerKey.ofHex(4, "0102030405060708"))).encode());
        Run r = cli("pt", "createuser", "--servers", servers, "--timeout", "5", "--keyfile", wrong.toString(), "x");
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.err()).contains("RXKADBADTICKET");
    }

    @Test
    void perfClientAndServerSpeakRxkad() throws Exception {
        try (RxEndpoint perf = PerfCommand.startServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                RxkadServerSecurity.of(KEYFILE, null, RxkadLevel.AUTH))) {
            String port = Integer.toString(perf.localAddress().getPort());
            Run r = cli("perf", "client", "--host", "127.0.0.1", "--port", port, "--rpc", "--count", "20",
                    "--keyfile", keyFile.toString(), "--level", "crypt");
            assertThat(r.rc()).as(r.err()).isZero();
            assertThat(r.out()).contains("calls/s:");
            r = cli("perf", "client", "--host", "127.0.0.1", "--port", port, "--rpc", "--count", "5", "--timeout",
                    "5", "--keyfile", keyFile.toString(), "--level", "clear");
            assertThat(r.rc()).isEqualTo(1);
            assertThat(r.err()).contains("RXKADLEVELFAIL");
        }
    }

    /** Commands that do not call a server's RPCs: rxdebug's packets carry no security class in OpenAFS either. */
    static final Set<String> NOT_SECURED = Set.of("help", "rxdebug", "perf server", "perf memory");

    @Test
    void everyCommandThatTalksToAServerTakesCredentials() {
        CommandLine root = RxgateCli.commandLine(new RxgateCli(), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        List<String> checked = new ArrayList<>();
        walk(root, "", checked);
        assertThat(checked).contains("pt createuser", "pt creategroup", "pt delete", "pt adduser", "pt removeuser",
                "pt examine", "vl entry", "fs read", "perf client");
    }

    private static void walk(CommandLine cl, String path, List<String> checked) {
        if (cl.getSubcommands().isEmpty()) {
            if (NOT_SECURED.contains(path) || NOT_SECURED.contains(path.split(" ")[0])) {
                return;
            }
            for (String opt : List.of("--keyfile", "--kvno", "--level", "--token", "--noauth")) {
                assertThat(cl.getCommandSpec().findOption(opt)).as(path + " " + opt).isNotNull();
            }
            checked.add(path);
            return;
        }
        cl.getSubcommands().forEach((name, sub) -> walk(sub, path.isEmpty() ? name : path + " " + name, checked));
    }
}
