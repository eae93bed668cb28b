package rxgate.rxrpc.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import rxgate.rxrpc.RxEndpoint;
import rxgate.rxrpc.RxEndpointState;
import rxgate.rxrpc.RxStats;
import rxgate.rxrpc.RxStats.Counter;
import rxgate.rxrpc.services.perf.PerfClient;
import rxgate.rxrpc.services.perf.PerfProtocol;
import rxgate.rxrpc.services.perf.PerfService;
import rxgate.rxrpc.wire.PacketFlags;
import rxgate.rxrpc.wire.PacketType;
import rxgate.rxrpc.wire.RxConstants;
import rxgate.rxrpc.wire.WireHeader;

/**
 * (Failsafe, with the interop suite: it floods loopback for a few seconds and calls System.gc().)
 *
 * <p>A flood of new-call DATA packets against an endpoint offering rxperf (service 147) with
 * explicit service limits: {@value #PACKETS} single-packet calls (seq 1, LAST_PACKET, callNumber 1,
 * CLIENT_INITIATED, a random 20..100-byte body), each from a fresh fake connection (epoch random per
 * 100 packets, cid a random multiple of 4), sent round-robin from {@value #SOCKETS} UDP sockets on
 * loopback as fast as one thread can, for at most {@value #MAX_FLOOD_SECONDS} s. Asserted:
 * <ul>
 *   <li>memory is bounded: the heap in use after GC (minimum of three {@code System.gc()} rounds)
 *       grows by less than {@value #HEAP_GROWTH_BOUND_MIB} MiB during and after the flood, and the
 *       Netty pool's direct memory in use by less than {@value #DIRECT_GROWTH_BOUND_MIB} MiB;</li>
 *   <li>the endpoint's occupancy, sampled on its I/O thread every few ms during the flood, never
 *       exceeds the configured service connections and service calls, and afterwards every flood
 *       call has ended;</li>
 *   <li>the flood is answered with BUSY and/or ABORT (received on the flooding sockets and counted
 *       by the endpoint), and BUSY answers respect {@code maxBusyPerSecond};</li>
 *   <li>a legitimate {@code rpc(100, 100)} from another endpoint, started after 20% of the
 *       packets, completes within {@value #LEGIT_CALL_SECONDS} s.</li>
 * </ul>
 * The figures are printed as one summary.
 */
class FloodIT {
    /** 100,000 by default; {@code -Drxgate.flood.packets=N} for a longer flood. */
    static final int PACKETS = Integer.getInteger("rxgate.flood.packets", 100_000);
    static final int SOCKETS = 8;
    static final int MAX_FLOOD_SECONDS = 60;
    static final int LEGIT_CALL_SECONDS = 30;
    static final long HEAP_GROWTH_BOUND_MIB = 64;
    static final long DIRECT_GROWTH_BOUND_MIB = 64;

    static final int MAX_SERVICE_CONNECTIONS = 256;
    static final int MAX_SERVICE_CONNECTIONS_PER_PEER = 64;
    static final int MAX_SERVICE_CALLS = 32;
    static final int MAX_SERVICE_CALLS_PER_PEER = 8;
    static final int MAX_BUSY_PER_SECOND = 500;
    static final int MAX_BACKLOG = 8;

    @Test
    void aFloodOfNewCallsStaysBoundedAndALegitimateCallGetsThrough() throws Exception {
        long t0 = System.nanoTime();
        try (RxEndpoint server = RxEndpoint.builder()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .maxServiceConnections(MAX_SERVICE_CONNECTIONS)
                .maxServiceConnectionsPerPeer(MAX_SERVICE_CONNECTIONS_PER_PEER)
                .maxServiceCalls(MAX_SERVICE_CALLS)
                .maxServiceCallsPerPeer(MAX_SERVICE_CALLS_PER_PEER)
                .maxBusyPerSecond(MAX_BUSY_PER_SECOND)
                .maxBacklog(MAX_BACKLOG)
                .service(PerfService.service())
                .build();
                RxEndpoint legit = RxEndpoint.builder().build()) {
            InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    server.localAddress().getPort());
            PerfClient perf = new PerfClient(legit.client(target, PerfProtocol.SERVICE_ID));
            // warm up both endpoints and the service (class loading, pools), then take the baseline
            assertThat(perf.rpc(100, 100).orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo(200);
            long heapBefore = heapUsedAfterGc();
            long directBefore = directUsed();
            RxStats stats = server.stats();
            long busySentBefore = stats.packetsSent(PacketType.BUSY);
            long abortSentBefore = stats.packetsSent(PacketType.ABORT);
            long dataReadBefore = stats.packetsRead(PacketType.DATA);

            Occupancy occupancy = new Occupancy(server);
            List<Flooder> flooders = new ArrayList<>();
            for (int i = 0; i < SOCKETS; i++) {
                flooders.add(new Flooder(target));
            }
            occupancy.start();
            flooders.forEach(Flooder::start);

            // ---- the flood
            Random rnd = new Random(20261128L);
            byte[] dgram = new byte[WireHeader.SIZE + 100];
            ByteBuf out = Unpooled.wrappedBuffer(dgram);
            byte[] body = new byte[100];
            long floodStart = System.nanoTime();
            long floodDeadline = floodStart + TimeUnit.SECONDS.toNanos(MAX_FLOOD_SECONDS);
            int epoch = 0;
            int sent = 0;
            long heapPeak = heapBefore;
            CompletableFuture<Long> legitCall = null;
            long legitStart = 0;
            AtomicLong legitDoneAt = new AtomicLong();
            for (; sent < PACKETS && System.nanoTime() < floodDeadline; sent++) {
                if (sent % 100 == 0) {
                    epoch = rnd.nextInt() | RxConstants.RANDOM_EPOCH;
                }
                int cid = rnd.nextInt() & RxConstants.CID_MASK;
                if (cid == 0) {
                    cid = 4;
                }
                int n = 20 + rnd.nextInt(81);
                rnd.nextBytes(body);
                out.clear();
                new WireHeader(epoch, cid, 1, 1, 1, PacketType.DATA,
                        PacketFlags.CLIENT_INITIATED | PacketFlags.LAST_PACKET, 0, 0, 0, PerfProtocol.SERVICE_ID)
                        .encodeTo(out);
                out.writeBytes(body, 0, n);
                flooders.get(sent % SOCKETS).send(dgram, out.readableBytes());
                if (sent == PACKETS / 5) {
                    legitStart = System.nanoTime();
                    legitCall = perf.rpc(100, 100);
                    legitCall.whenComplete((r, e) -> legitDoneAt.set(System.nanoTime()));
                }
                if (sent > 0 && sent % (PACKETS / 4) == 0) {
                    heapPeak = Math.max(heapPeak, heapUsedAfterGc());
                }
            }
            long floodEnd = System.nanoTime();
            heapPeak = Math.max(heapPeak, heapUsedAfterGc());
            long directPeak = directUsed();

            // ---- the legitimate call, started during the flood
            assertThat(legitCall).as("the legitimate call was started").isNotNull();
            Long moved = null;
            Throwable legitFailure = null;
            try {
                moved = legitCall.get(LEGIT_CALL_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                legitFailure = e instanceof ExecutionException ? e.getCause() : e;
            }
            long legitNanos = legitDoneAt.get() == 0 ? -1 : legitDoneAt.get() - legitStart;

            // ---- let the answers arrive, then stop listening and sampling
            long quiet = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < quiet && flooders.stream().anyMatch(f -> f.sinceLastReceiveMillis() < 500)) {
                Thread.sleep(100);
            }
            for (Flooder f : flooders) {
                f.stop();
            }
            occupancy.stop();
            RxEndpointState settled = awaitNoServiceCalls(server, 15);
            long heapAfter = heapUsedAfterGc();
            long directAfter = directUsed();
            long busySent = stats.packetsSent(PacketType.BUSY) - busySentBefore;
            long abortSent = stats.packetsSent(PacketType.ABORT) - abortSentBefore;
            long dataRead = stats.packetsRead(PacketType.DATA) - dataReadBefore;
            long busyReceived = flooders.stream().mapToLong(f -> f.received(PacketType.BUSY)).sum();
            long abortReceived = flooders.stream().mapToLong(f -> f.received(PacketType.ABORT)).sum();
            long otherReceived = flooders.stream().mapToLong(Flooder::receivedTotal).sum() - busyReceived
                    - abortReceived;
            double floodSeconds = (floodEnd - floodStart) / 1e9;
            double busySeconds = (System.nanoTime() - floodStart) / 1e9;

            System.out.printf("""
                    FloodIT summary
                      packets sent            %,d in %.2f s (%,.0f/s) from %d sockets
                      DATA read by endpoint   %,d (the rest dropped by the kernel socket buffer)
                      calls accepted          %,d, service connections opened %,d, evicted %,d
                      BUSY   sent %,d (suppressed %,d), received %,d
                      ABORT  sent %,d, received %,d; other answers received %,d %s
                      occupancy max           serviceConnections %d (limit %d), activeServiceCalls %d (limit %d),
                                              peers %d, %d samples
                      after the flood         %s
                      heap used after GC      before %.1f MiB, peak %.1f MiB, after %.1f MiB (bound: +%d MiB)
                      Netty direct in use     before %.1f MiB, peak %.1f MiB, after %.1f MiB (bound: +%d MiB)
                      legitimate rpc(100,100) %s bytes in %d ms (started after %,d packets, done %s the flood)%s
                      elapsed                 %.1f s
                    """,
                    sent, floodSeconds, sent / floodSeconds, SOCKETS,
                    dataRead,
                    stats.get(Counter.SERVICE_CALLS_ACCEPTED), stats.get(Counter.SERVICE_CONNECTIONS_OPENED),
                    stats.get(Counter.SERVICE_CONNECTIONS_EVICTED),
                    busySent, stats.get(Counter.BUSY_SUPPRESSED), busyReceived,
                    abortSent, abortReceived, otherReceived, byType(flooders),
                    occupancy.maxConnections.get(), MAX_SERVICE_CONNECTIONS, occupancy.maxCalls.get(),
                    MAX_SERVICE_CALLS, occupancy.maxPeers.get(), occupancy.samples.get(),
                    settled,
                    mib(heapBefore), mib(heapPeak), mib(heapAfter), HEAP_GROWTH_BOUND_MIB,
                    mib(directBefore), mib(directPeak), mib(directAfter), DIRECT_GROWTH_BOUND_MIB,
                    moved, legitNanos / 1_000_000, PACKETS / 5,
                    legitDoneAt.get() != 0 && legitDoneAt.get() <= floodEnd ? "during" : "after",
                    legitFailure == null ? "" : " FAILED: " + legitFailure,
                    (System.nanoTime() - t0) / 1e9);

            SoftAssertions soft = new SoftAssertions();
            soft.assertThat(sent).as("packets sent").isEqualTo(PACKETS);
            soft.assertThat(legitFailure).as("failure of the legitimate rpc(100, 100)").isNull();
            soft.assertThat(moved).as("bytes moved by the legitimate rpc(100, 100)").isEqualTo(200L);
            // (a) memory and occupancy
            soft.assertThat(heapPeak - heapBefore).as("heap growth during the flood (after GC)")
                    .isLessThan(HEAP_GROWTH_BOUND_MIB << 20);
            soft.assertThat(heapAfter - heapBefore).as("heap growth after the flood (after GC)")
                    .isLessThan(HEAP_GROWTH_BOUND_MIB << 20);
            soft.assertThat(Math.max(directPeak, directAfter) - directBefore).as("Netty direct memory growth")
                    .isLessThan(DIRECT_GROWTH_BOUND_MIB << 20);
            soft.assertThat(occupancy.samples.get()).as("occupancy samples").isPositive();
            soft.assertThat(occupancy.maxConnections.get()).as("serviceConnections during the flood")
                    .isLessThanOrEqualTo(MAX_SERVICE_CONNECTIONS);
            soft.assertThat(occupancy.maxCalls.get()).as("activeServiceCalls during the flood")
                    .isLessThanOrEqualTo(MAX_SERVICE_CALLS);
            soft.assertThat(occupancy.maxPeers.get()).as("peers during the flood").isLessThanOrEqualTo(SOCKETS + 1);
            soft.assertThat(settled.serviceConnections()).as("serviceConnections after the flood")
                    .isLessThanOrEqualTo(MAX_SERVICE_CONNECTIONS);
            soft.assertThat(settled.activeServiceCalls()).as("activeServiceCalls after the flood").isZero();
            // (b) the flood is answered, BUSY within its rate
            soft.assertThat(busyReceived + abortReceived).as("BUSY + ABORT answers received by the flooders")
                    .isPositive();
            soft.assertThat(busySent + abortSent).as("BUSY + ABORT packets sent by the endpoint").isPositive();
            soft.assertThat(busySent).as("BUSY packets sent (limit %d/s over %.1f s)", MAX_BUSY_PER_SECOND, busySeconds)
                    .isLessThanOrEqualTo((long) (MAX_BUSY_PER_SECOND * (Math.ceil(busySeconds) + 1)));
            soft.assertThat(busyReceived).as("BUSY received <= sent").isLessThanOrEqualTo(busySent);
            soft.assertThat(abortReceived).as("ABORT received <= sent").isLessThanOrEqualTo(abortSent);
            // (c) the legitimate call was quick enough
            soft.assertThat(legitNanos).as("legitimate call duration (ns)")
                    .isBetween(0L, TimeUnit.SECONDS.toNanos(LEGIT_CALL_SECONDS));
            soft.assertAll();
        }
    }

    // ------------------------------------------------------------------ helpers

    /** One flooding socket and the thread that counts what the endpoint answers on it. */
    static final class Flooder {
        private final DatagramSocket socket;
        private final InetSocketAddress target;
        private final AtomicLongArray received = new AtomicLongArray(256);
        private final AtomicLong lastReceive = new AtomicLong(System.nanoTime());
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread reader;

        Flooder(InetSocketAddress target) throws IOException {
            this.target = target;
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            socket.setReceiveBufferSize(4 << 20);
            socket.setSoTimeout(100);
            reader = new Thread(this::read, "flood-reader-" + socket.getLocalPort());
            reader.setDaemon(true);
        }

        void start() {
            reader.start();
        }

        void send(byte[] dgram, int length) throws IOException {
            socket.send(new DatagramPacket(dgram, length, target));
        }

        private void read() {
            byte[] buf = new byte[2048];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            while (running.get()) {
                try {
                    p.setLength(buf.length);
                    socket.receive(p);
                    if (p.getLength() >= WireHeader.SIZE) {
                        received.incrementAndGet(buf[20] & 0xFF);
                    } else {
                        received.incrementAndGet(0);
                    }
                    lastReceive.set(System.nanoTime());
                } catch (SocketTimeoutException e) {
                    // poll the stop flag
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        long sinceLastReceiveMillis() {
            return (System.nanoTime() - lastReceive.get()) / 1_000_000;
        }

        long received(int type) {
            return received.get(type);
        }

        long receivedTotal() {
            long t = 0;
            for (int i = 0; i < received.length(); i++) {
                t += received.get(i);
            }
            return t;
        }

        void stop() throws InterruptedException {
            running.set(false);
            reader.join(2_000);
            socket.close();
        }
    }

    /** Samples {@link RxEndpoint#state()} (taken on the endpoint's I/O thread) and keeps the maxima. */
    static final class Occupancy {
        private final RxEndpoint endpoint;
        final AtomicInteger maxConnections = new AtomicInteger();
        final AtomicInteger maxCalls = new AtomicInteger();
        final AtomicInteger maxPeers = new AtomicInteger();
        final AtomicInteger samples = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread = new Thread(this::run, "flood-occupancy");

        Occupancy(RxEndpoint endpoint) {
            this.endpoint = endpoint;
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private void run() {
            while (running.get()) {
                try {
                    RxEndpointState s = endpoint.state().get(5, TimeUnit.SECONDS);
                    maxConnections.accumulateAndGet(s.serviceConnections(), Math::max);
                    maxCalls.accumulateAndGet(s.activeServiceCalls(), Math::max);
                    maxPeers.accumulateAndGet(s.peers(), Math::max);
                    samples.incrementAndGet();
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // a slow sample under load: try again
                }
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }
    }

    /** What the flooders received, by packet type, e.g. {@code {ACK=12, BUSY=3}}. */
    static String byType(List<Flooder> flooders) {
        StringBuilder sb = new StringBuilder("{");
        for (int t = 0; t < 256; t++) {
            long n = 0;
            for (Flooder f : flooders) {
                n += f.received(t);
            }
            if (n > 0) {
                sb.append(sb.length() > 1 ? ", " : "").append(t == 0 ? "short" : PacketType.name(t))
                        .append('=').append(n);
            }
        }
        return sb.append('}').toString();
    }

    /** Polls until no service call is in progress (bounded); returns the last state seen. */
    static RxEndpointState awaitNoServiceCalls(RxEndpoint server, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        RxEndpointState s = server.state().orTimeout(5, TimeUnit.SECONDS).join();
        while (s.activeServiceCalls() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            s = server.state().orTimeout(5, TimeUnit.SECONDS).join();
        }
        return s;
    }

    /** Heap in use after a full GC: the minimum of three rounds, so floating garbage does not count. */
    static long heapUsedAfterGc() {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long min = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            min = Math.min(min, mem.getHeapMemoryUsage().getUsed());
        }
        return min;
    }

    static long directUsed() {
        return PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
    }

    static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
