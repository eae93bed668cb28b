package rxgate.rxrpc.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import rxgate.rxrpc.RxCallException;
import rxgate.rxrpc.RxEndpoint;
import rxgate.rxrpc.services.RpcCaller;
import rxgate.rxrpc.services.cb.CallbackEvent;
import rxgate.rxrpc.services.cb.CallbackService;
import rxgate.rxrpc.services.cb.CbOpcodes;
import rxgate.rxrpc.services.fs.AfsFid;
import rxgate.rxrpc.services.fs.AfsFileSystem;
import rxgate.rxrpc.services.fs.AfsStoreStatus;
import rxgate.rxrpc.services.fs.DataSink;
import rxgate.rxrpc.services.fs.DataSource;
import rxgate.rxrpc.services.fs.FsClient;
import rxgate.rxrpc.services.fs.FsErrors;
import rxgate.rxrpc.services.fs.FsResults;
import rxgate.rxrpc.services.vl.VlClient;

/**
 * File access from rxgate to a real OpenAFS 1.8 fileserver (NoAuth), with the callback service
 * answering on the same port, checked against OpenAFS's own {@code afsio} and the fixtures.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FsInteropIT {
    static TestCell cell;
    static RxEndpoint endpoint;
    static CallbackService callbacks;
    static FsClient fs;
    static AfsFileSystem afs;
    static AfsFid volRoot;
    /** Root of a writable copy of the fixture volume (system:anyuser rlidwka): rxgate has no rxkad yet. */
    static AfsFid rwRoot;
    static String rwVolume;
    static ExecutorService pool = Executors.newFixedThreadPool(8);
    static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36);

    @BeforeAll
    static void setUp() {
        cell = TestCell.load();
        endpoint = RxEndpoint.builder().deadTime(Duration.ofSeconds(30)).build();
        callbacks = CallbackService.builder().build().installOn(endpoint);
        fs = FsClient.connect(endpoint, callbacks, cell.fs());
        afs = new AfsFileSystem(endpoint, callbacks, new VlClient(RpcCaller.of(endpoint.client(cell.vl(), 52))));
        volRoot = AfsFid.parse(cell.get("RXG_VOL_ROOT_FID"));
        rwVolume = "rxgfs." + RUN;
        makeWritableVolume(rwVolume);
        rwRoot = AfsFid.root(vlRwId(rwVolume));
    }

    /**
     * rxgate calls with rxnull (anonymous) and the fixture ACL grants system:anyuser only "rl". With
     * no cache manager to run {@code fs setacl}, copy the fixture volume with {@code vos dump}, change
     * the anyuser entry of its ACLs (id -101, rights 9) to 127 (rlidwka) in the dump, and
     * {@code vos restore} it under a new name.
     */
    static void makeWritableVolume(String name) {
        try {
            Path dump = Files.createTempFile("rxgfs", ".dump");
            try {
                Files.delete(dump);
                OpenAfsTool.ok(120, "vos", "dump", "-id", cell.get("RXG_VOL"), "-file", dump.toString(), "-cell",
                        cell.cellName(), "-localauth", "-noresolve");
                byte[] d = Files.readAllBytes(dump);
                byte[] from = HexFormat.of().parseHex("ffffff9b00000009");
                byte[] to = HexFormat.of().parseHex("ffffff9b0000007f");
                int patched = 0;
                for (int i = 0; i + from.length <= d.length; i++) {
                    if (java.util.Arrays.equals(d, i, i + from.length, from, 0, from.length)) {
                        System.arraycopy(to, 0, d, i, to.length);
                        patched++;
                    }
                }
                assertThat(patched).as("ACL entries for system:anyuser in the dump").isPositive();
                Files.write(dump, d);
                OpenAfsTool.ok(120, "vos", "restore", "-server", cell.get("RXG_SERVER"), "-partition", "a", "-name",
                        name, "-file", dump.toString(), "-cell", cell.cellName(), "-localauth", "-noresolve");
                OpenAfsTool.ok(120, "vos", "setfields", "-id", name, "-maxquota", "0", "-cell", cell.cellName(),
                        "-localauth", "-noresolve");
            } finally {
                Files.deleteIfExists(dump);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static long vlRwId(String name) {
        String vos = OpenAfsTool.ok(60, "vos", "listvldb", "-name", name, "-cell", cell.cellName(), "-noauth",
                "-noresolve");
        Matcher m = Pattern.compile("RWrite:\\s+(\\d+)").matcher(vos);
        assertThat(m.find()).as(vos).isTrue();
        return Long.parseLong(m.group(1));
    }

    @AfterAll
    static void tearDown() {
        if (fs != null) {
            try {
                fs.giveUpAllCallBacks().get(10, TimeUnit.SECONDS);
                afs.giveUpAllCallBacks().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // polite only
            }
        }
        if (endpoint != null) {
            endpoint.close();
        }
        if (rwVolume != null) {
            OpenAfsTool.run(120, "vos", "remove", "-id", rwVolume, "-cell", cell.cellName(), "-localauth", "-noresolve");
        }
        pool.shutdownNow();
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A sink that hashes on the pool (not on the event loop) and counts. */
    static final class Md5Sink implements DataSink {
        final MessageDigest md = md5();
        long bytes;

        @Override
        public CompletableFuture<Void> write(ByteBuffer chunk) {
            return CompletableFuture.runAsync(() -> {
                bytes += chunk.remaining();
                md.update(chunk);
            }, pool);
        }

        String hex() {
            return HexFormat.of().formatHex(md.digest());
        }
    }

    /** Seeded random bytes, hashed as they are handed out. */
    static final class RandomSource implements DataSource {
        final long seed;
        final long length;
        Random random;
        final MessageDigest md = md5();
        long left;
        int rewinds;

        RandomSource(long seed, long length) {
            this.seed = seed;
            this.length = length;
            rewind();
            rewinds = 0;
        }

        @Override
        public boolean rewind() {
            random = new Random(seed);
            md.reset();
            left = length;
            rewinds++;
            return true;
        }

        @Override
        public CompletableFuture<ByteBuffer> read(int max) {
            return CompletableFuture.supplyAsync(() -> {
                int n = (int) Math.min(max, left);
                byte[] b = new byte[n];
                random.nextBytes(b);
                md.update(b);
                left -= n;
                return ByteBuffer.wrap(b);
            }, pool);
        }

        String hex() {
            return HexFormat.of().formatHex(md.digest());
        }
    }

    static String fetchMd5(AfsFid fid, long expectBytes) throws Exception {
        Md5Sink sink = new Md5Sink();
        FsResults.FetchDataResult r = fs.fetchData64(fid, 0, Long.MAX_VALUE / 4, sink).get(120, TimeUnit.SECONDS);
        assertThat(r.bytes()).isEqualTo(expectBytes);
        assertThat(sink.bytes).isEqualTo(expectBytes);
        return sink.hex();
    }

    static AfsFid create(AfsFid dir, String name) throws Exception {
        return fs.createFile(dir, name, AfsStoreStatus.modeAndTime(0644, System.currentTimeMillis() / 1000))
                .get(60, TimeUnit.SECONDS).fid();
    }

    /** Runs afsio with stdin from a file (or nothing), stdout discarded; returns exit code and stderr. */
    static OpenAfsTool.Result afsio(Path stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add("afsio");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("LANG", "C");
        pb.redirectInput(stdin != null ? ProcessBuilder.Redirect.from(stdin.toFile()) : ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("afsio did not finish");
        }
        return new OpenAfsTool.Result(p.exitValue(), new String(err, StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ (a) fixtures

    @Test
    @Order(1)
    void firstCallIsNotHeldAndTheCallbackServiceWasAsked() throws Exception {
        long t0 = System.nanoTime();
        FsResults.FetchStatusResult st = fs.fetchStatus(volRoot).get(60, TimeUnit.SECONDS);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(st.status().isDirectory()).isTrue();
        // a client that ignores callbacks is held ~112 s (afs-rpcs.md §5.6)
        assertThat(ms).as("first FS call took %d ms", ms).isLessThan(10_000);
        assertThat(callbacks.answeredCalls()).containsKey(CbOpcodes.TELL_ME_ABOUT_YOURSELF)
                .containsKey(CbOpcodes.INIT_CALLBACK_STATE3);
        assertThat(fs.getCapabilities().get(10, TimeUnit.SECONDS)).isNotEmpty();
        System.out.printf("FsInteropIT: first FetchStatus %d ms; CB calls answered %s%n", ms, callbacks.answeredCalls());
    }

    @Test
    @Order(2)
    void fetchStatusAndDataMatchTheFixtures() throws Exception {
        for (String key : List.of("HELLO", "BIG", "EMPTY", "LONG", "NESTED")) {
            AfsFid fid = AfsFid.parse(cell.get("FILE_" + key + "_FID"));
            long size = Long.parseLong(cell.get("FILE_" + key + "_SIZE"));
            FsResults.FetchStatusResult st = fs.fetchStatus(fid).get(30, TimeUnit.SECONDS);
            assertThat(st.status().isFile()).as(key).isTrue();
            assertThat(st.status().length()).as(key).isEqualTo(size);
            assertThat(fetchMd5(fid, size)).as(key).isEqualTo(cell.get("FILE_" + key + "_MD5"));
        }
        // a range
        AfsFid big = AfsFid.parse(cell.get("FILE_BIG_FID"));
        Md5Sink part = new Md5Sink();
        long size = Long.parseLong(cell.get("FILE_BIG_SIZE"));
        assertThat(fs.fetchData64(big, size - 10, 100, part).get(30, TimeUnit.SECONDS).bytes()).isEqualTo(10);
        FsResults.VolumeStatus vs = fs.getVolumeStatus(volRoot.volume()).get(30, TimeUnit.SECONDS);
        assertThat(vs.name()).isEqualTo(cell.get("RXG_VOL"));
        assertThat(vs.volumeId()).isEqualTo(volRoot.volume());
    }

    @Test
    @Order(3)
    void pathsResolveThroughTheVldbAndDirectories() throws Exception {
        String vol = cell.get("RXG_VOL");
        AfsFileSystem.Location hello = afs.resolve(vol + ":/" + cell.get("FILE_HELLO_NAME")).get(30, TimeUnit.SECONDS);
        assertThat(hello.fid()).isEqualTo(AfsFid.parse(cell.get("FILE_HELLO_FID")));
        AfsFileSystem.Location nested = afs.resolve(vol + ":/" + cell.get("FILE_SUBDIR_NAME") + "/"
                + cell.get("FILE_NESTED_NAME")).get(30, TimeUnit.SECONDS);
        assertThat(nested.fid()).isEqualTo(AfsFid.parse(cell.get("FILE_NESTED_FID")));
        assertThat(afs.resolve(vol + ":/").get(30, TimeUnit.SECONDS).fid()).isEqualTo(volRoot);
        assertThat(afs.resolve(cell.get("FILE_BIG_FID")).get(30, TimeUnit.SECONDS).fid())
                .isEqualTo(AfsFid.parse(cell.get("FILE_BIG_FID")));
        List<String> names = fs.listDirectory(volRoot).get(30, TimeUnit.SECONDS).stream()
                .map(FsClient.DirEntry::name).toList();
        assertThat(names).contains(".", "..", cell.get("FILE_HELLO_NAME"), cell.get("FILE_BIG_NAME"),
                cell.get("FILE_LONG_NAME"), cell.get("FILE_SUBDIR_NAME"), cell.get("FILE_SYMLINK_NAME"),
                cell.get("FILE_MOUNT_NAME"));
    }

    // ------------------------------------------------------------------ (b) afsio interop

    @Test
    @Order(4)
    void a64MiBFileWrittenByRxgateIsReadByAfsio() throws Exception {
        long len = 64L * 1024 * 1024;
        AfsFid fid = create(rwRoot, "rxgate-64m-" + RUN + ".bin");
        RandomSource src = new RandomSource(42, len);
        long t0 = System.nanoTime();
        FsResults.StoreResult r = fs.storeData64(fid, AfsStoreStatus.NONE, 0, len, len, src).get(300, TimeUnit.SECONDS);
        double s = (System.nanoTime() - t0) / 1e9;
        assertThat(r.status().length()).isEqualTo(len);
        String ours = src.hex();
        OpenAfsTool.Result io = afsio(null, "fidread", "-fid", fid.toString(), "-cell", cell.cellName(), "-clear", "-md5");
        assertThat(io.exitCode()).as(io.output()).isZero();
        Matcher m = Pattern.compile("\\b([0-9a-f]{32})\\b").matcher(io.output());
        assertThat(m.find()).as(io.output()).isTrue();
        assertThat(m.group(1)).isEqualTo(ours);
        assertThat(fetchMd5(fid, len)).isEqualTo(ours);
        System.out.printf("FsInteropIT: stored 64 MiB in %.2f s (%.1f MB/s), afsio md5 %s%n", s, len / s / 1e6, ours);
    }

    @Test
    @Order(5)
    void aFileWrittenByAfsioIsReadByRxgateAndItsCallbackIsBroken() throws Exception {
        long len = 16L * 1024 * 1024 + 77;
        AfsFid fid = create(rwRoot, "afsio-" + RUN + ".bin");
        // hold a callback on it
        assertThat(fs.fetchStatus(fid).get(30, TimeUnit.SECONDS).callBack().expirationTime()).isPositive();
        callbacks.drain();
        Path data = Files.createTempFile("rxgate-afsio", ".bin");
        try {
            byte[] b = new byte[(int) len];
            new Random(7).nextBytes(b);
            Files.write(data, b);
            String expect = HexFormat.of().formatHex(md5().digest(b));
            OpenAfsTool.Result io = afsio(data, "fidwrite", "-vnode", fid.toString(), "-cell", cell.cellName(), "-clear",
                    "-force");
            assertThat(io.exitCode()).as(io.output()).isZero();
            assertThat(io.output()).doesNotContain("failed");
            assertThat(fs.fetchStatus(fid).get(30, TimeUnit.SECONDS).status().length()).isEqualTo(len);
            assertThat(fetchMd5(fid, len)).isEqualTo(expect);
        } finally {
            Files.deleteIfExists(data);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        boolean broken = false;
        List<CallbackEvent> seen = new ArrayList<>();
        while (!broken && System.nanoTime() < deadline) {
            CallbackEvent e = callbacks.poll();
            if (e == null) {
                Thread.sleep(50);
                continue;
            }
            seen.add(e);
            broken = e instanceof CallbackEvent.Broken b && b.fids().contains(fid);
        }
        assertThat(broken).as("CallBack break for %s, saw %s", fid, seen).isTrue();
    }

    // ------------------------------------------------------------------ (c) directories

    @Test
    @Order(6)
    void makeATreeListItAndLookUpAMissingName() throws Exception {
        String top = "tree-" + RUN;
        FsResults.CreateResult d = fs.makeDir(rwRoot, top, AfsStoreStatus.modeAndTime(0755, 0)).get(30, TimeUnit.SECONDS);
        assertThat(d.status().isDirectory()).isTrue();
        AfsFid dir = d.fid();
        AfsFid a = create(dir, "a.txt");
        AfsFid sub = fs.makeDir(dir, "sub", null).get(30, TimeUnit.SECONDS).fid();
        AfsFid b = create(sub, "b.txt");
        String longName = "x".repeat(200);
        AfsFid l = create(dir, longName);
        fs.storeData64(b, null, 0, 5, 5, DataSource.of("hello".getBytes(StandardCharsets.US_ASCII))).get(30, TimeUnit.SECONDS);

        List<FsClient.DirEntry> list = fs.listDirectory(dir).get(30, TimeUnit.SECONDS);
        assertThat(list).extracting(FsClient.DirEntry::name).containsExactlyInAnyOrder(".", "..", "a.txt", "sub", longName);
        assertThat(list).contains(new FsClient.DirEntry("a.txt", a), new FsClient.DirEntry("sub", sub),
                new FsClient.DirEntry(".", dir), new FsClient.DirEntry("..", rwRoot));
        assertThat(fs.lookup(dir, longName).get(30, TimeUnit.SECONDS)).isEqualTo(l);
        assertThat(afs.resolve(rwVolume + ":/" + top + "/sub/b.txt").get(30, TimeUnit.SECONDS).fid()).isEqualTo(b);
        assertThat(fetchMd5(b, 5)).isEqualTo(HexFormat.of().formatHex(md5().digest("hello".getBytes(StandardCharsets.US_ASCII))));

        assertThatThrownBy(() -> fs.lookup(dir, "missing").join()).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(RxCallException.class).hasMessageContaining("UAENOENT")
                .satisfies(e -> assertThat(((RxCallException) e.getCause()).code()).isEqualTo(FsErrors.UAENOENT));
        assertThatThrownBy(() -> afs.resolve(rwVolume + ":/" + top + "/nope/b.txt").join())
                .hasMessageContaining("UAENOENT");
        // the server's own named errors
        assertThatThrownBy(() -> fs.createFile(dir, "a.txt", null).join()).hasMessageContaining("UAEEXIST");
        assertThatThrownBy(() -> fs.removeFile(dir, "missing").join()).hasMessageContaining("UAENOENT");
        // OpenAFS answers RemoveDir of a non-empty directory with EEXIST, not ENOTEMPTY
        assertThatThrownBy(() -> fs.removeDir(dir, "sub").join()).hasMessageContaining("UAEEXIST");

        fs.removeFile(sub, "b.txt").get(30, TimeUnit.SECONDS);
        fs.removeDir(dir, "sub").get(30, TimeUnit.SECONDS);
        fs.removeFile(dir, "a.txt").get(30, TimeUnit.SECONDS);
        assertThat(fs.listDirectory(dir).get(30, TimeUnit.SECONDS)).extracting(FsClient.DirEntry::name)
                .containsExactlyInAnyOrder(".", "..", longName);
        assertThatThrownBy(() -> fs.fetchStatus(b).join()).hasMessageContaining("VNOVNODE");
    }

    // ------------------------------------------------------------------ (d) concurrency

    @Test
    @Order(7)
    void sixteenConcurrent8MiBTransfers() throws Exception {
        int n = 16;
        long len = 8L * 1024 * 1024;
        List<AfsFid> fids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            fids.add(create(rwRoot, "conc-" + RUN + "-" + i));
        }
        List<RandomSource> sources = new ArrayList<>();
        List<CompletableFuture<FsResults.StoreResult>> stores = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            RandomSource s = new RandomSource(1000 + i, len);
            sources.add(s);
            stores.add(fs.storeData64(fids.get(i), null, 0, len, len, s));
        }
        CompletableFuture.allOf(stores.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
        double st = (System.nanoTime() - t0) / 1e9;
        List<Md5Sink> sinks = new ArrayList<>();
        List<CompletableFuture<FsResults.FetchDataResult>> fetches = new ArrayList<>();
        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Md5Sink s = new Md5Sink();
            sinks.add(s);
            fetches.add(fs.fetchData64(fids.get(i), 0, len, s));
        }
        CompletableFuture.allOf(fetches.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
        double ft = (System.nanoTime() - t0) / 1e9;
        for (int i = 0; i < n; i++) {
            assertThat(fetches.get(i).join().bytes()).isEqualTo(len);
            assertThat(sinks.get(i).hex()).as("file %d", i).isEqualTo(sources.get(i).hex());
        }
        int restarts = sources.stream().mapToInt(s -> s.rewinds).sum();
        System.out.printf("FsInteropIT: 16 x 8 MiB: store %.2f s (%.1f MB/s, %d restarted after VBUSY), fetch %.2f s"
                + " (%.1f MB/s)%n", st, n * len / st / 1e6, restarts, ft, n * len / ft / 1e6);
    }

    // ------------------------------------------------------------------ (e) no callback failures

    @Test
    @Order(8)
    void theFileserverLogsNoCallbackFailuresForUs() throws Exception {
        // one more call so the log is current
        fs.fetchStatus(volRoot).get(30, TimeUnit.SECONDS);
        Path log = cell.state().resolve("logs/FileLog");
        List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        int port = endpoint.localAddress().getPort();
        String client = cell.get("RXG_CLIENT_ADDR");
        String hex = "0x" + Integer.toHexString(ipv4(client));
        Pattern bad = Pattern.compile("(?i)fail|down|error|timed out|couldn't|unable|not respond");
        Pattern cbRelated = Pattern.compile("(?i)CB:|call ?back|WhoAreYou|TellMeAboutYourself|InitCallBack|ProbeUuid"
                + "|Probe|MultiProbe|host .* down|h_|CheckHost");
        List<String> ours = lines.stream().filter(s -> s.contains(client + ":" + port) || s.contains(hex + ":" + port))
                .toList();
        // callback failures about this endpoint (processes that exited, like afsio, may show up for other ports)
        List<String> cbFailures = ours.stream().filter(s -> cbRelated.matcher(s).find() && bad.matcher(s).find())
                .toList();
        List<String> busy = ours.stream().filter(s -> s.contains("Couldn't get client")).toList();
        System.out.printf("FsInteropIT: FileLog %d lines, %d about %s (port %d); callback failures %s;"
                + " %d VBUSY 'Couldn't get client' lines; CB calls answered %s%n", lines.size(), ours.size(), client,
                port, cbFailures, busy.size(), callbacks.answeredCalls());
        assertThat(cbFailures).as("callback failures in FileLog").isEmpty();
        assertThat(ours.stream().filter(s -> bad.matcher(s).find() && !s.contains("Couldn't get client")).toList())
                .as("other failures about %s", client).isEmpty();
        assertThat(callbacks.abortedCalls()).isZero();
    }

    // ------------------------------------------------------------------ rxgate-cli fs

    record Cli(int rc, String out, String err) {
    }

    static Cli cli(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        List<String> a = new ArrayList<>(List.of(args));
        a.add(2, "--servers");
        a.add(3, cell.get("RXG_SERVER"));
        int rc = rxgate.rxrpc.cli.RxgateCli.execute(new rxgate.rxrpc.cli.RxgateCli(), a.toArray(String[]::new),
                new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true));
        return new Cli(rc, out.toString(), err.toString());
    }

    @Test
    @Order(9)
    void cliCreatesWritesReadsListsAndRemoves() throws Exception {
        String root = rwVolume + ":/";
        Cli c = cli("fs", "create", root, "cli-" + RUN + ".bin");
        assertThat(c.rc()).as(c.err()).isZero();
        AfsFid fid = AfsFid.parse(c.out().trim());
        Path in = Files.createTempFile("rxgate-cli-in", ".bin");
        Path out = Files.createTempFile("rxgate-cli-out", ".bin");
        try {
            byte[] data = new byte[3 * 1024 * 1024 + 5];
            new Random(99).nextBytes(data);
            Files.write(in, data);
            String md5 = HexFormat.of().formatHex(md5().digest(data));
            c = cli("fs", "write", root + "cli-" + RUN + ".bin", "--input", in.toString());
            assertThat(c.rc()).as(c.err()).isZero();
            assertThat(c.out()).contains(fid + ": " + data.length + " bytes");
            c = cli("fs", "read", fid.toString(), "--output", out.toString(), "--md5");
            assertThat(c.rc()).as(c.err()).isZero();
            assertThat(c.err()).contains(md5 + "  " + fid);
            assertThat(HexFormat.of().formatHex(md5().digest(Files.readAllBytes(out)))).isEqualTo(md5);
            OpenAfsTool.Result io = afsio(null, "fidread", "-fid", fid.toString(), "-cell", cell.cellName(), "-clear", "-md5");
            assertThat(io.output()).contains(md5);
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
        }
        c = cli("fs", "stat", root + "cli-" + RUN + ".bin");
        assertThat(c.rc()).as(c.err()).isZero();
        assertThat(c.out()).contains("fid: " + fid, "type: file", "length: " + (3 * 1024 * 1024 + 5), "mode: 0644");
        c = cli("fs", "mkdir", root, "clidir-" + RUN);
        assertThat(c.rc()).as(c.err()).isZero();
        AfsFid dir = AfsFid.parse(c.out().trim());
        c = cli("fs", "ls", root);
        assertThat(c.rc()).as(c.err()).isZero();
        assertThat(c.out()).contains(fid + " cli-" + RUN + ".bin", dir + " clidir-" + RUN).doesNotContain(" ..\n");
        c = cli("fs", "rm", root, "clidir-" + RUN);
        assertThat(c.rc()).as(c.err()).isZero();
        c = cli("fs", "rm", root, "cli-" + RUN + ".bin");
        assertThat(c.rc()).as(c.err()).isZero();
        c = cli("fs", "stat", root + "cli-" + RUN + ".bin");
        assertThat(c.rc()).isEqualTo(1);
        assertThat(c.err()).startsWith("rxgate-cli: fs stat: UAENOENT (49733377)");
        c = cli("fs", "rm", root, "cli-" + RUN + ".bin");
        assertThat(c.rc()).isEqualTo(1);
        assertThat(c.err()).contains("UAENOENT");
        System.out.printf("FsInteropIT: rxgate-cli fs create/write/read/stat/mkdir/ls/rm ok (%s)%n", fid);
    }

    static int ipv4(String s) {
        byte[] b = TestCell.parseIpv4(s);
        return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    }

}
