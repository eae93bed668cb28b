package rxgate.rxrpc.services.perf;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import rxgate.rxrpc.RxCall;
import rxgate.rxrpc.RxClient;
import rxgate.rxrpc.errors.AfsErrors;
import rxgate.rxrpc.RxCallException;
import rxgate.rxrpc.CallCompletion;

/**
 * The client side of rxperf: one call per operation, data streamed with backpressure, the reply
 * checked for its length and the magic cookie. Completes with the bytes moved.
 */
public final class PerfClient {
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(PerfProtocol.CHUNK).asReadOnlyBuffer();
    private final RxClient client;

    public PerfClient(RxClient client) {
        this.client = client;
    }

    /** RPC: sends {@code sendBytes}, receives {@code recvBytes}. */
    public CompletableFuture<Long> rpc(int sendBytes, int recvBytes) {
        return run(PerfProtocol.TYPE_RPC, sendBytes, recvBytes);
    }

    /** SEND: streams {@code bytes} to the server. */
    public CompletableFuture<Long> send(long bytes) {
        return run(PerfProtocol.TYPE_SEND, bytes, 0);
    }

    /** RECV: streams {@code bytes} from the server. */
    public CompletableFuture<Long> recv(long bytes) {
        return run(PerfProtocol.TYPE_RECV, 0, bytes);
    }

    private CompletableFuture<Long> run(int type, long sendBytes, long recvBytes) {
        if (sendBytes > 0xFFFFFFFFL || recvBytes > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("rxperf counts are 32-bit");
        }
        RxCall call = client.newCall();
        ByteBuffer header = ByteBuffer.allocate(24);
        header.putInt(PerfProtocol.VERSION).putInt(type).putInt(PerfProtocol.CHUNK).putInt(PerfProtocol.CHUNK);
        switch (type) {
            case PerfProtocol.TYPE_SEND -> header.putInt((int) sendBytes);
            case PerfProtocol.TYPE_RECV -> header.putInt((int) recvBytes);
            default -> header.putInt((int) sendBytes).putInt((int) recvBytes);
        }
        header.flip();
        CompletableFuture<Void> sent = call.send(header, sendBytes == 0).thenCompose(v -> sendData(call, sendBytes));
        long[] received = {0};
        ByteBuffer tail = ByteBuffer.allocate(4);
        return sent.thenCompose(v -> readReply(call, recvBytes, received, tail))
                .thenCompose(v -> call.completion())
                .thenApply(v -> {
                    tail.flip();
                    if (received[0] != recvBytes || tail.remaining() != 4 || tail.getInt() != PerfProtocol.MAGIC_COOKIE) {
                        throw new RxCallException(CallCompletion.LOCAL_ERROR, AfsErrors.RXGEN_CC_UNMARSHAL,
                                "bad rxperf reply: " + received[0] + " of " + recvBytes + " bytes, cookie missing");
                    }
                    return sendBytes + recvBytes;
                });
    }

    private static CompletableFuture<Void> sendData(RxCall call, long left) {
        if (left <= 0) {
            return CompletableFuture.completedFuture(null);
        }
        int n = (int) Math.min(left, PerfProtocol.CHUNK);
        boolean last = left == n;
        return call.send(ZEROS.duplicate().limit(n), last).thenCompose(v -> sendData(call, left - n));
    }

    /** Reads the reply: {@code expect} data bytes, then the cookie into {@code tail}. */
    private static CompletableFuture<Void> readReply(RxCall call, long expect, long[] got, ByteBuffer tail) {
        return call.receive().thenCompose(b -> {
            if (!b.hasRemaining()) {
                return CompletableFuture.completedFuture(null);
            }
            long dataLeft = expect - got[0];
            int data = (int) Math.min(dataLeft, b.remaining());
            got[0] += data;
            b.position(b.position() + data);
            while (b.hasRemaining()) {
                if (!tail.hasRemaining()) {
                    throw new RxCallException(CallCompletion.LOCAL_ERROR, AfsErrors.RXGEN_CC_UNMARSHAL,
                            "rxperf reply longer than expected");
                }
                tail.put(b.get());
            }
            return readReply(call, expect, got, tail);
        });
    }
}
