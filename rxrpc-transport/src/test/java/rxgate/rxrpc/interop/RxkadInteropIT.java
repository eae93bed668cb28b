package rxgate.rxrpc.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import rxgate.rxrpc.CallFailures;
import rxgate.rxrpc.RxCallException;
import rxgate.rxrpc.RxEndpoint;
import rxgate.rxrpc.cli.RxgateCli;
import rxgate.rxrpc.security.NullSecurity;
import rxgate.rxrpc.security.RxSecurityClass;
import rxgate.rxrpc.security.rxkad.KeyFile;
import rxgate.rxrpc.security.rxkad.RxkadLevel;
import rxgate.rxrpc.security.rxkad.RxkadSecurityClass;
import rxgate.rxrpc.security.rxkad.ServerKey;
import rxgate.rxrpc.security.rxkad.Token;
import rxgate.rxrpc.services.RpcCaller;
import rxgate.rxrpc.services.cb.CallbackService;
import rxgate.rxrpc.services.fs.AfsFid;
import rxgate.rxrpc.services.fs.AfsStoreStatus;
import rxgate.rxrpc.services.fs.FsClient;
import rxgate.rxrpc.services.pt.PtClient;
import rxgate.rxrpc.services.pt.PtConstants;
import rxgate.rxrpc.services.pt.PtEntry;
import rxgate.rxrpc.services.vl.NvldbEntry;
import rxgate.rxrpc.services.vl.VlClient;
import rxgate.rxrpc.services.vl.VlConstants;
import rxgate.rxrpc.services.vl.VlListByAttributes;
import rxgate.rxrpc.services.vl.VlSite;

/**
 * rxkad against real OpenAFS servers with authorization on. The interop profile brings the cell
 * up without authorization; this class restarts it with {@code RXG_AUTH=1} (new KeyFile) before
 * its tests and restores the default ({@code RXG_AUTH=0}) afterwards, because the other ITs
 * expect no authorization.
 */
class RxkadInteropIT {
    private static final Path SCRIPT = Path.of(System.getProperty("user.dir")).resolve("../interop/openafs-cell.sh")
            .normalize();
    private static final long T = 30;

    private static TestCell cell;
    private static KeyFile keyFile;
    private static ServerKey key;
    private static RxEndpoint endpoint;

    @BeforeAll
    static void authOn() throws IOException {
        cellUp("1");
        cell = TestCell.load();
        assertThat(cell.get("RXG_AUTH")).isEqualTo("1");
        keyFile = KeyFile.read(Path.of(cell.get("RXG_KEYFILE")));
        key = keyFile.get(cell.getInt("RXG_KVNO"));
        endpoint = RxEndpoint.builder().deadTime(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void authOff() {
        try {
            if (endpoint != null) {
                endpoint.close();
            }
            if (writableVolume != null) {
                OpenAfsTool.run(120, "vos", "remove", "-id", writableVolume, "-cell", cell.cellName(), "-localauth",
                        "-noresolve");
            }
        } finally {
            cellUp("0");
        }
    }

    private static void cellUp(String auth) {
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString(), "up").redirectErrorStream(true);
        pb.environment().put("RXG_AUTH", auth);
        pb.environment().put("LANG", "C");
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("RXG_AUTH=" + auth + " openafs-cell.sh up failed:\n" + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static RxSecurityClass localAuth(RxkadLevel level) {
        return new RxkadSecurityClass(Token.localAuth(keyFile), level);
    }

    private static PtClient pt(RxSecurityClass sec) {
        return new PtClient(RpcCaller.of(endpoint.client(cell.pt(), 73, sec, endpoint.defaultCallOptions())));
    }

    private static VlClient vl(RxSecurityClass sec) {
        return new VlClient(RpcCaller.of(endpoint.client(cell.vl(), 52, sec, endpoint.defaultCallOptions())));
    }

    private static <V> V get(CompletableFuture<V> f) {
        return f.orTimeout(T, TimeUnit.SECONDS).join();
    }

    private static RxCallException failure(CompletableFuture<?> f) {
        return CallFailures.of(f, T);
    }

    private static String uniqueName(String prefix) {
        return prefix + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    }

    @ParameterizedTest
    @EnumSource(RxkadLevel.class)
    void ptNewEntryAndDeleteSucceedAtEveryLevel(RxkadLevel level) {
        PtClient pt = pt(localAuth(level));
        String name = uniqueName("rxk" + level.label());
        int id = get(pt.newEntry(name, PtConstants.PRUSER, 0));
        assertThat(id).isPositive();
        assertThat(get(pt.nameToId(List.of(name)))).containsExactly(id);
        PtEntry e = get(pt.listEntry(id));
        assertThat(e.name()).isEqualTo(name);
        get(pt.delete(id));
        assertThat(get(pt.nameToId(List.of(name)))).containsExactly(PtConstants.ANONYMOUSID);
    }

    @ParameterizedTest
    @EnumSource(RxkadLevel.class)
    void vlCreateEntryListAttributesAndDeleteSucceedAtEveryLevel(RxkadLevel level) throws Exception {
        VlClient vl = vl(localAuth(level));
        String name = uniqueName("rxk." + level.label() + ".");
        long rw = 1_900_000_000L + ThreadLocalRandom.current().nextInt(100_000_000);
        Inet4Address server = (Inet4Address) cell.serverAddress();
        NvldbEntry entry = new NvldbEntry(name, List.of(VlSite.of(server, 0, VlConstants.VLSF_RWVOL)), rw, rw + 1,
                rw + 2, 0, VlConstants.VLF_RWEXISTS, 0);
        get(vl.createEntry(entry));
        try {
            assertThat(get(vl.getEntryByName(name)).rwId()).isEqualTo(rw);
            List<NvldbEntry> all = get(vl.listAttributes(VlListByAttributes.all()));
            assertThat(all).extracting(NvldbEntry::name).contains(name, cell.get("RXG_VOL"), cell.get("RXG_ROOT_VOL"));
        } finally {
            get(vl.deleteEntry(rw, VlConstants.RWVOL));
        }
    }

    @ParameterizedTest
    @EnumSource(RxkadLevel.class)
    void manyPacketRequestsAndRepliesAtEveryLevel(RxkadLevel level) {
        PtClient pt = pt(localAuth(level));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            names.add(i % 3 == 0 ? "alice" : i % 3 == 1 ? "bob" : "nobody" + i);
        }
        // 300 names x 256 bytes: a request of ~77 kB, ~55 sealed packets
        List<Integer> ids = get(pt.nameToId(names));
        assertThat(ids).hasSize(300);
        assertThat(ids.get(0)).isEqualTo(cell.getInt("ALICE_ID"));
        assertThat(ids.get(1)).isEqualTo(cell.getInt("BOB_ID"));
        assertThat(ids.get(2)).isEqualTo(PtConstants.ANONYMOUSID);
        // and a reply of ~77 kB the other way
        List<String> back = get(pt.idToName(ids));
        assertThat(back.get(0)).isEqualTo("alice");
        assertThat(back.get(1)).isEqualTo("bob");
    }

    @Test
    void adminCallsWithoutAuthenticationAreRefused() {
        RxCallException pe = failure(pt(NullSecurity.INSTANCE).newEntry(uniqueName("rxknull"), PtConstants.PRUSER, 0));
        assertThat(pe.codeName()).isEqualTo("PRPERM");
        Inet4Address server = (Inet4Address) cell.serverAddress();
        long rw = 1_800_000_000L + ThreadLocalRandom.current().nextInt(100_000_000);
        NvldbEntry entry = new NvldbEntry(uniqueName("rxk.null."), List.of(VlSite.of(server, 0, VlConstants.VLSF_RWVOL)),
                rw, rw + 1, rw + 2, 0, VlConstants.VLF_RWEXISTS, 0);
        RxCallException ve = failure(vl(NullSecurity.INSTANCE).createEntry(entry));
        assertThat(ve.codeName()).isEqualTo("VL_PERM");
    }

    @Test
    void aNonSuperuserTicketIsRefusedTheAdminCall() {
        RxSecurityClass bob = RxkadSecurityClass.forged(key, "bob", Duration.ofHours(1), RxkadLevel.CRYPT);
        Inet4Address server = (Inet4Address) cell.serverAddress();
        long rw = 1_700_000_000L + ThreadLocalRandom.current().nextInt(100_000_000);
        NvldbEntry entry = new NvldbEntry(uniqueName("rxk.bob."), List.of(VlSite.of(server, 0, VlConstants.VLSF_RWVOL)),
                rw, rw + 1, rw + 2, 0, VlConstants.VLF_RWEXISTS, 0);
        assertThat(failure(vl(bob).createEntry(entry)).codeName()).isEqualTo("VL_PERM");
        // but bob's ticket itself is fine: a read works
        assertThat(get(pt(bob).nameToId(List.of("alice")))).containsExactly(cell.getInt("ALICE_ID"));
    }

    @Test
    void aTicketSealedWithTheWrongKeyIsRejected() {
        ServerKey wrong = ServerKey.ofHex(key.kvno(), "0123456789abcdef".equals(hexOf(key)) ? "fedcba9876543210"
                : "0123456789abcdef");
        RxSecurityClass sec = new RxkadSecurityClass(Token.localAuth(KeyFile.of(List.of(wrong))), RxkadLevel.CLEAR);
        PtClient pt = pt(sec);
        RxCallException e = failure(pt.nameToId(List.of("alice")));
        assertThat(e.codeName()).isEqualTo("RXKADBADTICKET");
        // the aborted connection is not reused into a hang: the next call is refused the same way
        assertThat(failure(pt.nameToId(List.of("bob"))).codeName()).isEqualTo("RXKADBADTICKET");
    }

    @Test
    void anUnknownKvnoIsRejected() {
        int kvno = (key.kvno() + 7) % 256;
        ServerKey other = new ServerKey(kvno, key.keyBytes());
        RxSecurityClass sec = new RxkadSecurityClass(Token.localAuth(KeyFile.of(List.of(other))), RxkadLevel.AUTH);
        RxCallException e = failure(vl(sec).probe());
        assertThat(e.codeName()).isEqualTo("RXKADUNKNOWNKEY");
    }

    @Test
    void anExpiredTicketIsRejected() {
        long now = Clock.systemUTC().millis() / 1000;
        // issued 2 h ago for 5 minutes: ended well beyond the 15 min skew
        Token expired = Token.forge(key, "afs", now - 7200, 1);
        RxCallException e = failure(pt(new RxkadSecurityClass(expired, RxkadLevel.CRYPT)).nameToId(List.of("alice")));
        assertThat(e.codeName()).isEqualTo("RXKADEXPIRED");
    }

    @Test
    void aTicketFromTheFutureIsRejected() {
        long now = Clock.systemUTC().millis() / 1000;
        Token future = Token.forge(key, "afs", now + 7200, 20);
        RxCallException e = failure(pt(new RxkadSecurityClass(future, RxkadLevel.CLEAR)).nameToId(List.of("alice")));
        assertThat(e.codeName()).isEqualTo("RXKADNOAUTH");
    }

    @Test
    void ptsExamineLocalauthAndRxgateWithTheKeyFileShowTheSameEntry() {
        String out = OpenAfsTool.ok(60, "pts", "examine", "alice", "-cell", cell.cellName(), "-localauth");
        Matcher m = Pattern.compile("Name: (\\S+), id: (-?\\d+), owner: (\\S+), creator: (\\S+),\\s+membership: (\\d+)")
                .matcher(out);
        assertThat(m.find()).as(out).isTrue();
        PtClient pt = pt(localAuth(RxkadLevel.CRYPT));
        int id = get(pt.nameToId(List.of("alice"))).get(0);
        assertThat(id).isEqualTo(Integer.parseInt(m.group(2)));
        PtEntry e = get(pt.listEntry(id));
        assertThat(e.name()).isEqualTo(m.group(1));
        assertThat(e.count()).isEqualTo(Integer.parseInt(m.group(5)));
        assertThat(get(pt.idToName(List.of(e.owner(), e.creator())))).containsExactly(m.group(3), m.group(4));
    }

    @Test
    void theServerKnowsWhoWeAre() {
        // a rxkad connection to the VL server at every level, reused by several calls
        for (RxkadLevel level : RxkadLevel.values()) {
            VlClient vl = vl(localAuth(level));
            for (int i = 0; i < 5; i++) {
                assertThat(get(vl.getEntryByName(cell.get("RXG_VOL"))).rwId()).isEqualTo(cell.getInt("RXG_VOL_ID"));
            }
        }
    }

    /** RXAFS_GetTime (opcode 153) on the fileserver: no arguments, replies seconds and microseconds. */
    private static CompletableFuture<byte[]> fsGetTime(RxEndpoint ep, RxSecurityClass sec) {
        return RpcCaller.of(ep.client(cell.fs(), 1, sec, ep.defaultCallOptions()))
                .call(new byte[] {0, 0, 0, (byte) 153});
    }

    /**
     * The fileserver registers index 3 ("rxkad, always encrypt", minimum level crypt). It probes new
     * clients through their callback service, so this endpoint answers on service 1 too.
     */
    @Test
    void fileserverSecurityIndex3DemandsCrypt() {
        try (RxEndpoint ep = RxEndpoint.builder().deadTime(Duration.ofSeconds(10)).build()) {
            CallbackService.builder().build().installOn(ep);
            Token tok = Token.localAuth(keyFile);
            byte[] reply = get(fsGetTime(ep, new RxkadSecurityClass(tok, RxkadLevel.CRYPT, 3)));
            assertThat(reply).hasSize(8);
            long secs = java.nio.ByteBuffer.wrap(reply).getInt() & 0xFFFFFFFFL;
            assertThat(Math.abs(secs - System.currentTimeMillis() / 1000)).isLessThan(60);
            // index 3 at level clear: the CHALLENGE carries min level 2 and we refuse it ourselves
            RxCallException e = failure(fsGetTime(ep, new RxkadSecurityClass(tok, RxkadLevel.CLEAR, 3)));
            assertThat(e.codeName()).isEqualTo("RXKADLEVELFAIL");
            // index 2 at level clear is fine on the fileserver
            assertThat(get(fsGetTime(ep, new RxkadSecurityClass(tok, RxkadLevel.CLEAR, 2)))).hasSize(8);
        }
    }

    private static String writableVolume;

    /**
     * The fixture volume grants system:anyuser only "rl", and even the superuser "afs" needs ACL
     * rights to create files: a copy of it with anyuser rlidwka (FsInteropIT's dump trick), made
     * once and removed after the class.
     */
    private static synchronized AfsFid writableRoot() {
        if (writableVolume == null) {
            FsInteropIT.cell = cell;
            writableVolume = "rxgk." + Long.toString(System.currentTimeMillis() % 1_000_000, 36);
            FsInteropIT.makeWritableVolume(writableVolume);
        }
        return AfsFid.root(FsInteropIT.vlRwId(writableVolume));
    }

    /**
     * A 32 MiB StoreData64 then FetchData64 through the real fileserver, authorization on (no NoAuth
     * file), as the superuser "afs" on security index 2 at each level: the MD5 survives.
     */
    @ParameterizedTest
    @EnumSource(RxkadLevel.class)
    void fileserverRoundTripOf32MiBAtEveryLevel(RxkadLevel level) throws Exception {
        try (RxEndpoint ep = RxEndpoint.builder().deadTime(Duration.ofSeconds(30)).build()) {
            CallbackService.builder().build().installOn(ep);
            FsClient fs = new FsClient(ep.client(cell.fs(), 1, localAuth(level), ep.defaultCallOptions()));
            AfsFid root = writableRoot();
            String name = uniqueName("rxkad-" + level.label() + "-");
            AfsFid fid = fs.createFile(root, name, AfsStoreStatus.modeAndTime(0644, System.currentTimeMillis() / 1000))
                    .get(60, TimeUnit.SECONDS).fid();
            try {
                long len = 32L << 20;
                FsInteropIT.RandomSource src = new FsInteropIT.RandomSource(level.ordinal() + 77, len);
                long t0 = System.nanoTime();
                fs.storeData64(fid, AfsStoreStatus.NONE, 0, len, len, src).get(300, TimeUnit.SECONDS);
                long t1 = System.nanoTime();
                FsInteropIT.Md5Sink sink = new FsInteropIT.Md5Sink();
                assertThat(fs.fetchData64(fid, 0, len, sink).get(300, TimeUnit.SECONDS).bytes()).isEqualTo(len);
                long t2 = System.nanoTime();
                assertThat(sink.bytes).isEqualTo(len);
                assertThat(sink.hex()).isEqualTo(src.hex());
                System.out.printf("RxkadInteropIT: 32 MiB at %s: store %.1f MB/s, fetch %.1f MB/s%n", level.label(),
                        len / ((t1 - t0) / 1e9) / 1e6, len / ((t2 - t1) / 1e9) / 1e6);
            } finally {
                fs.removeFile(root, name).get(60, TimeUnit.SECONDS);
            }
        }
    }

    // ------------------------------------------------------------------ rxgate-cli

    private record CliRun(int rc, String out, String err) {
    }

    private static CliRun cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = RxgateCli.execute(new RxgateCli(), args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(rc, out.toString(), err.toString());
    }

    @Test
    void cliPtExamineWithTheKeyFileMatchesPtsExamineLocalauth() {
        String pts = OpenAfsTool.ok(60, "pts", "examine", "alice", "-cell", cell.cellName(), "-localauth");
        for (String level : List.of("clear", "auth", "crypt")) {
            CliRun r = cli("pt", "examine", "--servers", cell.get("RXG_SERVER"), "--keyfile", cell.get("RXG_KEYFILE"),
                    "--kvno", cell.get("RXG_KVNO"), "--level", level, "alice");
            assertThat(r.rc()).as(r.err()).isZero();
            assertThat(r.out().strip()).isEqualTo(pts.strip());
        }
    }

    @Test
    void cliWithATokenFile(@TempDir Path dir) throws IOException {
        Path tokenFile = dir.resolve("token");
        Token.localAuth(keyFile).write(tokenFile);
        CliRun r = cli("pt", "nametoid", "--servers", cell.get("RXG_SERVER"), "--token", tokenFile.toString(), "alice");
        assertThat(r.rc()).as(r.err()).isZero();
        assertThat(r.out()).contains("alice " + cell.getInt("ALICE_ID"));
        CliRun v = cli("vl", "entry", "--servers", cell.get("RXG_SERVER"), "--token", tokenFile.toString(),
                "--level", "auth", cell.get("RXG_VOL"));
        assertThat(v.rc()).as(v.err()).isZero();
        assertThat(v.out()).contains(cell.get("RXG_VOL"));

        long now = Clock.systemUTC().millis() / 1000;
        Token.forge(key, "afs", now - 7200, 1).write(tokenFile);
        CliRun expired = cli("pt", "nametoid", "--servers", cell.get("RXG_SERVER"), "--token", tokenFile.toString(),
                "alice");
        assertThat(expired.rc()).isEqualTo(1);
        assertThat(expired.err()).contains("RXKADEXPIRED");
        String secret = java.util.HexFormat.of().formatHex(Token.read(tokenFile).sessionKey());
        assertThat(expired.err() + expired.out()).doesNotContain(secret);
    }

    @Test
    void cliUsageErrors(@TempDir Path dir) throws IOException {
        String srv = cell.get("RXG_SERVER");
        CliRun r = cli("pt", "examine", "--servers", srv, "--keyfile", cell.get("RXG_KEYFILE"), "--kvno", "77", "alice");
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.err()).contains("no key with kvno 77");
        r = cli("pt", "examine", "--servers", srv, "--keyfile", dir.resolve("none").toString(), "alice");
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.err()).contains("does not exist");
        r = cli("pt", "examine", "--servers", srv, "--level", "crypt", "alice");
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.err()).contains("--level needs --keyfile or --token");
        r = cli("pt", "examine", "--servers", srv, "--keyfile", cell.get("RXG_KEYFILE"), "--level", "max", "alice");
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.err()).contains("unknown rxkad level");
        Path bad = dir.resolve("token");
        Files.writeString(bad, "kvno=1\n");
        r = cli("pt", "examine", "--servers", srv, "--token", bad.toString(), "alice");
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.err()).contains("has no 'session-key'");
        // without credentials: the server refuses nothing for reads, but an unknown kvno is the server's abort
        r = cli("pt", "examine", "--servers", srv, "--noauth", "alice");
        assertThat(r.rc()).as(r.err()).isZero();
    }

    private static String hexOf(ServerKey k) {
        return java.util.HexFormat.of().formatHex(k.keyBytes());
    }
}
