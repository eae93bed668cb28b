package rxgate.rxrpc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static rxgate.rxrpc.services.Golden.hex;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rxgate.rxrpc.errors.AfsErrors;
import rxgate.rxrpc.services.Golden;
import rxgate.rxrpc.services.RpcCaller;
import rxgate.rxrpc.services.ScriptedCaller;
import rxgate.rxrpc.services.debug.DebugGolden;
import rxgate.rxrpc.services.debug.FakeDebugChannel;
import rxgate.rxrpc.services.debug.RxDebugChannel;
import rxgate.rxrpc.services.pt.PtEntryTest;
import rxgate.rxrpc.services.vl.VlGolden;
import rxgate.rxrpc.services.vl.VlOpcodes;

/** Parses and runs the CLI against scripted servers (no network). */
class RxgateCliTest {

    /** TEST DOUBLE backend: scripted callers per (server, service), canned rxdebug channels. */
    static final class FakeBackend implements CliBackend {
        final Map<String, ScriptedCaller> callers = new HashMap<>();
        final Map<String, FakeDebugChannel> debug = new HashMap<>();
        final List<Duration> opened = new ArrayList<>();
        int closed;

        ScriptedCaller server(String ipPort, int service) {
            return callers.computeIfAbsent(ipPort + "/" + service, k -> new ScriptedCaller(k));
        }

        @Override
        public RpcCaller caller(InetSocketAddress server, int serviceId) {
            return server(server.getAddress().getHostAddress() + ":" + server.getPort(), serviceId);
        }

        @Override
        public RxDebugChannel debugChannel(InetSocketAddress target) {
            FakeDebugChannel ch = debug.get(target.getAddress().getHostAddress() + ":" + target.getPort());
            if (ch == null) {
                throw new AssertionError("no debug channel for " + target);
            }
            return ch;
        }

        @Override
        public void close() {
            closed++;
        }
    }

    final FakeBackend backend = new FakeBackend();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        RxgateCli cli = new RxgateCli(t -> {
            backend.opened.add(t);
            return backend;
        }, Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC)).waitSlack(Duration.ofMillis(200));
        return RxgateCli.execute(cli, args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    // ---------------------------------------------------------------- parsing and usage

    @Test
    void helpAndVersion() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("vl", "pt", "rxdebug");
        assertThat(run("-V")).isZero();
        assertThat(out.toString()).contains("rxgate-cli ");
        assertThat(run("vl", "entry", "--help")).isZero();
        assertThat(out.toString()).contains("--servers", "--timeout", "--noauth", "NAME|ID");
        assertThat(backend.opened).isEmpty();
    }

    @Test
    void missingSubcommandIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("vl")).isEqualTo(2);
        assertThat(err.toString()).contains("rxgate-cli: vl: Missing required subcommand");
        assertThat(run("pt")).isEqualTo(2);
        assertThat(run("nosuch")).isEqualTo(2);
    }

    @Test
    void missingServersIsAUsageError() {
        assertThat(run("vl", "entry", "root.cell")).isEqualTo(2);
        assertThat(err.toString()).contains("rxgate-cli: vl entry: Missing required option: '--servers");
        assertThat(err.toString()).contains("Try 'rxgate-cli vl entry --help'");
    }

    @Test
    void badServerSyntaxIsAUsageError() {
        assertThat(run("vl", "entry", "--servers", "10.77.0", "root.cell")).isEqualTo(2);
        assertThat(err.toString()).contains("not an IPv4 address: 10.77.0");
        assertThat(run("vl", "probe", "--servers", "10.77.0.1:99999")).isEqualTo(2);
        assertThat(backend.opened).isEmpty();
    }

    @Test
    void illegalVolumeNameIsAUsageError() {
        assertThat(run("vl", "entry", "--servers", "10.77.0.1", "bad/name")).isEqualTo(2);
        assertThat(err.toString()).startsWith("rxgate-cli: vl entry: illegal character '/'");
        assertThat(backend.opened).isEmpty();
    }

    @Test
    void timeoutMustBePositive() {
        assertThat(run("vl", "probe", "--servers", "10.77.0.1", "--timeout", "0")).isEqualTo(2);
        assertThat(run("vl", "probe", "--servers", "10.77.0.1", "--timeout", "x")).isEqualTo(2);
    }

    // ---------------------------------------------------------------- vl

    @Test
    void vlEntryPrintsLikeVosListvldb() {
        backend.server("10.77.0.1:7003", 52).expect(hex("00000207 00000005 726b766f 6c000000"), VlGolden.rkvolNvldbEntry());
        assertThat(run("vl", "entry", "--servers", "10.77.0.1", "--noauth", "rkvol")).isZero();
        assertThat(out.toString()).isEqualTo("\nrkvol \n    RWrite: 536870915 \n    number of sites -> 1\n"
                + "       server 10.77.0.1 partition /vicepa RW Site \n");
        assertThat(err.toString()).isEmpty();
        assertThat(backend.opened).containsExactly(Duration.ofSeconds(30));
        assertThat(backend.closed).isEqualTo(1);
    }

    @Test
    void vlEntryByNumericIdGoesThroughGetEntryByName() {
        backend.server("10.77.0.1:7003", 52).expect(
                Golden.bytes().words(519).string("536870915").build(), VlGolden.rkvolNvldbEntry());
        assertThat(run("vl", "entry", "--servers", "10.77.0.1", "536870915")).isZero();
    }

    @Test
    void vlEntryFailsOverAcrossServers() {
        backend.server("10.77.0.1:7100", 52).abort(AfsErrors.UNOQUORUM);
        backend.server("10.77.0.2:7003", 52).reply(VlGolden.rkvolNvldbEntry());
        assertThat(run("vl", "entry", "--servers", "10.77.0.1:7100,10.77.0.2", "--timeout", "3", "rkvol")).isZero();
        assertThat(out.toString()).contains("rkvol \n");
        assertThat(backend.opened).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void vlEntryErrorLine() {
        backend.server("10.77.0.1:7003", 52).abortOpcode(VlOpcodes.GET_ENTRY_BY_NAME_N, AfsErrors.VL_NOENT);
        assertThat(run("vl", "entry", "--servers", "10.77.0.1", "nosuch")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("rxgate-cli: vl entry: VL_NOENT (363524): no such VLDB entry\n");
        assertThat(out.toString()).isEmpty();
        assertThat(backend.closed).isEqualTo(1);
    }

    @Test
    void unknownAbortCodesAreShownByNumber() {
        backend.server("10.77.0.1:7003", 52).abort(424242);
        assertThat(run("vl", "entry", "--servers", "10.77.0.1", "x")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("rxgate-cli: vl entry: 424242 (424242): unknown error code\n");
    }

    @Test
    void aCallThatNeverAnswersTimesOut() {
        backend.server("10.77.0.1:7003", 52).hang();
        assertThat(run("vl", "probe", "--servers", "10.77.0.1", "--timeout", "1")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("rxgate-cli: vl probe: 10.77.0.1:7003: RX_CALL_TIMEOUT (-3): call timed out\n");
    }

    @Test
    void vlProbeReportsEachServer() {
        backend.server("10.77.0.1:7003", 52).expect(hex("00000202"), new byte[0]);
        backend.server("10.77.0.2:7003", 52).abort(AfsErrors.RX_CALL_DEAD);
        assertThat(run("vl", "probe", "--servers", "10.77.0.1,10.77.0.2")).isEqualTo(1);
        assertThat(out.toString()).isEqualTo("10.77.0.1:7003: ok\n");
        assertThat(err.toString()).isEqualTo("rxgate-cli: vl probe: 10.77.0.2:7003: RX_CALL_DEAD (-1): peer silent or call killed\n");
    }

    @Test
    void vlListFiltersByPrefix() {
        byte[] other = VlGolden.nvldbEntry("user.alice", new int[] {0x0A4D0001}, new int[] {0}, new int[] {4},
                536870920, 0, 0, 0, 0x1000, 0);
        byte[] reply = Golden.bytes().words(2, 2).raw(other).raw(VlGolden.rkvolNvldbEntry()).build();
        backend.server("10.77.0.1:7003", 52).expect(hex("0000020a 00000000 00000000 00000000 00000000 00000000 00000000"), reply);
        assertThat(run("vl", "list", "--servers", "10.77.0.1", "--prefix", "rk")).isZero();
        assertThat(out.toString()).isEqualTo("VLDB entries for all servers \n\nrkvol \n    RWrite: 536870915 \n"
                + "    number of sites -> 1\n       server 10.77.0.1 partition /vicepa RW Site \n\nTotal entries: 1\n");
    }

    // ---------------------------------------------------------------- pt

    private static byte[] ids(int... v) {
        return Golden.bytes().words(v.length).words(v).build();
    }

    private static byte[] names(String... n) {
        Golden g = Golden.bytes().words(n.length);
        for (String s : n) {
            g.charArray(s, 64);
        }
        return g.build();
    }

    @Test
    void ptExamineLikePts() {
        ScriptedCaller pt = backend.server("10.77.0.1:7002", 73);
        pt.expect(Golden.bytes().words(504, 1).charArray("alice", 64).build(), ids(1));
        pt.expect(hex("00000200 00000001"), PtEntryTest.alice());
        pt.expect(hex("000001f9 00000002 ffffff34 00000001"), names("system:administrators", "alice"));
        pt.expect(hex("00000203 00000001 ffffff34"), hex("00000000"));
        assertThat(run("pt", "examine", "--servers", "10.77.0.1", "alice")).isZero();
        assertThat(out.toString()).isEqualTo("Name: alice, id: 1, owner: system:administrators, creator: alice,\n"
                + "  membership: 0, flags: S----, group quota: 20.\n");
        assertThat(pt.allStepsUsed()).isTrue();
    }

    @Test
    void ptExamineByIdAndAdminQuota() {
        ScriptedCaller pt = backend.server("10.77.0.1:7002", 73);
        pt.expectOpcode(504, ids(32766));               // "1" is not a name
        pt.expect(hex("000001f9 00000001 00000001"), names("admin"));
        pt.expectOpcode(512, Golden.bytes().words(0x80, 1, -204, 1, 20, 0, 1).zeros(5).charArray("admin", 64).build());
        pt.expectOpcode(505, names("system:administrators", "admin"));
        pt.expectOpcode(515, hex("00000001"));
        assertThat(run("pt", "examine", "--servers", "10.77.0.1", "1")).isZero();
        assertThat(out.toString()).isEqualTo("Name: admin, id: 1, owner: system:administrators, creator: admin,\n"
                + "  membership: 1, flags: S----, group quota: unlimited.\n");
    }

    @Test
    void ptExamineUnknownName() {
        backend.server("10.77.0.1:7002", 73).expectOpcode(504, ids(32766));
        assertThat(run("pt", "examine", "--servers", "10.77.0.1", "nosuch")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo(
                "rxgate-cli: pt examine: PRNOENT (267268): no such user or group (nosuch)\n");
    }

    @Test
    void ptExamineListEntryFailure() {
        ScriptedCaller pt = backend.server("10.77.0.1:7002", 73);
        pt.expectOpcode(504, ids(5));
        pt.abortOpcode(512, AfsErrors.PRPERM);
        assertThat(run("pt", "examine", "--servers", "10.77.0.1", "bob")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("rxgate-cli: pt examine: PRPERM (267269): permission denied (id: 5)\n");
    }

    @Test
    void ptNameToIdAndIdToName() {
        ScriptedCaller pt = backend.server("10.77.0.1:7002", 73);
        pt.expectOpcode(504, ids(1, 32766));
        assertThat(run("pt", "nametoid", "--servers", "10.77.0.1", "alice", "nosuch")).isZero();
        assertThat(out.toString()).isEqualTo("alice 1\nnosuch 32766\n");
        out.getBuffer().setLength(0);
        pt.expect(hex("000001f9 00000002 00000001 ffffff34"), names("alice", "system:administrators"));
        assertThat(run("pt", "idtoname", "--servers", "10.77.0.1", "1", "-204")).isZero();
        assertThat(out.toString()).isEqualTo("1 alice\n-204 system:administrators\n");
        assertThat(run("pt", "idtoname", "--servers", "10.77.0.1", "abc")).isEqualTo(2);
    }

    @Test
    void ptMembersOfAGroup() {
        ScriptedCaller pt = backend.server("10.77.0.1:7002", 73);
        pt.expectOpcode(504, ids(-204));
        pt.expect(hex("00000202 ffffff34"), hex("00000002 00000001 00000002 00000000"));
        pt.expect(hex("000001f9 00000002 00000001 00000002"), names("admin", "alice"));
        assertThat(run("pt", "members", "--servers", "10.77.0.1", "system:administrators")).isZero();
        assertThat(out.toString()).isEqualTo("Members of system:administrators (id: -204) are:\n  admin\n  alice\n");
    }

    // ---------------------------------------------------------------- rxdebug

    @Test
    void rxdebugVersion() {
        backend.debug.put("10.77.0.1:7003", new FakeDebugChannel("10.77.0.1", 7003).version("OpenAFS 1.8.9 x"));
        assertThat(run("rxdebug", "10.77.0.1", "7003", "-version")).isZero();
        assertThat(out.toString()).isEqualTo("Trying 10.77.0.1 (port 7003):\nAFS version: OpenAFS 1.8.9 x\n");
    }

    @Test
    void rxdebugRxstatsNoconnsWithDefaultPort() {
        backend.debug.put("10.77.0.1:7000", new FakeDebugChannel("10.77.0.1", 7000)
                .on(1, 0, DebugGolden.typicalStats()).on(4, 0, DebugGolden.typicalRxStats()));
        assertThat(run("rxdebug", "10.77.0.1", "--rxstats", "--noconns")).isZero();
        assertThat(out.toString()).startsWith("Trying 10.77.0.1 (port 7000):\nFree packets: 508/520,")
                .contains("rx stats: free packets 508, allocs 120, ").endsWith("0 free call structs\n");
        assertThat(run("rxdebug", "10.77.0.1:7000", "--stats", "-noconns")).isZero();
    }

    @Test
    void rxdebugFailure() {
        backend.debug.put("10.77.0.1:7003", new FakeDebugChannel("10.77.0.1", 7003).fail(1, 0,
                new rxgate.rxrpc.RxCallException(rxgate.rxrpc.CallCompletion.LOCALLY_ABORTED, AfsErrors.RX_CALL_TIMEOUT, "")));
        assertThat(run("rxdebug", "10.77.0.1", "7003")).isEqualTo(1);
        assertThat(out.toString()).isEqualTo("Trying 10.77.0.1 (port 7003):\n");
        assertThat(err.toString()).isEqualTo("rxgate-cli: rxdebug: RX_CALL_TIMEOUT (-3): call timed out\n");
    }

    @Test
    void rxdebugUsage() {
        assertThat(run("rxdebug")).isEqualTo(2);
        assertThat(run("rxdebug", "10.77.0.1", "notaport")).isEqualTo(2);
        assertThat(run("rxdebug", "10.77.0.1", "70000")).isEqualTo(2);
    }

    @Test
    void endpointFailureIsReported() {
        RxgateCli cli = new RxgateCli(t -> {
            throw new IllegalStateException("bind failed");
        }, Clock.systemUTC());
        int rc = RxgateCli.execute(cli, new String[] {"vl", "probe", "--servers", "10.77.0.1"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(rc).isEqualTo(1);
        assertThat(err.toString()).isEqualTo(
                "rxgate-cli: vl probe: cannot open an Rx endpoint: IllegalStateException: bind failed\n");
    }
}
