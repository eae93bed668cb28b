package rxgate.gateway.pool;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import rxgate.rxrpc.RxCall;
import rxgate.rxrpc.RxCallOptions;
import rxgate.rxrpc.RxClient;
import rxgate.rxrpc.errors.AfsErrors;

/**
 * An {@link RxClient} whose calls pass their server's {@link ServerGuard} (circuit breaker and
 * bulkhead) and are timed in {@link CallMetrics}. Cancelling a whole call's future aborts the
 * call; a split call releases its admission when it completes.
 */
final class GuardedRxClient implements RxClient {
    private final RxClient client;
    private final ServerGuard guard;
    private final CallMetrics metrics;
    private final InFlightCalls inFlight;

    GuardedRxClient(RxClient client, ServerGuard guard, CallMetrics metrics, InFlightCalls inFlight) {
        this.client = client;
        this.guard = guard;
        this.metrics = metrics;
        this.inFlight = inFlight;
    }

    @Override
    public InetSocketAddress server() {
        return client.server();
    }

    @Override
    public int serviceId() {
        return client.serviceId();
    }

    @Override
    public CompletableFuture<byte[]> call(byte[] request) {
        ServerGuard.Permit permit;
        try {
            permit = guard.acquire();
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        int opcode = request.length >= 4 ? ByteBuffer.wrap(request).getInt(0) : Integer.MIN_VALUE;
        CompletableFuture<byte[]> reply = client.call(request);
        Runnable untrack = inFlight.track(() -> reply.cancel(false));
        reply.whenComplete((r, e) -> {
            untrack.run();
            permit.done(e);
            metrics.record(server(), serviceId(), opcode, e, permit.elapsedNanos());
        });
        return reply; // not a dependent stage: cancelling it aborts the Rx call
    }

    @Override
    public RxCall newCall() {
        ServerGuard.Permit permit = guard.acquire();
        RxCall call = client.newCall();
        int[] opcode = {Integer.MIN_VALUE};
        Runnable untrack = inFlight.track(() -> call.abort(AfsErrors.RX_USER_ABORT));
        call.completion().whenComplete((v, e) -> {
            untrack.run();
            permit.done(e);
            metrics.record(server(), serviceId(), opcode[0], e, permit.elapsedNanos());
        });
        return new RxCall() {
            @Override
            public CompletableFuture<Void> send(ByteBuffer data, boolean last) {
                if (opcode[0] == Integer.MIN_VALUE && data.remaining() >= 4) {
                    opcode[0] = data.getInt(data.position());
                }
                return call.send(data, last);
            }

            @Override
            public CompletableFuture<ByteBuffer> receive() {
                return call.receive();
            }

            @Override
            public void abort(int code) {
                call.abort(code);
            }

            @Override
            public CompletableFuture<Void> completion() {
                return call.completion();
            }
        };
    }

    @Override
    public RxClient withOptions(RxCallOptions options) {
        return new GuardedRxClient(client.withOptions(options), guard, metrics, inFlight);
    }

    @Override
    public RxClient withServiceUpgrade() {
        return new GuardedRxClient(client.withServiceUpgrade(), guard, metrics, inFlight);
    }

    @Override
    public RxCallOptions options() {
        return client.options();
    }
}
