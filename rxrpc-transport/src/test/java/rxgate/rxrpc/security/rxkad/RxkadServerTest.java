package rxgate.rxrpc.security.rxkad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import rxgate.rxrpc.RxCall;
import rxgate.rxrpc.CallFailures;
import rxgate.rxrpc.RxCallException;
import rxgate.rxrpc.RxClient;
import rxgate.rxrpc.RxEndpoint;
import rxgate.rxrpc.RxService;
import rxgate.rxrpc.RxServiceCall;
import rxgate.rxrpc.RxStats.Counter;
import rxgate.rxrpc.security.NullSecurity;
import rxgate.rxrpc.security.RxPrincipal;
import rxgate.rxrpc.security.RxSecurityClass;
import rxgate.rxrpc.security.RxSecurityException;
import rxgate.rxrpc.security.ServerConnectionSecurity;
import rxgate.rxrpc.services.debug.DebugConn;
import rxgate.rxrpc.services.debug.RxDebugChannel;
import rxgate.rxrpc.services.debug.RxDebugClient;
import rxgate.rxrpc.services.debug.RxDebugFormatter;
import rxgate.rxrpc.wire.DropReason;
import rxgate.rxrpc.wire.PacketType;
import rxgate.rxrpc.wire.WireHeader;

/**
 * rxgate client against rxgate server with rxkad on loopback: the handshake, every level, the
 * principal the service sees, every refusal by its RXKAD code, tampered packets, and the CHALLENGE
 * being repeated. Ticket times are checked against an injected server clock.
 */
class RxkadServerTest {
    static final int WHOAMI = 5001;
    static final int ECHO = 5002;
    static final int MIXED = 5003;
    static final String CELL = "test.cell";
    static final ServerKey KEY = ServerKey.ofHex(7, "5ea13d7f9204d62a");
    static final KeyFile KEYFILE = KeyFile.of(List.of(ServerKey.ofHex(5, "0123456789abcdef"), KEY));
    static final long T = 10;

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    final MutableClock clock = new MutableClock(Instant.now());
    final AtomicInteger handled = new AtomicInteger();
    final AtomicReference<Optional<RxPrincipal>> seen = new AtomicReference<>();
    RxEndpoint server;
    RxEndpoint client;
    UdpTamperProxy proxy;

    @AfterEach
    void tearDown() {
        if (proxy != null) {
            proxy.close();
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private RxkadServerSecurity.Builder security() {
        return RxkadServerSecurity.builder(KEYFILE).cell(CELL).clock(clock);
    }

    /** A server whose services use {@code sec}; WHOAMI answers the principal, ECHO streams back what it reads. */
    private InetSocketAddress start(RxkadServerSecurity sec) {
        server = RxEndpoint.builder().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .service(RxService.requestReply(WHOAMI, this::whoami).security(sec).build())
                .service(RxService.streaming(ECHO, RxkadServerTest::echo).security(sec).build())
                .service(RxService.requestReply(MIXED, this::whoami).security(NullSecurity.INSTANCE, sec).build())
                .build();
        client = RxEndpoint.builder().deadTime(Duration.ofSeconds(5)).build();
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.localAddress().getPort());
    }

    private CompletableFuture<byte[]> whoami(RxServiceCall call, byte[] request) {
        handled.incrementAndGet();
        seen.set(call.principal());
        String s = call.principal().map(p -> p.displayName() + " " + p.level() + " " + p.kvno()).orElse("anonymous")
                + " " + request.length;
        return CompletableFuture.completedFuture(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static void echo(RxServiceCall call) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        readAll(call, all).thenCompose(v -> call.send(ByteBuffer.wrap(all.toByteArray()), true));
    }

    private static CompletableFuture<Void> readAll(RxCall call, ByteArrayOutputStream into) {
        return call.receive().thenCompose(b -> {
            if (!b.hasRemaining()) {
                return CompletableFuture.completedFuture(null);
            }
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            into.writeBytes(chunk);
            return readAll(call, into);
        });
    }

    private RxClient clientFor(InetSocketAddress to, int service, RxSecurityClass sec) {
        return client.client(to, service, sec, client.defaultCallOptions());
    }

    private static RxkadSecurityClass as(String name, RxkadLevel level) {
        return new RxkadSecurityClass(Token.localAuth(KEY, name, Duration.ofHours(1), Clock.systemUTC()), level);
    }

    private static String get(CompletableFuture<byte[]> f) {
        return new String(f.orTimeout(T, TimeUnit.SECONDS).join(), StandardCharsets.US_ASCII);
    }

    private static RxCallException failure(CompletableFuture<?> f) {
        return CallFailures.of(f, T);
    }

    // ------------------------------------------------------------------ the good path

    @ParameterizedTest
    @EnumSource(RxkadLevel.class)
    void callsSucceedAtEveryLevelAndTheServiceSeesThePrincipal(RxkadLevel level) throws Exception {
        InetSocketAddress addr = start(security().build());
        RxkadSecurityClass alice = as("alice", level);
        RxClient who = clientFor(addr, WHOAMI, alice);
        for (int i = 0; i < 3; i++) {
            assertThat(get(who.call(new byte[100 * i]))).isEqualTo("alice " + level.wire() + " 7 " + 100 * i);
        }
        RxPrincipal p = seen.get().orElseThrow();
        assertThat(p.name()).isEqualTo("alice");
        assertThat(p.instance()).isEmpty();
        assertThat(p.cell()).isEmpty();
        assertThat(p.securityIndex()).isEqualTo(2);
        assertThat(p.level()).isEqualTo(level.wire());
        assertThat(p.kvno()).isEqualTo(7);
        assertThat(p.expiresAt()).isAfter(Instant.now().plus(Duration.ofMinutes(50)));
        // a whole-request body of many packets
        assertThat(get(who.call(new byte[200_000]))).endsWith(" 200000");

        // streaming both ways: 3 MB, every byte intact, packets sized for the level
        byte[] data = new byte[3 << 20];
        new Random(level.ordinal()).nextBytes(data);
        RxCall call = clientFor(addr, ECHO, alice).newCall();
        for (int off = 0; off < data.length; off += 65536) {
            call.send(ByteBuffer.wrap(data, off, Math.min(65536, data.length - off)), off + 65536 >= data.length)
                    .get(T, TimeUnit.SECONDS);
        }
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        readAll(call, back).get(T, TimeUnit.SECONDS);
        call.completion().get(T, TimeUnit.SECONDS);
        assertThat(MessageDigest.getInstance("MD5").digest(back.toByteArray()))
                .isEqualTo(MessageDigest.getInstance("MD5").digest(data));
        assertThat(server.stats().get(Counter.CHALLENGES_SENT)).isEqualTo(2); // one per connection

        // rxdebug shows the level of every rxkad connection
        List<DebugConn> conns = new RxDebugClient(RxDebugChannel.of(client, addr, Duration.ofSeconds(5)))
                .connections(true).get(T, TimeUnit.SECONDS);
        assertThat(conns).hasSize(2).allSatisfy(c -> {
            assertThat(c.securityIndex()).isEqualTo(2);
            assertThat(c.secStats().level()).isEqualTo(level.wire());
            String text = RxDebugFormatter.connection(c, true, clock.millis() / 1000);
            assertThat(text).contains("rxkad: level " + level.label() + ", flags authenticated");
        });
    }

    @Test
    void aServiceAcceptingNullAndRxkadDecidesPerCall() {
        InetSocketAddress addr = start(security().build());
        assertThat(get(clientFor(addr, MIXED, NullSecurity.INSTANCE).call(new byte[4]))).isEqualTo("anonymous 4");
        assertThat(seen.get()).isEmpty();
        assertThat(get(clientFor(addr, MIXED, as("bob", RxkadLevel.AUTH)).call(new byte[4]))).isEqualTo("bob 1 7 4");
    }

    @Test
    void nullSecurityToAnRxkadOnlyServiceIsRefusedLikeOpenAfs() {
        InetSocketAddress addr = start(security().build());
        RxCallException e = failure(clientFor(addr, WHOAMI, NullSecurity.INSTANCE).call(new byte[4]));
        assertThat(e.codeName()).isEqualTo("RX_INVALID_OPERATION");
        assertThat(handled).hasValue(0);
    }

    @Test
    void aTicketWithAnInstanceAndOurCellIsAccepted() {
        InetSocketAddress addr = start(security().build());
        byte[] sk = Token.randomSessionKey();
        Ticket t = new Ticket("carol", "admin", "TEST.CELL", 0, sk, Ticket.timeToLife(3600),
                clock.millis() / 1000, "afs", "");
        Token tok = new Token("carol.admin@TEST.CELL", 7, sk, t.seal(KEY), t.end());
        String r = get(clientFor(addr, WHOAMI, new RxkadSecurityClass(tok, RxkadLevel.CRYPT)).call(new byte[1]));
        assertThat(r).isEqualTo("carol.admin@TEST.CELL 2 7 1");
    }

    // ------------------------------------------------------------------ refusals, by name

    private String refusal(RxkadServerSecurity sec, RxkadSecurityClass cls) {
        InetSocketAddress addr = start(sec);
        RxClient c = clientFor(addr, WHOAMI, cls);
        String code = failure(c.call(new byte[8])).codeName();
        // the aborted connection is not reused: the next call gets the same answer, not a hang
        assertThat(failure(c.call(new byte[8])).codeName()).isEqualTo(code);
        assertThat(handled).as("the service never ran").hasValue(0);
        return code;
    }

    @Test
    void aTicketSealedWithTheWrongKeyIsBadTicketAsInOpenAfs() {
        ServerKey wrong = ServerKey.ofHex(7, "fedcba9876543210");
        assertThat(refusal(security().build(), new RxkadSecurityClass(Token.localAuth(KeyFile.of(List.of(wrong))),
                RxkadLevel.CLEAR))).isEqualTo("RXKADBADTICKET");
        assertThat(server.stats().get(Counter.RESPONSES_REJECTED)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void anUnknownKvnoIsUnknownKey() {
        ServerKey other = new ServerKey(9, KEY.keyBytes());
        assertThat(refusal(security().build(), new RxkadSecurityClass(Token.localAuth(KeyFile.of(List.of(other))),
                RxkadLevel.AUTH))).isEqualTo("RXKADUNKNOWNKEY");
    }

    @Test
    void anExpiredTicketIsExpired() {
        long now = clock.millis() / 1000;
        Token expired = Token.forge(KEY, "alice", now - 7200, 1); // 5 minutes, two hours ago
        assertThat(refusal(security().build(), new RxkadSecurityClass(expired, RxkadLevel.CRYPT)))
                .isEqualTo("RXKADEXPIRED");
    }

    @Test
    void aTicketFromTheFutureIsNoAuth() {
        long now = clock.millis() / 1000;
        Token future = Token.forge(KEY, "alice", now + 7200, 20);
        assertThat(refusal(security().build(), new RxkadSecurityClass(future, RxkadLevel.CLEAR)))
                .isEqualTo("RXKADNOAUTH");
    }

    @Test
    void aTicketForAnotherRealmIsNoAuth() {
        byte[] sk = Token.randomSessionKey();
        Ticket t = new Ticket("mallory", "", "other.cell", 0, sk, 0xFF, 0, "afs", "");
        Token tok = new Token("mallory@other.cell", 7, sk, t.seal(KEY), t.end());
        assertThat(refusal(security().build(), new RxkadSecurityClass(tok, RxkadLevel.CLEAR)))
                .isEqualTo("RXKADNOAUTH");
    }

    @Test
    void theUserOkHookRefusesWithNoAuth() {
        assertThat(refusal(security().userOk(p -> !p.name().equals("eve")).build(), as("eve", RxkadLevel.AUTH)))
                .isEqualTo("RXKADNOAUTH");
    }

    @Test
    void aLevelBelowTheMinimumIsLevelFail() {
        // our client sees the CHALLENGE's minimum and refuses itself, as OpenAFS's client does
        assertThat(refusal(security().minimumLevel(RxkadLevel.CRYPT).build(), as("alice", RxkadLevel.AUTH)))
                .isEqualTo("RXKADLEVELFAIL");
    }

    @Test
    void theConnectionExpiresWithItsTicket() {
        InetSocketAddress addr = start(security().build());
        Token tok = Token.localAuth(KEY, "alice", Duration.ofHours(1), clock);
        RxClient c = clientFor(addr, WHOAMI, new RxkadSecurityClass(tok, RxkadLevel.AUTH));
        assertThat(get(c.call(new byte[2]))).startsWith("alice");
        clock.advance(Duration.ofHours(2));
        assertThat(failure(c.call(new byte[2])).codeName()).isEqualTo("RXKADEXPIRED");
        assertThat(handled).hasValue(1);
        assertThat(server.stats().drops(DropReason.SECURITY_CHECK.ordinal())).isEqualTo(1);
    }

    // ------------------------------------------------------------------ the server's RESPONSE checks, one by one

    private static final int EPOCH = 0x91234567;
    private static final int CID = 0x40000010;

    private static WireHeader conn(int index) {
        return new WireHeader(EPOCH, CID, 0, 0, 1, PacketType.CHALLENGE, 0, 0, index, 0, 52);
    }

    /** A client connection that has started call 1 on channel 0, and the CHALLENGE from {@code server}. */
    private static ByteBuf respond(ServerConnectionSecurity server, RxkadSecurityClass cls, int minLevelOverride)
            throws RxSecurityException {
        var c = cls.newClientConnection();
        ByteBuf data = Unpooled.buffer(64).writeZero(cls.level().headerBytes() + 4);
        c.secureData(new WireHeader(EPOCH, CID, 1, 1, 1, PacketType.DATA, 1, 0, 2, 0, 52), data);
        ByteBuf challenge = server.challenge(conn(2), UnpooledByteBufAllocator.DEFAULT);
        if (minLevelOverride >= 0) {
            challenge.setInt(8, minLevelOverride); // a client that ignores the server's minimum
        }
        return c.respondToChallenge(conn(2), challenge, UnpooledByteBufAllocator.DEFAULT);
    }

    private static int code(ThrowingRunnable r) {
        try {
            r.run();
        } catch (RxSecurityException e) {
            return e.abortCode();
        }
        throw new AssertionError("accepted");
    }

    interface ThrowingRunnable {
        void run() throws RxSecurityException;
    }

    @Test
    void responseChecksInOpenAfsOrder() throws RxSecurityException {
        RxkadServerSecurity sec = security().minimumLevel(RxkadLevel.AUTH).build();
        int[] calls = {1, 0, 0, 0};
        // a level below the minimum, from a client that ignores it
        ServerConnectionSecurity s1 = sec.newServerConnection();
        ByteBuf r1 = respond(s1, as("alice", RxkadLevel.CLEAR), 0);
        assertThat(code(() -> s1.verifyResponse(conn(2), r1, calls))).isEqualTo(RxkadConstants.RXKADLEVELFAIL);
        assertThat(s1.authenticated()).isFalse();
        // a replayed RESPONSE to another CHALLENGE
        ServerConnectionSecurity s2 = sec.newServerConnection();
        ServerConnectionSecurity other = sec.newServerConnection();
        ByteBuf r2 = respond(other, as("alice", RxkadLevel.CRYPT), -1);
        s2.challenge(conn(2), UnpooledByteBufAllocator.DEFAULT);
        assertThat(code(() -> s2.verifyResponse(conn(2), r2.duplicate(), calls)))
                .isEqualTo(RxkadConstants.RXKADOUTOFSEQUENCE);
        // the same RESPONSE on another connection (epoch/cid)
        WireHeader elsewhere = new WireHeader(EPOCH, CID + 4, 0, 0, 1, PacketType.RESPONSE, 1, 0, 2, 0, 52);
        assertThat(code(() -> other.verifyResponse(elsewhere, r2.duplicate(), calls)))
                .isEqualTo(RxkadConstants.RXKADSEALEDINCON);
        // call numbers behind what the server has seen
        assertThat(code(() -> other.verifyResponse(conn(2), r2.duplicate(), new int[] {5, 0, 0, 0})))
                .isEqualTo(RxkadConstants.RXKADSEALEDINCON);
        // a flipped bit in the encrypted part
        ByteBuf flipped = r2.copy();
        flipped.setByte(30, flipped.getByte(30) ^ 1);
        assertThat(code(() -> other.verifyResponse(conn(2), flipped, calls))).isEqualTo(RxkadConstants.RXKADSEALEDINCON);
        // too short, bad ticket length
        assertThat(code(() -> other.verifyResponse(conn(2), r2.slice(0, 40), calls)))
                .isEqualTo(RxkadConstants.RXKADPACKETSHORT);
        ByteBuf badLen = r2.copy();
        badLen.setInt(52, 16);
        assertThat(code(() -> other.verifyResponse(conn(2), badLen, calls))).isEqualTo(RxkadConstants.RXKADTICKETLEN);
        // and the genuine one is accepted, with the principal
        other.verifyResponse(conn(2), r2.duplicate(), calls);
        assertThat(other.authenticated()).isTrue();
        assertThat(other.principal().orElseThrow().level()).isEqualTo(2);
        assertThat(other.headerBytes()).isEqualTo(8);
    }

    @Test
    void ticketTimesFollowOpenAfs() {
        long now = 1_800_000_000L;
        assertThat(code(() -> RxkadServerConnection.checkTimes(now, now, now))).isEqualTo(RxkadConstants.RXKADBADTICKET);
        assertThat(code(() -> RxkadServerConnection.checkTimes(now - 4000, now - 1000, now)))
                .isEqualTo(RxkadConstants.RXKADEXPIRED);
        assertThat(code(() -> RxkadServerConnection.checkTimes(now + 1000, now + 5000, now)))
                .isEqualTo(RxkadConstants.RXKADNOAUTH);
        assertThat(code(() -> RxkadServerConnection.checkTimes(now - 40L * 86400, now - 35L * 86400, now)))
                .isEqualTo(RxkadConstants.RXKADBADTICKET);
        assertThatCode(() -> RxkadServerConnection.checkTimes(0, RxkadConstants.NEVER_DATE, now))
                .doesNotThrowAnyException();
    }

    // ------------------------------------------------------------------ tampering and the CHALLENGE timer

    enum Tamper { HEADER_CHECKSUM, FIRST_SEALED_BYTE }

    @ParameterizedTest
    @EnumSource(RxkadLevel.class)
    void tamperedPacketsAreNeverDelivered(RxkadLevel level) {
        for (Tamper how : Tamper.values()) {
            if (how == Tamper.FIRST_SEALED_BYTE && level == RxkadLevel.CLEAR) {
                continue; // clear seals nothing: only the header checksum protects it
            }
            tearDown();
            handled.set(0);
            InetSocketAddress addr = start(security().build());
            try {
                proxy = new UdpTamperProxy(addr);
            } catch (java.net.SocketException e) {
                throw new IllegalStateException(e);
            }
            AtomicInteger tampered = new AtomicInteger();
            proxy.toServer(d -> {
                if (UdpTamperProxy.type(d) == PacketType.DATA && UdpTamperProxy.seq(d) == 2
                        && tampered.getAndIncrement() == 0) {
                    int at = how == Tamper.HEADER_CHECKSUM ? 24 : 28;
                    d[at] ^= 0x40;
                }
                return d;
            });
            RxCallException e = failure(clientFor(proxy.address(), WHOAMI, as("alice", level)).call(new byte[5000]));
            assertThat(e.codeName()).as("%s at %s", how, level).isIn("RXKADSEALEDINCON", "RXKADDATALEN");
            assertThat(handled).as("the service never saw the request").hasValue(0);
            assertThat(server.stats().drops(DropReason.SECURITY_CHECK.ordinal())).isEqualTo(1);
        }
    }

    @Test
    void theChallengeIsRepeatedUntilAResponseArrives() {
        InetSocketAddress addr = start(security().challengeInterval(Duration.ofMillis(100)).build());
        try {
            proxy = new UdpTamperProxy(addr);
        } catch (java.net.SocketException e) {
            throw new IllegalStateException(e);
        }
        AtomicInteger responses = new AtomicInteger();
        proxy.toServer(d -> UdpTamperProxy.type(d) == PacketType.RESPONSE && responses.incrementAndGet() <= 2 ? null : d);
        assertThat(get(clientFor(proxy.address(), WHOAMI, as("alice", RxkadLevel.CRYPT)).call(new byte[3])))
                .isEqualTo("alice 2 7 3");
        assertThat(server.stats().get(Counter.CHALLENGES_SENT)).isGreaterThanOrEqualTo(3);
    }

    @Test
    void heldCallsDieWhenNoResponseEverComes() {
        InetSocketAddress addr = start(security().challengeInterval(Duration.ofMillis(50)).challengeTries(3).build());
        try {
            proxy = new UdpTamperProxy(addr);
        } catch (java.net.SocketException e) {
            throw new IllegalStateException(e);
        }
        proxy.toServer(d -> UdpTamperProxy.type(d) == PacketType.RESPONSE ? null : d);
        RxCallException e = failure(clientFor(proxy.address(), WHOAMI, as("alice", RxkadLevel.CLEAR)).call(new byte[3]));
        assertThat(e.codeName()).isEqualTo("RX_CALL_DEAD");
        assertThat(server.stats().get(Counter.CHALLENGES_SENT)).isEqualTo(3);
        assertThat(handled).hasValue(0);
    }
}
