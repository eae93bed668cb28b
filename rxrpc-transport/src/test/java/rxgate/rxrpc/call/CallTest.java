package rxgate.rxrpc.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rxgate.rxrpc.CallCompletion;
import rxgate.rxrpc.RxCallException;
import rxgate.rxrpc.RxCallOptions;
import rxgate.rxrpc.RxStats.Counter;
import rxgate.rxrpc.conn.ClientConnection;
import rxgate.rxrpc.conn.ConnectionBundle;
import rxgate.rxrpc.security.NullSecurity;
import rxgate.rxrpc.wire.AckPacket;
import rxgate.rxrpc.wire.AckReason;
import rxgate.rxrpc.wire.AckTrailer;
import rxgate.rxrpc.wire.DataPacket;
import rxgate.rxrpc.wire.PacketFlags;
import rxgate.rxrpc.wire.PacketType;
import rxgate.rxrpc.wire.RxPacket;
import rxgate.rxrpc.wire.WireHeader;

/**
 * The client call's protocol behaviour, driven packet by packet with a frozen clock: what it
 * sends, how ACKs move its window, when it retransmits, how it ends.
 */
class CallTest {
    private static final int EPOCH = 0x80001234;
    private static final int CID = 0x40;
    private static final RxCallOptions OPTIONS = RxCallOptions.DEFAULTS.withDeadTime(Duration.ofSeconds(6));

    private FakeCallHost host;
    private ConnectionBundle bundle;
    private ClientConnection conn;
    private int serverSerial;

    @BeforeEach
    void setUp() {
        host = new FakeCallHost();
        bundle = new ConnectionBundle(host.peer, 52, NullSecurity.INSTANCE, 4, 16);
        conn = bundle.open(EPOCH, CID, host.nanoTime());
    }

    private Call start(byte[] request, CompletableFuture<byte[]> whole, RxCallOptions options) {
        Call call = new Call(host, Call.Role.CLIENT, options, 256, 128, whole, 1 << 20);
        call.bind(bundle);
        call.started();
        if (request != null) {
            call.appendTx(Unpooled.wrappedBuffer(request), true, new CompletableFuture<>());
        }
        int ch = conn.freeChannel(host.nanoTime());
        call.attach(conn, ch, conn.attach(ch, call));
        return call;
    }

    private Call startWhole(int requestBytes, CompletableFuture<byte[]> whole) {
        byte[] req = new byte[requestBytes];
        for (int i = 0; i < req.length; i++) {
            req[i] = (byte) i;
        }
        return start(req, whole, OPTIONS);
    }

    private WireHeader serverHeader(Call call, int type, int seq, int flags) {
        return new WireHeader(EPOCH, CID | call.channel(), call.callNumber(), seq, ++serverSerial, type, flags, 0, 0, 0,
                52);
    }

    private void reply(Call call, int seq, byte[] data, boolean last) {
        call.onData(serverHeader(call, PacketType.DATA, seq, last ? PacketFlags.LAST_PACKET : 0),
                Unpooled.wrappedBuffer(data));
    }

    private void ack(Call call, int first, int prev, int serial, int reason, byte[] acks, AckTrailer trailer) {
        call.onAck(serverHeader(call, PacketType.ACK, 0, PacketFlags.SLOW_START_OK),
                new AckPacket(0, 0, first, prev, serial, reason, acks, trailer));
    }

    private static AckTrailer trailer(int rwind) {
        return new AckTrailer(1444, 1444, rwind, 1);
    }

    @Test
    void aSmallCallSendsOnePacketAndEndsWithAHardAck() {
        CompletableFuture<byte[]> whole = new CompletableFuture<>();
        Call call = startWhole(100, whole);
        List<RxPacket> out = host.takeSent();
        assertThat(out).hasSize(1);
        WireHeader h = out.get(0).header();
        assertThat(h.type()).isEqualTo(PacketType.DATA);
        assertThat(h.epoch()).isEqualTo(EPOCH);
        assertThat(h.cid()).isEqualTo(CID | call.channel());
        assertThat(h.callNumber()).isEqualTo(1);
        assertThat(h.seq()).isEqualTo(1);
        assertThat(h.serial()).isEqualTo(1);
        assertThat(h.serviceId()).isEqualTo(52);
        assertThat(h.flags() & PacketFlags.CLIENT_INITIATED).isNotZero();
        assertThat(h.flags() & PacketFlags.LAST_PACKET).isNotZero();
        assertThat(h.flags() & PacketFlags.REQUEST_ACK).as("no RTT samples yet: ask for an ACK").isNotZero();
        assertThat(out.get(0).bodyLength()).isEqualTo(100);

        reply(call, 1, "reply".getBytes(), true);
        assertThat(whole.join()).containsExactly("reply".getBytes());
        assertThat(call.completion()).isCompleted();
        List<RxPacket> fin = host.takeSent();
        assertThat(fin).hasSize(1);
        AckPacket a = fin.get(0).ack();
        assertThat(a.firstPacket()).as("hard ACK of the whole reply").isEqualTo(2);
        assertThat(a.nAcks()).isZero();
        assertThat(a.trailer()).isNotNull();
        assertThat(a.trailer().rwind()).isEqualTo(128);
        assertThat(host.released).containsExactly(call);
        assertThat(conn.completedReplyEnd(call.channel(), 1)).isEqualTo(2);
    }

    @Test
    void theHardAckOfAReplyIsAnIdleAckNamingTheLastPacketSoAnOpenAfsServerTakesAnRttSample() {
        // OpenAFS's rxi_ComputeRoundTripTime ignores DELAY ACKs, and an OpenAFS server never asks
        // for an ACK on a reply's only packet: only a non-DELAY ACK with that packet's serial lets
        // it measure the path (else its RTO stays at its 2 s preset + 200 ms).
        CompletableFuture<byte[]> whole = new CompletableFuture<>();
        Call call = startWhole(100, whole);
        host.takeSent();
        WireHeader last = serverHeader(call, PacketType.DATA, 1, PacketFlags.LAST_PACKET);
        call.onData(last, Unpooled.wrappedBuffer("reply".getBytes()));
        List<RxPacket> fin = host.takeSent();
        assertThat(fin).as("sent at once, not after a delayed-ACK timer").hasSize(1);
        AckPacket a = fin.get(0).ack();
        assertThat(a.reason()).isEqualTo(AckReason.IDLE);
        assertThat(a.serial()).isEqualTo(last.serial());
        assertThat(a.firstPacket()).isEqualTo(2);
        assertThat(a.nAcks()).isZero();

        // a reply that ends out of order: the ACK names the packet that completed it
        CompletableFuture<byte[]> whole2 = new CompletableFuture<>();
        Call call2 = startWhole(100, whole2);
        host.takeSent();
        reply(call2, 2, new byte[] {2}, true);
        host.takeSent();
        WireHeader filler = serverHeader(call2, PacketType.DATA, 1, 0);
        call2.onData(filler, Unpooled.wrappedBuffer(new byte[1412]));
        AckPacket a2 = host.takeSent().get(0).ack();
        assertThat(a2.reason()).isEqualTo(AckReason.IDLE);
        assertThat(a2.serial()).isEqualTo(filler.serial());
        assertThat(a2.firstPacket()).isEqualTo(3);
        assertThat(whole2).isCompleted();
    }

    @Test
    void aLargeRequestIsCutIntoFullPacketsWithLastOnlyOnTheFinalOne() {
        startWhole(5000, new CompletableFuture<>());
        List<DataPacket> data = FakeCallHost.dataOf(host.takeSent());
        assertThat(data).extracting(d -> d.header().seq()).containsExactly(1, 2, 3, 4);
        assertThat(data).extracting(DataPacket::length).containsExactly(1412, 1412, 1412, 764);
        assertThat(data).extracting(d -> (d.header().flags() & PacketFlags.LAST_PACKET) != 0)
                .containsExactly(false, false, false, true);
        assertThat(data).extracting(d -> d.header().serial()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void theSendWindowStartsAtTheCongestionWindowAndGrowsWithAcks() {
        Call call = startWhole(100 * 1412, new CompletableFuture<>());
        List<DataPacket> first = FakeCallHost.dataOf(host.takeSent());
        assertThat(first).hasSize(4); // initial congestion window
        ack(call, 3, 2, 2, AckReason.REQUESTED, new byte[0], trailer(32));
        // two packets acked: slow start grows the window to 6, two still in flight -> four new ones
        List<DataPacket> next = FakeCallHost.dataOf(host.takeSent());
        assertThat(next).extracting(d -> d.header().seq()).containsExactly(5, 6, 7, 8);
    }

    @Test
    void thePeersReceiveWindowLimitsWhatIsInFlight() {
        Call call = startWhole(100 * 1412, new CompletableFuture<>());
        host.takeSent();
        ack(call, 5, 4, 4, AckReason.REQUESTED, new byte[0], trailer(2));
        List<DataPacket> next = FakeCallHost.dataOf(host.takeSent());
        assertThat(next).extracting(d -> d.header().seq()).containsExactly(5, 6);
    }

    @Test
    void softAckedPacketsAreHeldAndANackedOneIsRetransmittedAfterTheReorderAllowance() {
        Call call = startWhole(10 * 1412, new CompletableFuture<>());
        host.takeSent();
        host.advanceMillis(5);
        // seq 1 missing, 2..4 received; the RTT sample (5 ms) comes from seq 4's serial
        ack(call, 1, 4, 4, AckReason.REQUESTED, new byte[] {0, 1, 1, 1}, trailer(32));
        List<DataPacket> afterAck = FakeCallHost.dataOf(host.takeSent());
        assertThat(afterAck).extracting(d -> d.header().seq()).as("new packets go out; 1 may still be reordered")
                .doesNotContain(1).contains(5);
        host.advanceMillis(2); // srtt 5 ms + 1.25 ms reordering allowance since 1 was sent
        afterAck = FakeCallHost.dataOf(host.takeSent());
        assertThat(afterAck).extracting(d -> d.header().seq()).as("1 was sent before the acked 4: lost")
                .containsExactly(1);
        DataPacket resent = afterAck.stream().filter(d -> d.header().seq() == 1).findFirst().orElseThrow();
        assertThat(resent.header().flags() & PacketFlags.REQUEST_ACK).isNotZero();
        assertThat(resent.header().serial()).as("a retransmission gets a new serial").isGreaterThan(4);
        assertThat(host.stats.get(Counter.DATA_PACKETS_RESENT)).isEqualTo(1);
        assertThat(host.peer.rtt().sampleCount()).isEqualTo(1);
        assertThat(host.peer.rtt().smoothedRttMicros()).isEqualTo(5_000);
    }

    @Test
    void withoutAcksTheRetransmissionTimerResendsAndBacksOff() {
        startWhole(100, new CompletableFuture<>());
        host.takeSent();
        host.advanceMillis(999);
        assertThat(host.takeSent()).isEmpty();
        host.advanceMillis(2); // initial RTO 1 s
        List<DataPacket> resent = FakeCallHost.dataOf(host.takeSent());
        assertThat(resent).extracting(d -> d.header().seq()).containsExactly(1);
        host.advanceMillis(1_500);
        assertThat(FakeCallHost.dataOf(host.takeSent())).as("backed off to 2 s").isEmpty();
        host.advanceMillis(600);
        assertThat(FakeCallHost.dataOf(host.takeSent())).hasSize(1);
    }

    @Test
    void anAbortFromThePeerFailsTheCallWithItsNamedCode() {
        CompletableFuture<byte[]> whole = new CompletableFuture<>();
        Call call = startWhole(10, whole);
        call.onAbort(363524);
        assertThat(whole).isCompletedExceptionally();
        RxCallException e = (RxCallException) whole.handle((v, t) -> t).join();
        assertThat(e.code()).isEqualTo(363524);
        assertThat(e.completion()).isEqualTo(CallCompletion.REMOTELY_ABORTED);
        host.takeSent();
        call.onAbort(1);
        assertThat(host.takeSent()).as("never answer an ABORT").isEmpty();
    }

    @Test
    void busyMovesTheCallToAnotherChannelAndResendsFromSeqOne() {
        Call call = startWhole(10, new CompletableFuture<>());
        int busyChannel = call.channel();
        host.takeSent();
        call.onBusy();
        assertThat(host.requeued).containsExactly(call);
        assertThat(call.connection()).isNull();
        assertThat(conn.freeChannel(host.nanoTime())).as("the busy channel is avoided").isNotEqualTo(busyChannel);
        int ch = conn.freeChannel(host.nanoTime());
        call.attach(conn, ch, conn.attach(ch, call));
        List<DataPacket> again = FakeCallHost.dataOf(host.takeSent());
        assertThat(again).hasSize(1);
        assertThat(again.get(0).header().seq()).isEqualTo(1);
        assertThat(again.get(0).header().cid() & 3).isEqualTo(ch);
    }

    @Test
    void aSilentPeerGetsKeepalivePingsAndTheCallDiesAfterTheDeadTime() {
        CompletableFuture<byte[]> whole = new CompletableFuture<>();
        Call call = startWhole(10, whole);
        host.takeSent();
        ack(call, 2, 1, 1, AckReason.REQUESTED, new byte[0], trailer(32)); // request done, waiting
        for (int i = 0; i < 5; i++) {
            host.advanceMillis(1_000);
        }
        List<RxPacket> pings = host.takeSent().stream()
                .filter(p -> p.type() == PacketType.ACK && p.ack().reason() == AckReason.PING).toList();
        assertThat(pings).as("a ping every deadTime/6 = 1 s").hasSizeBetween(3, 5);
        assertThat(pings.get(0).header().flags() & PacketFlags.REQUEST_ACK).isNotZero();
        assertThat(whole).isNotDone();
        host.advanceMillis(1_100);
        assertThat(whole).isCompletedExceptionally();
        RxCallException e = (RxCallException) whole.handle((v, t) -> t).join();
        assertThat(e.codeName()).isEqualTo("RX_CALL_DEAD");
        assertThat(host.retired).containsExactly(call);
        assertThat(host.takeSent()).extracting(RxPacket::type).contains(PacketType.ABORT);
    }

    @Test
    void pingResponsesKeepACallAliveAndGiveRttSamples() {
        CompletableFuture<byte[]> whole = new CompletableFuture<>();
        Call call = startWhole(10, whole);
        host.takeSent();
        ack(call, 2, 1, 1, AckReason.REQUESTED, new byte[0], trailer(32));
        for (int i = 0; i < 12; i++) {
            host.advanceMillis(1_000);
            for (RxPacket p : host.takeSent()) {
                if (p.type() == PacketType.ACK && p.ack().reason() == AckReason.PING) {
                    ack(call, 1, 0, p.header().serial(), AckReason.PING_RESPONSE, new byte[0], trailer(32));
                }
            }
        }
        assertThat(whole).as("a slow but alive server does not kill the call").isNotDone();
        assertThat(host.peer.rtt().sampleCount()).isGreaterThan(5);
        reply(call, 1, new byte[] {7}, true);
        assertThat(whole.join()).containsExactly(7);
    }

    @Test
    void aHardTimeoutAbortsTheCallWithCallTimeout() {
        CompletableFuture<byte[]> whole = new CompletableFuture<>();
        Call call = start(new byte[] {1}, whole, OPTIONS.withHardTimeout(Duration.ofMillis(1500)));
        ack(call, 2, 1, 1, AckReason.REQUESTED, new byte[0], trailer(32));
        host.advanceMillis(1_600);
        RxCallException e = (RxCallException) whole.handle((v, t) -> t).join();
        assertThat(e.code()).isEqualTo(-3);
        assertThat(e.completion()).isEqualTo(CallCompletion.LOCALLY_ABORTED);
        RxPacket abort = host.takeSent().stream().filter(p -> p.type() == PacketType.ABORT).findFirst().orElseThrow();
        assertThat(abort.abortCode()).isEqualTo(-3);
    }

    @Test
    void outOfOrderAndDuplicateReplyPacketsAreAckedAtOnceAndReassembled() {
        CompletableFuture<byte[]> whole = new CompletableFuture<>();
        Call call = startWhole(10, whole);
        host.takeSent();
        reply(call, 2, new byte[] {2}, false);
        AckPacket oos = host.takeSent().get(0).ack();
        assertThat(oos.reason()).isEqualTo(AckReason.OUT_OF_SEQUENCE);
        assertThat(oos.firstPacket()).isEqualTo(1);
        assertThat(oos.acks()).containsExactly(0, 1);
        reply(call, 2, new byte[] {2}, false);
        assertThat(host.takeSent().get(0).ack().reason()).isEqualTo(AckReason.DUPLICATE);
        reply(call, 3, new byte[] {3}, true);
        host.takeSent();
        reply(call, 1, new byte[] {1}, false);
        assertThat(whole.join()).containsExactly(1, 2, 3);
    }

    @Test
    void everySecondInOrderPacketIsAckedAndTheRestAfterTheDelayedAckTimer() {
        Call call = startWhole(10, new CompletableFuture<>());
        host.takeSent();
        reply(call, 1, new byte[1412], false);
        assertThat(host.takeSent()).isEmpty();
        reply(call, 2, new byte[1412], false);
        List<RxPacket> acks = host.takeSent();
        assertThat(acks).hasSize(1);
        assertThat(acks.get(0).ack().reason()).isEqualTo(AckReason.IDLE);
        assertThat(acks.get(0).ack().firstPacket()).isEqualTo(3);
        reply(call, 3, new byte[1412], false);
        assertThat(host.takeSent()).isEmpty();
        host.advanceMillis(101);
        List<RxPacket> delayed = host.takeSent();
        assertThat(delayed).hasSize(1);
        assertThat(delayed.get(0).ack().reason()).isEqualTo(AckReason.DELAY);
    }

    @Test
    void aPingFromTheServerIsAnsweredWithItsSerial() {
        Call call = startWhole(10, new CompletableFuture<>());
        host.takeSent();
        WireHeader ping = serverHeader(call, PacketType.ACK, 0, PacketFlags.REQUEST_ACK);
        call.onAck(ping, new AckPacket(0, 0, 1, 0, 0, AckReason.PING, new byte[0], trailer(32)));
        AckPacket resp = host.takeSent().get(0).ack();
        assertThat(resp.reason()).isEqualTo(AckReason.PING_RESPONSE);
        assertThat(resp.serial()).isEqualTo(ping.serial());
    }

    @Test
    void jumbogramsAreSentOnlyToPeersThatAdvertiseThem() {
        Call call = startWhole(40 * 1412, new CompletableFuture<>());
        assertThat(host.datagramSizes).as("no jumbograms before the peer says so").allMatch(n -> n <= 1440);
        host.takeSent();
        ack(call, 5, 4, 4, AckReason.REQUESTED, new byte[0], new AckTrailer(5692, 1444, 64, 4));
        List<Integer> sizes = List.copyOf(host.datagramSizes);
        List<DataPacket> data = FakeCallHost.dataOf(host.takeSent());
        assertThat(sizes).contains(28 + 1412 + 3 * 1416);
        assertThat(data).extracting(d -> d.header().seq()).startsWith(5, 6, 7, 8);
        int[] serials = data.stream().mapToInt(d -> d.header().serial()).toArray();
        for (int i = 1; i < serials.length; i++) {
            assertThat(serials[i]).as("consecutive serials inside a jumbogram").isEqualTo(serials[i - 1] + 1);
        }
    }

    @Test
    void streamingWritesWaitForRoomInTheTransmitQueue() {
        Call call = new Call(host, Call.Role.CLIENT, OPTIONS, 8, 128, null, 1 << 20);
        call.bind(bundle);
        call.started();
        int ch = conn.freeChannel(host.nanoTime());
        call.attach(conn, ch, conn.attach(ch, call));
        CompletableFuture<Void> first = new CompletableFuture<>();
        call.appendTx(Unpooled.wrappedBuffer(new byte[8 * 1412]), false, first);
        CompletableFuture<Void> second = new CompletableFuture<>();
        call.appendTx(Unpooled.wrappedBuffer(new byte[4 * 1412]), true, second);
        assertThat(second).as("the queue holds 8 packets").isNotDone();
        host.takeSent();
        ack(call, 5, 4, 4, AckReason.REQUESTED, new byte[0], trailer(32));
        assertThat(first).isCompleted();
        ack(call, 9, 8, 8, AckReason.REQUESTED, new byte[0], trailer(32));
        assertThat(second).isCompleted();
        List<DataPacket> data = FakeCallHost.dataOf(host.takeSent());
        assertThat(data.get(data.size() - 1).header().flags() & PacketFlags.LAST_PACKET).isNotZero();
    }

    @Test
    void streamedReplyIsReadInOrderAndEndsWithAnEmptyBuffer() {
        Call call = start(new byte[] {1}, null, OPTIONS);
        reply(call, 1, "hello ".getBytes(), false);
        reply(call, 2, "world".getBytes(), true);
        host.runTasks();
        CompletableFuture<ByteBuffer> r1 = new CompletableFuture<>();
        call.receive().whenComplete((b, t) -> r1.complete(b));
        host.runTasks();
        ByteBuffer b = r1.join();
        byte[] got = new byte[b.remaining()];
        b.get(got);
        assertThat(new String(got)).isEqualTo("hello world");
        CompletableFuture<ByteBuffer> r2 = call.receive();
        host.runTasks();
        assertThat(r2.join().remaining()).isZero();
    }

    @Test
    void replyDataAfterTheLastPacketIsAProtocolError() {
        CompletableFuture<byte[]> whole = new CompletableFuture<>();
        Call call = start(new byte[] {1}, whole, OPTIONS);
        reply(call, 3, new byte[] {3}, true);
        reply(call, 4, new byte[] {4}, false);
        RxCallException e = (RxCallException) whole.handle((v, t) -> t).join();
        assertThat(e.codeName()).isEqualTo("RX_PROTOCOL_ERROR");
        assertThat(Arrays.asList(host.takeSent().stream().map(RxPacket::type).toArray()))
                .contains(PacketType.ABORT);
    }

    @Test
    void anApplicationAbortIsSentAndFailsTheCall() {
        Call call = start(new byte[] {1}, null, OPTIONS);
        host.takeSent();
        call.abort(-6);
        host.runTasks();
        assertThat(call.completion()).isCompletedExceptionally();
        assertThat(host.takeSent().get(0).abortCode()).isEqualTo(-6);
        try {
            call.completion().join();
        } catch (CompletionException e) {
            assertThat(((RxCallException) e.getCause()).completion()).isEqualTo(CallCompletion.LOCALLY_ABORTED);
        }
    }

    @SuppressWarnings("unused")
    private static ByteBuf buf(int n) {
        return Unpooled.wrappedBuffer(new byte[n]);
    }
}
