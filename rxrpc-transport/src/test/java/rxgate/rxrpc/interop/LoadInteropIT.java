package rxgate.rxrpc.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rxgate.rxrpc.RxEndpoint;
import rxgate.rxrpc.RxEndpointState;
import rxgate.rxrpc.services.RpcCaller;
import rxgate.rxrpc.services.pt.PtClient;
import rxgate.rxrpc.services.vl.NvldbEntry;
import rxgate.rxrpc.services.vl.VlClient;

/** Many calls, one after another and at once, against the real servers: every answer checked. */
class LoadInteropIT {
    static TestCell cell;
    RxEndpoint endpoint;
    VlClient vl;
    PtClient pt;

    @BeforeAll
    static void loadCell() {
        cell = TestCell.load();
    }

    @BeforeEach
    void setUp() {
        endpoint = RxEndpoint.builder().deadTime(Duration.ofSeconds(10)).build();
        vl = new VlClient(RpcCaller.of(endpoint.client(cell.vl(), 52)));
        pt = new PtClient(RpcCaller.of(endpoint.client(cell.pt(), 73)));
    }

    @AfterEach
    void tearDown() {
        endpoint.close();
    }

    @Test
    void twoThousandSequentialCallsAreAllAnsweredCorrectly() {
        String vol = cell.get("RXG_VOL");
        long volId = Long.parseLong(cell.get("RXG_VOL_ID"));
        int aliceId = cell.getInt("ALICE_ID");
        for (int i = 0; i < 2000; i++) {
            if (i % 2 == 0) {
                NvldbEntry e = vl.getEntryByName(vol).orTimeout(30, TimeUnit.SECONDS).join();
                assertThat(e.rwId()).isEqualTo(volId);
            } else {
                assertThat(pt.nameToId(List.of("alice")).orTimeout(30, TimeUnit.SECONDS).join())
                        .containsExactly(aliceId);
            }
        }
        RxEndpointState s = endpoint.state().join();
        assertThat(s.activeCalls()).isZero();
        assertThat(s.clientConnections()).as("connections are reused, one per server").isEqualTo(2);
    }

    @Test
    void twoHundredConcurrentCallsAreAllAnsweredCorrectly() {
        String vol = cell.get("RXG_VOL");
        long volId = Long.parseLong(cell.get("RXG_VOL_ID"));
        int bobId = cell.getInt("BOB_ID");
        List<CompletableFuture<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            if (i % 2 == 0) {
                calls.add(vl.getEntryByName(vol).thenApply(e -> e.rwId() == volId));
            } else {
                calls.add(pt.nameToId(List.of("bob")).thenApply(ids -> ids.equals(List.of(bobId))));
            }
        }
        CompletableFuture.allOf(calls.toArray(new CompletableFuture[0])).orTimeout(60, TimeUnit.SECONDS).join();
        assertThat(calls).allSatisfy(f -> assertThat(f.join()).isTrue());
        RxEndpointState s = endpoint.state().join();
        assertThat(s.activeCalls()).isZero();
        assertThat(s.clientConnections()).as("at least one connection per server, new ones opened one at a time")
                .isGreaterThanOrEqualTo(2);
    }
}
