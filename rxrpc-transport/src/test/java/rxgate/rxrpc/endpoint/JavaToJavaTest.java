package rxgate.rxrpc.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rxgate.rxrpc.CallCompletion;
import rxgate.rxrpc.RxAbortException;
import rxgate.rxrpc.RxCall;
import rxgate.rxrpc.RxCallException;
import rxgate.rxrpc.RxClient;
import rxgate.rxrpc.RxEndpoint;
import rxgate.rxrpc.RxService;
import rxgate.rxrpc.RxServiceCall;
import rxgate.rxrpc.RxStats.Counter;

/** Two rxgate endpoints on loopback: one offers services, the other calls them. */
class JavaToJavaTest {
    static final int ECHO = 4711;
    static final int SINK = 4712;
    static final int NEVER = 4719;

    RxEndpoint server;
    final CompletableFuture<RxServiceCall> stalled = new CompletableFuture<>();
    RxEndpoint client;
    InetSocketAddress serverAddr;

    @BeforeEach
    void setUp() throws Exception {
        server = RxEndpoint.builder().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .service(RxService.requestReply(ECHO, (call, req) -> {
                    if (req.length >= 4 && ByteBuffer.wrap(req).getInt() == -1) {
                        return CompletableFuture.failedFuture(new RxAbortException(363524));
                    }
                    return CompletableFuture.completedFuture(req);
                }).build())
                .service(RxService.streaming(SINK, JavaToJavaTest::sink).build())
                .service(RxService.streaming(NEVER, stalled::complete).build())
                .build();
        serverAddr = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.localAddress().getPort());
        client = RxEndpoint.builder().deadTime(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.close();
    }

    /** Reads the whole request as a stream, replies with its length and SHA-256. */
    static void sink(RxServiceCall call) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        long[] total = {0};
        readAll(call, md, total).thenCompose(v -> {
            ByteBuffer reply = ByteBuffer.allocate(8 + 32);
            reply.putLong(total[0]).put(md.digest()).flip();
            return call.send(reply, true);
        });
    }

    static CompletableFuture<Void> readAll(RxCall call, MessageDigest md, long[] total) {
        return call.receive().thenCompose(b -> {
            if (!b.hasRemaining()) {
                return CompletableFuture.completedFuture(null);
            }
            total[0] += b.remaining();
            md.update(b);
            return readAll(call, md, total);
        });
    }

    @Test
    void aSmallRequestIsEchoed() {
        RxClient echo = client.client(serverAddr, ECHO);
        byte[] reply = echo.call("hello rx".getBytes()).orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(new String(reply)).isEqualTo("hello rx");
        assertThat(server.state().join().serviceConnections()).isEqualTo(1);
    }

    @Test
    void anEmptyRequestAndAMultiPacketRequestAreEchoed() {
        RxClient echo = client.client(serverAddr, ECHO);
        assertThat(echo.call(new byte[0]).orTimeout(10, TimeUnit.SECONDS).join()).isEmpty();
        byte[] big = new byte[300_000];
        new Random(1).nextBytes(big);
        assertThat(echo.call(big).orTimeout(30, TimeUnit.SECONDS).join()).isEqualTo(big);
    }

    @Test
    void aServiceAbortReachesTheCallerWithItsName() {
        RxClient echo = client.client(serverAddr, ECHO);
        assertThatThrownBy(() -> echo.call(new byte[] {-1, -1, -1, -1}).orTimeout(10, TimeUnit.SECONDS).join())
                .isInstanceOf(CompletionException.class).cause()
                .isInstanceOfSatisfying(RxCallException.class, e -> {
                    assertThat(e.codeName()).isEqualTo("VL_NOENT");
                    assertThat(e.completion()).isEqualTo(CallCompletion.REMOTELY_ABORTED);
                });
    }

    @Test
    void theClientReportsTheServerAsAPeerWithAnRttEstimate() {
        client.client(serverAddr, ECHO).call(new byte[] {1, 2, 3, 4}).orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(client.peers().orTimeout(10, TimeUnit.SECONDS).join()).anySatisfy(p -> {
            assertThat(p.address()).isEqualTo(serverAddr);
            assertThat(p.rttSamples()).isPositive();
            assertThat(p.packetsSent()).isPositive();
            assertThat(p.rtoMicros()).isPositive();
        });
    }

    @Test
    void callsBeyondTheChannelsOfTheLastAllowedConnectionWait() {
        try (RxEndpoint one = RxEndpoint.builder().maxConnectionsPerServer(1).deadTime(Duration.ofSeconds(5)).build()) {
            RxClient never = one.client(serverAddr, NEVER);
            List<CompletableFuture<byte[]>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(never.call(new byte[] {1, 2, 3, 4}));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (one.state().join().waitingCalls() != 2 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(one.state().join().waitingCalls()).isEqualTo(2); // 4 channels busy, 2 queued
            assertThat(one.state().join().clientConnections()).isEqualTo(1);
            calls.forEach(c -> c.cancel(false));
        }
    }

    @Test
    void cancellingAWholeCallsFutureAbortsTheCallAtTheServer() {
        CompletableFuture<byte[]> reply = client.client(serverAddr, NEVER).call(new byte[] {1, 2, 3, 4});
        RxServiceCall atServer = stalled.orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(atServer.completion()).isNotDone();
        reply.cancel(false);
        assertThatThrownBy(() -> atServer.completion().orTimeout(10, TimeUnit.SECONDS).join())
                .cause().isInstanceOfSatisfying(RxCallException.class,
                        e -> assertThat(e.codeName()).isEqualTo("RX_USER_ABORT"));
    }

    @Test
    void anUnknownServiceIsRefusedWithInvalidOperation() {
        RxClient nobody = client.client(serverAddr, 999);
        assertThatThrownBy(() -> nobody.call(new byte[] {1}).orTimeout(10, TimeUnit.SECONDS).join())
                .cause().isInstanceOfSatisfying(RxCallException.class,
                        e -> assertThat(e.codeName()).isEqualTo("RX_INVALID_OPERATION"));
    }

    @Test
    void manyConcurrentCallsAllSucceed() {
        RxClient echo = client.client(serverAddr, ECHO);
        List<CompletableFuture<byte[]>> calls = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            calls.add(echo.call(ByteBuffer.allocate(4).putInt(i).array()));
        }
        for (int i = 0; i < calls.size(); i++) {
            assertThat(ByteBuffer.wrap(calls.get(i).orTimeout(30, TimeUnit.SECONDS).join()).getInt()).isEqualTo(i);
        }
        assertThat(client.state().join().activeCalls()).isZero();
    }

    @Test
    void aStreamedUploadOfEightMegabytesArrivesIntactWithJumbograms() throws Exception {
        RxClient sink = client.client(serverAddr, SINK);
        RxCall call = sink.newCall();
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        Random rnd = new Random(7);
        long size = 8L << 20;
        byte[] chunk = new byte[64 * 1024];
        CompletableFuture<Void> sent = CompletableFuture.completedFuture(null);
        for (long off = 0; off < size; off += chunk.length) {
            rnd.nextBytes(chunk);
            md.update(chunk);
            boolean last = off + chunk.length >= size;
            ByteBuffer b = ByteBuffer.wrap(chunk.clone());
            sent = sent.thenCompose(v -> call.send(b, last));
            sent.orTimeout(30, TimeUnit.SECONDS).join(); // backpressure: one chunk at a time
        }
        ByteBuffer reply = call.receive().orTimeout(30, TimeUnit.SECONDS).join();
        assertThat(reply.getLong()).isEqualTo(size);
        byte[] digest = new byte[32];
        reply.get(digest);
        assertThat(digest).isEqualTo(md.digest());
        assertThat(call.receive().orTimeout(10, TimeUnit.SECONDS).join().remaining()).isZero();
        call.completion().orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(client.stats().get(Counter.JUMBOGRAMS_SENT)).as("rxgate peers take jumbograms").isPositive();
    }

    @Test
    void withJumbogramsOffEveryDatagramCarriesOnePacket() throws Exception {
        try (RxEndpoint plain = RxEndpoint.builder().jumbograms(false).build()) {
            byte[] big = new byte[200_000];
            new Random(9).nextBytes(big);
            assertThat(plain.client(serverAddr, ECHO).call(big).orTimeout(30, TimeUnit.SECONDS).join()).isEqualTo(big);
            assertThat(plain.stats().get(Counter.JUMBOGRAMS_SENT)).isZero();
            assertThat(plain.stats().get(Counter.JUMBOGRAMS_READ)).as("the server saw our jumbo_max of 1").isZero();
        }
    }

    @Test
    void aStreamedDownloadIsReadWithFlowControl() throws Exception {
        int size = 4 << 20;
        byte[] data = new byte[size];
        new Random(3).nextBytes(data);
        server.register(RxService.streaming(4713, c -> c.receive().thenCompose(req -> {
            CompletableFuture<Void> f = CompletableFuture.completedFuture(null);
            for (int off = 0; off < size; off += 100_000) {
                int o = off;
                int n = Math.min(100_000, size - off);
                f = f.thenCompose(v -> c.send(ByteBuffer.wrap(data, o, n), o + n >= size));
            }
            return f;
        })).build()).join();
        RxCall call = client.client(serverAddr, 4713).newCall();
        call.send(ByteBuffer.wrap(new byte[] {1}), true).join();
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        while (true) {
            ByteBuffer b = call.receive().orTimeout(30, TimeUnit.SECONDS).join();
            if (!b.hasRemaining()) {
                break;
            }
            byte[] part = new byte[b.remaining()];
            b.get(part);
            got.write(part);
        }
        assertThat(got.toByteArray()).isEqualTo(data);
    }

    @Test
    void aClientProbingForAnUpgradeIsAnsweredByTheUpgradedService() {
        server.register(RxService.requestReply(52, (c, req) -> CompletableFuture.completedFuture("vl".getBytes()))
                .upgradeTo(2503).build()).join();
        server.register(RxService.requestReply(2503,
                (c, req) -> CompletableFuture.completedFuture(("yfs-vl " + c.serviceId()).getBytes())).build()).join();
        RxClient plain = client.client(serverAddr, 52);
        assertThat(new String(plain.call(new byte[] {1}).orTimeout(10, TimeUnit.SECONDS).join())).isEqualTo("vl");
        RxClient probing = plain.withServiceUpgrade();
        for (int i = 0; i < 3; i++) {
            assertThat(new String(probing.call(new byte[] {1}).orTimeout(10, TimeUnit.SECONDS).join()))
                    .as("the connection stays upgraded for later calls").isEqualTo("yfs-vl 2503");
        }
    }

    @Test
    void preallocatedCallsCarryTheServicesContext() {
        java.util.concurrent.atomic.AtomicInteger made = new java.util.concurrent.atomic.AtomicInteger();
        server.register(RxService.requestReply(4714, (c, req) -> CompletableFuture.completedFuture(
                        ("ctx " + c.userContext()).getBytes()))
                .callContext(() -> "slot-" + made.incrementAndGet()).backlog(4).build()).join();
        String first = new String(client.client(serverAddr, 4714).call(new byte[0]).orTimeout(10, TimeUnit.SECONDS)
                .join());
        assertThat(first).startsWith("ctx slot-");
        assertThat(made.get()).as("contexts are made when calls are preallocated").isGreaterThanOrEqualTo(4);
    }

    @Test
    void endpointsWorkOverIpv6Loopback() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        try (RxEndpoint s6 = RxEndpoint.builder().bind(new InetSocketAddress(v6, 0))
                .service(RxService.requestReply(ECHO, (c, req) -> CompletableFuture.completedFuture(req)).build())
                .build();
                RxEndpoint c6 = RxEndpoint.builder().bind(new InetSocketAddress(v6, 0)).build()) {
            InetSocketAddress to = new InetSocketAddress(v6, s6.localAddress().getPort());
            byte[] big = new byte[50_000];
            new Random(5).nextBytes(big);
            assertThat(c6.client(to, ECHO).call(big).orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo(big);
            assertThat(c6.version(to, Duration.ofSeconds(5)).join()).startsWith("rxgate");
        }
    }

    @Test
    void aRestartedClientOnTheSamePortIsANewConnectionToTheServer() {
        InetSocketAddress local = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        int port;
        try (RxEndpoint first = RxEndpoint.builder().bind(local).build()) {
            port = first.localAddress().getPort();
            assertThat(first.client(serverAddr, ECHO).call(new byte[] {1}).orTimeout(10, TimeUnit.SECONDS).join())
                    .containsExactly(1);
        }
        // same address and port, new process-like endpoint: a new random epoch keeps the server
        // from taking its first call for a late packet of the old connection
        try (RxEndpoint second = RxEndpoint.builder()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).build()) {
            assertThat(second.client(serverAddr, ECHO).call(new byte[] {2}).orTimeout(10, TimeUnit.SECONDS).join())
                    .containsExactly(2);
        }
        assertThat(server.state().join().serviceConnections()).isEqualTo(2);
    }

    @Test
    void idleClientConnectionsExpire() throws Exception {
        try (RxEndpoint c = RxEndpoint.builder().connectionIdleTime(Duration.ofMillis(300)).build()) {
            c.client(serverAddr, ECHO).call(new byte[] {1}).orTimeout(10, TimeUnit.SECONDS).join();
            assertThat(c.state().join().clientConnections()).isEqualTo(1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (c.state().join().clientConnections() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(c.state().join().clientConnections()).as("reaped after the idle time").isZero();
            // and a later call simply opens a new one
            assertThat(c.client(serverAddr, ECHO).call(new byte[] {3}).orTimeout(10, TimeUnit.SECONDS).join())
                    .containsExactly(3);
        }
    }

    @Test
    void theServerAnswersRxdebugWithItsConnections() {
        client.client(serverAddr, ECHO).call(new byte[] {1}).orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(client.version(serverAddr, Duration.ofSeconds(5)).join()).startsWith("rxgate");
    }
}
