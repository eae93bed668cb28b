package rxgate.rxrpc.services.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rxgate.rxrpc.RxCallException;
import rxgate.rxrpc.RxEndpoint;
import rxgate.rxrpc.RxService;
import rxgate.rxrpc.RxServiceCall;
import rxgate.rxrpc.errors.AfsErrors;
import rxgate.rxrpc.services.Golden;
import rxgate.rxrpc.xdr.XdrReader;
import rxgate.rxrpc.xdr.XdrWriter;

/** FsClient against a scripted fileserver on loopback: wire layouts and streaming. */
class FsClientTest {
    static final AfsFid FILE = new AfsFid(536870915, 2, 2);
    static final AfsFid DIR = new AfsFid(536870915, 1, 1);
    static final long FILE_SIZE = 5L * 1024 * 1024 + 123;
    static RxEndpoint server;
    static RxEndpoint client;
    static FsClient fs;
    static volatile String lastStoreMd5;
    static volatile long lastStoreBytes;
    static volatile byte[] lastRequestHeader;
    static final java.util.concurrent.atomic.AtomicInteger busyCount = new java.util.concurrent.atomic.AtomicInteger();
    static ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @BeforeAll
    static void setUp() {
        InetSocketAddress lo = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        server = RxEndpoint.builder().bind(lo).deadTime(Duration.ofSeconds(5))
                .service(RxService.streaming(1, FsClientTest::serve).build()).build();
        client = RxEndpoint.builder().bind(lo).deadTime(Duration.ofSeconds(5)).build();
        fs = new FsClient(client.client(server.localAddress(), 1));
    }

    @AfterAll
    static void tearDown() {
        client.close();
        server.close();
        timer.shutdownNow();
    }

    static byte fileByte(long i) {
        return (byte) (i * 31 + (i >>> 9));
    }

    static AfsFetchStatus status(int type, long length) {
        return new AfsFetchStatus(1, type, 1, length & 0xFFFFFFFFL, 7, 1, 1, 0x7f, 0x9, 0644, 1, 1, 1, 100, 200, 0,
                0, 0, 0, length >>> 32, 0);
    }

    /** The fake fileserver: reads the request header, then answers. */
    static void serve(RxServiceCall call) {
        readAll(call, new java.io.ByteArrayOutputStream(), null, new long[] {0}).thenAccept(req -> {
            XdrReader r = new XdrReader(req.header);
            int op = r.readInt();
            XdrWriter w = new XdrWriter();
            switch (op) {
                case FsOpcodes.FETCH_DATA64 -> {
                    AfsFid fid = AfsFid.decode(r);
                    long pos = r.readLong();
                    long len = r.readLong();
                    if (fid.vnode() == 1) {
                        byte[] dir = new DirectoryImage(1).add(".", 1, 1).add("..", 1, 1).add("hello.txt", 2, 2).build();
                        sendFetch(call, dir, status(2, dir.length));
                        return;
                    }
                    if (fid.vnode() == 4) { // a broken server: announces more than it sends
                        w.writeLong(100);
                        w.writeRaw(new byte[10]);
                        call.send(ByteBuffer.wrap(w.toByteArray()), true);
                        return;
                    }
                    long n = Math.max(0, Math.min(len, FILE_SIZE - pos));
                    w.writeLong(n);
                    call.send(ByteBuffer.wrap(w.toByteArray()), false)
                            .thenCompose(v -> sendData(call, pos, n))
                            .thenCompose(v -> call.send(ByteBuffer.wrap(trailer(status(1, FILE_SIZE))), true));
                }
                case FsOpcodes.STORE_DATA64 -> {
                    lastStoreMd5 = req.md5;
                    lastStoreBytes = req.dataBytes;
                    AfsFid.decode(r);
                    AfsStoreStatus.decode(r);
                    long pos = r.readLong();
                    long len = r.readLong();
                    status(1, pos + len).encodeTo(w);
                    new AfsVolSync(1234, 0, 0, 0, 0, 0).encodeTo(w);
                    call.send(ByteBuffer.wrap(w.toByteArray()), true);
                }
                case FsOpcodes.CREATE_FILE -> {
                    lastRequestHeader = req.header;
                    new AfsFid(536870915, 6, 9).encodeTo(w);
                    status(1, 0).encodeTo(w);
                    status(2, 2048).encodeTo(w);
                    new AfsCallBack(1, 7200, 1).encodeTo(w);
                    new AfsVolSync(1234, 0, 0, 0, 0, 0).encodeTo(w);
                    call.send(ByteBuffer.wrap(w.toByteArray()), true);
                }
                case FsOpcodes.REMOVE_FILE -> call.abort(FsErrors.UAENOENT);
                case FsOpcodes.REMOVE_DIR -> {
                    if (busyCount.getAndIncrement() % 3 < 2) {
                        call.abort(FsErrors.VBUSY); // twice busy, then done
                        return;
                    }
                    status(2, 2048).encodeTo(w);
                    new AfsVolSync(1234, 0, 0, 0, 0, 0).encodeTo(w);
                    call.send(ByteBuffer.wrap(w.toByteArray()), true);
                }
                default -> call.abort(AfsErrors.RXGEN_OPCODE);
            }
        });
    }

    static void sendFetch(RxServiceCall call, byte[] data, AfsFetchStatus st) {
        XdrWriter w = new XdrWriter();
        w.writeLong(data.length);
        w.writeRaw(data);
        w.writeRaw(trailer(st));
        call.send(ByteBuffer.wrap(w.toByteArray()), true);
    }

    static byte[] trailer(AfsFetchStatus st) {
        XdrWriter w = new XdrWriter();
        st.encodeTo(w);
        new AfsCallBack(1, 7200, 2).encodeTo(w);
        new AfsVolSync(1234, 0, 0, 0, 0, 0).encodeTo(w);
        return w.toByteArray();
    }

    static CompletableFuture<Void> sendData(RxServiceCall call, long pos, long left) {
        if (left == 0) {
            return CompletableFuture.completedFuture(null);
        }
        int n = (int) Math.min(60000, left);
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = fileByte(pos + i);
        }
        return call.send(ByteBuffer.wrap(b), false).thenCompose(v -> sendData(call, pos + n, left - n));
    }

    record Req(byte[] header, String md5, long dataBytes) {
    }

    /** Reads the request: the first 64 bytes (or fewer) are kept, the rest is hashed. */
    static CompletableFuture<Req> readAll(RxServiceCall call, java.io.ByteArrayOutputStream head, MessageDigest md,
            long[] count) {
        MessageDigest m;
        try {
            m = md != null ? md : MessageDigest.getInstance("MD5");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return call.receive().thenCompose(b -> {
            if (!b.hasRemaining()) {
                return CompletableFuture.completedFuture(new Req(head.toByteArray(), HexFormat.of().formatHex(m.digest()),
                        count[0]));
            }
            while (b.hasRemaining() && head.size() < 64) {
                head.write(b.get());
            }
            count[0] += b.remaining();
            m.update(b);
            return readAll(call, head, m, count);
        });
    }

    @Test
    void requestLayouts() {
        byte[] fetch = FsClient.fetchData64Request(FILE, 2990, 100);
        assertThat(fetch).isEqualTo(Golden.bytes().words(65537, 536870915, 2, 2, 0, 2990, 0, 100).build()).hasSize(32);
        byte[] store = FsClient.storeData64Request(FILE, AfsStoreStatus.modeAndTime(0644, 1000), 0, 3000, 3000);
        assertThat(store).isEqualTo(Golden.bytes().words(65538, 536870915, 2, 2, 9, 1000, 0, 0, 0644, 0, 0, 0, 0,
                3000, 0, 3000).build()).hasSize(64);
    }

    @Test
    void fetchStreamsToASlowSinkWithoutBufferingTheFile() throws Exception {
        MessageDigest md = MessageDigest.getInstance("MD5");
        MessageDigest expect = MessageDigest.getInstance("MD5");
        for (long i = 0; i < FILE_SIZE; i++) {
            expect.update(fileByte(i));
        }
        AtomicLong maxChunk = new AtomicLong();
        AtomicLong chunks = new AtomicLong();
        DataSink slow = chunk -> {
            maxChunk.accumulateAndGet(chunk.remaining(), Math::max);
            md.update(chunk);
            CompletableFuture<Void> f = new CompletableFuture<>();
            if (chunks.incrementAndGet() % 16 == 0) {
                timer.schedule(() -> f.complete(null), 2, TimeUnit.MILLISECONDS);
            } else {
                f.complete(null);
            }
            return f;
        };
        FsResults.FetchDataResult r = fs.fetchData64(FILE, 0, Long.MAX_VALUE / 2, slow).get(30, TimeUnit.SECONDS);
        assertThat(r.bytes()).isEqualTo(FILE_SIZE);
        assertThat(r.status().length()).isEqualTo(FILE_SIZE);
        assertThat(r.callBack()).isEqualTo(new AfsCallBack(1, 7200, 2));
        assertThat(md.digest()).isEqualTo(expect.digest());
        assertThat(maxChunk.get()).isLessThanOrEqualTo(64 * 1024);
    }

    @Test
    void partialFetchReturnsTheRange() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        var r = fs.fetchData64(FILE, FILE_SIZE - 10, 100, java.nio.channels.Channels.newChannel(out)).get(10, TimeUnit.SECONDS);
        assertThat(r.bytes()).isEqualTo(10);
        byte[] b = out.toByteArray();
        assertThat(b).hasSize(10);
        assertThat(b[9]).isEqualTo(fileByte(FILE_SIZE - 1));
    }

    @Test
    void aShortReplyIsAnUnmarshalError() {
        assertThatThrownBy(() -> fs.fetchData64(FILE.volume() == 0 ? FILE : new AfsFid(1, 4, 1), 0, 1000,
                c -> CompletableFuture.completedFuture(null)).join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(RxCallException.class)
                .satisfies(e -> assertThat(((RxCallException) e.getCause()).code()).isEqualTo(AfsErrors.RXGEN_CC_UNMARSHAL));
    }

    @Test
    void storeStreamsFromASource() throws Exception {
        long len = 3L * 1024 * 1024 + 7;
        MessageDigest expect = MessageDigest.getInstance("MD5");
        long[] pos = {0};
        DataSource src = max -> {
            int n = (int) Math.min(max, len - pos[0]);
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) {
                b[i] = fileByte(pos[0] + i + 5);
            }
            pos[0] += n;
            expect.update(b);
            return CompletableFuture.completedFuture(ByteBuffer.wrap(b));
        };
        var r = fs.storeData64(FILE, AfsStoreStatus.NONE, 0, len, len, src).get(30, TimeUnit.SECONDS);
        assertThat(r.status().length()).isEqualTo(len);
        assertThat(lastStoreBytes).isEqualTo(len);
        assertThat(lastStoreMd5).isEqualTo(HexFormat.of().formatHex(expect.digest()));
    }

    @Test
    void aSourceThatEndsEarlyFailsTheStore() {
        assertThatThrownBy(() -> fs.storeData64(FILE, null, 0, 100_000, 100_000, DataSource.of(new byte[50_000])).join())
                .isInstanceOf(CompletionException.class).hasMessageContaining("data source ended");
    }

    @Test
    void createLayoutAndDecode() throws Exception {
        var r = fs.createFile(DIR, "new.txt", AfsStoreStatus.modeAndTime(0644, 77)).get(10, TimeUnit.SECONDS);
        assertThat(r.fid()).isEqualTo(new AfsFid(536870915, 6, 9));
        assertThat(r.status().isFile()).isTrue();
        assertThat(r.dirStatus().isDirectory()).isTrue();
        assertThat(lastRequestHeader).isEqualTo(Golden.bytes().words(137, 536870915, 1, 1).string("new.txt")
                .words(9, 77, 0, 0, 0644, 0).build());
        assertThatThrownBy(() -> fs.createFile(DIR, "a/b", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fs.createFile(DIR, "", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void abortsArriveAsNamedErrors() {
        assertThatThrownBy(() -> fs.removeFile(DIR, "nope").join()).hasCauseInstanceOf(RxCallException.class)
                .hasMessageContaining("UAENOENT");
    }

    @Test
    void directoryListingAndLookup() throws Exception {
        assertThat(fs.listDirectory(DIR).get(10, TimeUnit.SECONDS)).extracting(FsClient.DirEntry::name)
                .containsExactly(".", "..", "hello.txt");
        assertThat(fs.lookup(DIR, "hello.txt").get(10, TimeUnit.SECONDS)).isEqualTo(new AfsFid(536870915, 2, 2));
        assertThatThrownBy(() -> fs.lookup(DIR, "missing").join()).hasCauseInstanceOf(RxCallException.class)
                .satisfies(e -> assertThat(((RxCallException) e.getCause()).code()).isEqualTo(FsErrors.UAENOENT))
                .hasMessageContaining("UAENOENT").hasMessageContaining("missing");
        assertThatThrownBy(() -> fs.lookup(FILE, "x").join())
                .satisfies(e -> assertThat(((RxCallException) e.getCause()).code()).isEqualTo(FsErrors.UAENOTDIR));
    }

    @Test
    void vbusyIsRetried() throws Exception {
        long t0 = System.nanoTime();
        assertThat(fs.removeDir(DIR, "d").get(10, TimeUnit.SECONDS).dirStatus().isDirectory()).isTrue();
        assertThat(busyCount.get()).isEqualTo(3);
        assertThat(System.nanoTime() - t0).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(250)); // 100 + 200 ms backoff
        assertThat(FsClient.isRetryable(new RxCallException(rxgate.rxrpc.CallCompletion.REMOTELY_ABORTED, 110, null)))
                .isTrue();
        assertThat(FsClient.isRetryable(new RxCallException(rxgate.rxrpc.CallCompletion.REMOTELY_ABORTED, 102, null)))
                .isFalse();
    }

    @Test
    void fidText() {
        assertThat(AfsFid.parse("536870915.2.2")).isEqualTo(FILE);
        assertThat(FILE).hasToString("536870915.2.2");
        assertThat(AfsFid.looksLikeFid("rxgtest.vol:/a")).isFalse();
        assertThatThrownBy(() -> AfsFid.parse("1.2")).isInstanceOf(IllegalArgumentException.class);
    }
}
