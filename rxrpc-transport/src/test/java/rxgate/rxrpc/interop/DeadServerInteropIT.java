package rxgate.rxrpc.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import rxgate.rxrpc.CallCompletion;
import rxgate.rxrpc.RxCallException;
import rxgate.rxrpc.RxEndpoint;
import rxgate.rxrpc.services.RpcCaller;
import rxgate.rxrpc.services.pt.PtClient;

/**
 * A database server that stops answering: the call ends with RX_CALL_DEAD after the configured
 * dead time instead of hanging, and after the server is started again the next call works.
 */
class DeadServerInteropIT {
    private static final Path SCRIPT = Path.of(System.getProperty("user.dir")).resolve("../interop/openafs-cell.sh")
            .normalize();

    private boolean stopped;

    @AfterEach
    void restartIfNeeded() {
        if (stopped) {
            OpenAfsTool.ok(120, "bash", SCRIPT.toString(), "start-server", "ptserver");
        }
    }

    @Test
    void aStoppedServerEndsTheCallWithACallDeadErrorAndARestartIsSurvived() {
        TestCell cell = TestCell.load();
        Duration deadTime = Duration.ofSeconds(3);
        try (RxEndpoint endpoint = RxEndpoint.builder().deadTime(deadTime).build()) {
            PtClient pt = new PtClient(RpcCaller.of(endpoint.client(cell.pt(), 73)));
            int aliceId = cell.getInt("ALICE_ID");
            assertThat(pt.nameToId(List.of("alice")).join()).containsExactly(aliceId);

            OpenAfsTool.ok(60, "bash", SCRIPT.toString(), "stop-server", "ptserver");
            stopped = true;
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> pt.nameToId(List.of("alice")).orTimeout(60, TimeUnit.SECONDS).join())
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOfSatisfying(RxCallException.class, e -> {
                        assertThat(e.code()).isEqualTo(-1);
                        assertThat(e.codeName()).isEqualTo("RX_CALL_DEAD");
                        assertThat(e.completion()).isEqualTo(CallCompletion.LOCALLY_ABORTED);
                        assertThat(e.getMessage()).contains("no answer from");
                    });
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertThat(elapsedMs).as("the call ended by its dead time, not by the test's guard")
                    .isGreaterThanOrEqualTo(deadTime.toMillis() - 100)
                    .isLessThan(deadTime.toMillis() * 5);

            OpenAfsTool.ok(120, "bash", SCRIPT.toString(), "start-server", "ptserver");
            stopped = false;
            assertThat(pt.nameToId(List.of("alice")).orTimeout(30, TimeUnit.SECONDS).join()).containsExactly(aliceId);
            assertThat(pt.nameToId(List.of("bob")).orTimeout(30, TimeUnit.SECONDS).join())
                    .containsExactly(cell.getInt("BOB_ID"));
        }
    }
}
