package rxgate.rxrpc.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rxgate.rxrpc.RxCallException;
import rxgate.rxrpc.RxClient;
import rxgate.rxrpc.RxEndpoint;
import rxgate.rxrpc.services.perf.PerfClient;
import rxgate.rxrpc.services.perf.PerfProtocol;
import rxgate.rxrpc.services.perf.PerfRun;
import rxgate.rxrpc.services.perf.PerfService;

/** The rxperf service and client, rxgate to rxgate on loopback. */
class PerfTest {
    RxEndpoint server;
    RxEndpoint client;
    RxClient rx;

    @BeforeEach
    void setUp() {
        server = RxEndpoint.builder().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .service(PerfService.service()).build();
        client = RxEndpoint.builder().build();
        rx = client.client(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.localAddress().getPort()),
                PerfProtocol.SERVICE_ID);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.close();
    }

    @Test
    void rpcSendAndRecvMoveTheRightAmounts() {
        PerfClient perf = new PerfClient(rx);
        assertThat(perf.rpc(1000, 3000).orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo(4000);
        assertThat(perf.send(5_000_000).orTimeout(30, TimeUnit.SECONDS).join()).isEqualTo(5_000_000);
        assertThat(perf.recv(5_000_000).orTimeout(30, TimeUnit.SECONDS).join()).isEqualTo(5_000_000);
        assertThat(perf.rpc(0, 0).orTimeout(10, TimeUnit.SECONDS).join()).isZero();
    }

    @Test
    void aRunWithConcurrencyCountsEveryCall() {
        PerfClient perf = new PerfClient(rx);
        PerfRun.Result r = PerfRun.run("rpc", 500, 16, () -> perf.rpc(100, 100)).orTimeout(60, TimeUnit.SECONDS)
                .join();
        assertThat(r.failures()).isZero();
        assertThat(r.calls()).isEqualTo(500);
        assertThat(r.bytes()).isEqualTo(500 * 200);
        assertThat(r.percentileMicros(50)).isPositive();
        assertThat(r.format()).contains("500 calls").contains("concurrency 16");
    }

    @Test
    void aBulkTransferDoesNotStarveSmallCalls() {
        PerfClient perf = new PerfClient(rx);
        java.util.concurrent.CompletableFuture<Long> bulk = perf.send(512L << 20);
        for (int i = 0; i < 50; i++) {
            assertThat(perf.rpc(100, 100).orTimeout(30, TimeUnit.SECONDS).join()).isEqualTo(200);
        }
        assertThat(bulk).as("the small calls were served while the bulk transfer was still running").isNotDone();
        rx.newCall(); // unused call objects cost nothing on the wire
        assertThat(bulk.orTimeout(120, TimeUnit.SECONDS).join()).isEqualTo(512L << 20);
    }

    @Test
    void badRequestsAreAbortedAsTheKernelsRxperfDoes() {
        byte[] wrongVersion = ByteBuffer.allocate(20).putInt(2).putInt(3).putInt(0).putInt(0).putInt(0).array();
        assertThatThrownBy(() -> rx.call(wrongVersion).orTimeout(10, TimeUnit.SECONDS).join()).cause()
                .isInstanceOfSatisfying(RxCallException.class, e -> assertThat(e.codeName()).isEqualTo("RX_USER_ABORT"));
        byte[] file = ByteBuffer.allocate(20).putInt(3).putInt(4).putInt(0).putInt(0).putInt(0).array();
        assertThatThrownBy(() -> rx.call(file).orTimeout(10, TimeUnit.SECONDS).join()).cause()
                .isInstanceOfSatisfying(RxCallException.class, e -> assertThat(e.codeName()).isEqualTo("RXGEN_OPCODE"));
        byte[] shortRequest = ByteBuffer.allocate(6).putInt(3).array();
        assertThatThrownBy(() -> rx.call(shortRequest).orTimeout(10, TimeUnit.SECONDS).join()).cause()
                .isInstanceOfSatisfying(RxCallException.class,
                        e -> assertThat(e.codeName()).isEqualTo("RXGEN_SS_UNMARSHAL"));
        byte[] truncatedSend = ByteBuffer.allocate(24).putInt(3).putInt(0).putInt(0).putInt(0).putInt(100).putInt(0)
                .array();
        assertThatThrownBy(() -> rx.call(truncatedSend).orTimeout(10, TimeUnit.SECONDS).join()).cause()
                .isInstanceOfSatisfying(RxCallException.class,
                        e -> assertThat(e.codeName()).isEqualTo("RXGEN_SS_UNMARSHAL"));
    }
}
