package rxgate.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import rxgate.rxrpc.services.RpcCaller;

class RequestScopeTest {
    private final CompletableFuture<byte[]> inFlight = new CompletableFuture<>();
    private final RpcCaller server = request -> inFlight;

    @Test
    void cancellingTheRequestCancelsItsCalls() {
        RequestScope scope = new RequestScope();
        CompletableFuture<byte[]> result = scope.bind(scope.track(server).call(new byte[4]).thenApply(b -> b));
        result.cancel(false);
        assertThat(inFlight).isCancelled();
    }

    @Test
    void aRequestThatTimesOutCancelsItsCalls() {
        RequestScope scope = new RequestScope();
        scope.bind(scope.track(server).call(new byte[4]).thenApply(b -> b).orTimeout(1, TimeUnit.MILLISECONDS))
                .exceptionally(e -> null).join();
        assertThat(inFlight).isCancelled();
    }

    @Test
    void aRequestThatEndsNormallyLeavesOtherCallsAlone() {
        RequestScope scope = new RequestScope();
        CompletableFuture<byte[]> mine = scope.track(request -> CompletableFuture.completedFuture(new byte[1]))
                .call(new byte[4]);
        scope.bind(mine).join();
        assertThat(inFlight).isNotDone();
    }
}
