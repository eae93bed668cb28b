package rxgate.rxrpc.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import rxgate.rxrpc.CallCompletion;
import rxgate.rxrpc.RxCallException;

/**
 * TEST DOUBLE — not a transport. Plays back scripted replies for {@link RpcCaller} users: each
 * step checks the request (exact bytes, or just the opcode) and answers with canned bytes or an
 * abort code. Unexpected requests fail the call with an AssertionError.
 */
public final class ScriptedCaller implements RpcCaller {
    private final String name;
    private final Deque<Function<byte[], CompletableFuture<byte[]>>> steps = new ArrayDeque<>();
    private final List<byte[]> requests = new ArrayList<>();
    private final List<Duration> timeouts = new ArrayList<>();

    public ScriptedCaller() {
        this("scripted");
    }

    public ScriptedCaller(String name) {
        this.name = name;
    }

    /** Next call must send exactly {@code request}; it gets {@code reply}. */
    public ScriptedCaller expect(byte[] request, byte[] reply) {
        steps.add(req -> {
            assertThat(req).as("request bytes").isEqualTo(request);
            return CompletableFuture.completedFuture(reply.clone());
        });
        return this;
    }

    /** Next call must have {@code opcode}; it gets {@code reply}. */
    public ScriptedCaller expectOpcode(int opcode, byte[] reply) {
        steps.add(req -> {
            assertThat(opcode(req)).as("opcode").isEqualTo(opcode);
            return CompletableFuture.completedFuture(reply.clone());
        });
        return this;
    }

    /** Next call must have {@code opcode}; it is aborted with {@code code}. */
    public ScriptedCaller abortOpcode(int opcode, int code) {
        steps.add(req -> {
            assertThat(opcode(req)).as("opcode").isEqualTo(opcode);
            return CompletableFuture.failedFuture(
                    new RxCallException(CallCompletion.REMOTELY_ABORTED, code, "scripted abort"));
        });
        return this;
    }

    /** Next call (any request) fails with {@code error}. */
    public ScriptedCaller fail(Throwable error) {
        steps.add(req -> CompletableFuture.failedFuture(error));
        return this;
    }

    /** Next call (any request) is aborted by the peer with {@code code}. */
    public ScriptedCaller abort(int code) {
        return fail(new RxCallException(CallCompletion.REMOTELY_ABORTED, code, "scripted abort by " + name));
    }

    /** Next call (any request) succeeds with {@code reply}. */
    public ScriptedCaller reply(byte[] reply) {
        steps.add(req -> CompletableFuture.completedFuture(reply.clone()));
        return this;
    }

    /** Next call never completes (for timeout tests). */
    public ScriptedCaller hang() {
        steps.add(req -> new CompletableFuture<>());
        return this;
    }

    @Override
    public synchronized CompletableFuture<byte[]> call(byte[] request) {
        requests.add(request.clone());
        Function<byte[], CompletableFuture<byte[]>> step = steps.poll();
        if (step == null) {
            return CompletableFuture.failedFuture(new AssertionError(
                    name + ": unexpected call, opcode " + opcode(request) + " " + Arrays.toString(request)));
        }
        try {
            return step.apply(request);
        } catch (AssertionError e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** A view that records {@code timeout} for each call it makes, then calls this. */
    @Override
    public RpcCaller withTimeout(Duration timeout) {
        return request -> {
            synchronized (this) {
                timeouts.add(timeout);
            }
            return call(request);
        };
    }

    /** The timeouts of the calls made through {@link #withTimeout} views, in order. */
    public synchronized List<Duration> timeouts() {
        return List.copyOf(timeouts);
    }

    public synchronized List<byte[]> requests() {
        return List.copyOf(requests);
    }

    public synchronized int callCount() {
        return requests.size();
    }

    public synchronized boolean allStepsUsed() {
        return steps.isEmpty();
    }

    @Override
    public String target() {
        return name;
    }

    public static int opcode(byte[] req) {
        return req.length >= 4 ? ByteBuffer.wrap(req).getInt(0) : Integer.MIN_VALUE;
    }
}
