package rxgate.gateway.grpc;

import io.grpc.Context;
import io.grpc.Deadline;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The time left of the current gRPC call, as the timeout of the RxRPC calls made for it. */
final class CallDeadline {
    private CallDeadline() {
    }

    /**
     * What remains of the current call's deadline ({@code grpc-timeout}), at least 1 ms; null
     * when the client set none (the operations then use their configured default). Read it on
     * the thread gRPC calls the service on: the deadline lives in the call's {@link Context}.
     */
    static Duration remaining() {
        return remaining(Context.current().getDeadline());
    }

    static Duration remaining(Deadline deadline) {
        if (deadline == null) {
            return null;
        }
        return Duration.ofMillis(Math.max(1, deadline.timeRemaining(TimeUnit.MILLISECONDS)));
    }
}
