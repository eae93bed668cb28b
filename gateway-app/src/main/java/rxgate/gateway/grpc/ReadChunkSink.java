package rxgate.gateway.grpc;

import com.google.protobuf.UnsafeByteOperations;
import io.grpc.stub.ServerCallStreamObserver;
import java.nio.ByteBuffer;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import rxgate.gateway.grpc.v1.ReadChunk;
import rxgate.rxrpc.services.fs.DataSink;

/**
 * The {@link DataSink} of a FileService.Read: gathers the fileserver's data into messages of
 * {@value #CHUNK_BYTES} bytes and hands them to gRPC. Flow control reaches back to the fileserver:
 * a stage returned to the operation stays incomplete while the gRPC stream is not ready (the
 * client or the network is slower than the fileserver), so the operation reads no more from its
 * RxRPC call; the stage completes from the stream's on-ready callback. At most one message's
 * bytes wait here, plus what gRPC buffers before it reports not ready. Once the call is cancelled
 * every stage fails, which aborts the RxRPC call.
 *
 * <p>The operation calls {@link #write} one chunk at a time (the next only after the previous
 * stage completed), and {@link #finish} after the last; the on-ready and on-cancel callbacks come
 * from gRPC's threads, so the state is guarded by this object's lock.
 */
final class ReadChunkSink implements DataSink {
    /** Largest data field of a ReadChunk or WriteRequest (implementation choice: well under gRPC inbound limits). */
    static final int CHUNK_BYTES = 64 * 1024;

    private final ServerCallStreamObserver<ReadChunk> call;
    private byte[] buffer = new byte[CHUNK_BYTES];
    private int filled;
    /** File offset of buffer[0]. */
    private long offset;
    private CompletableFuture<Void> waitingForReady;
    private boolean cancelled;

    ReadChunkSink(ServerCallStreamObserver<ReadChunk> call, long offset) {
        this.call = call;
        this.offset = offset;
    }

    /** Registers the on-ready callback; call before the service method returns. */
    void start() {
        call.setOnReadyHandler(this::onReady);
    }

    @Override
    public CompletionStage<Void> write(ByteBuffer chunk) {
        synchronized (this) {
            if (cancelled) {
                return CompletableFuture.failedFuture(new CancellationException("the gRPC call was cancelled"));
            }
            while (chunk.hasRemaining()) {
                int n = Math.min(chunk.remaining(), CHUNK_BYTES - filled);
                chunk.get(buffer, filled, n);
                filled += n;
                if (filled == CHUNK_BYTES) {
                    send(ReadChunk.newBuilder());
                }
            }
            if (call.isReady()) {
                return CompletableFuture.completedFuture(null);
            }
            waitingForReady = new CompletableFuture<>();
            return waitingForReady;
        }
    }

    /**
     * Sends what is left with the file's status and ends the stream, or ends it with the
     * failure's status. Called once, when the operation's future completes.
     */
    void finish(rxgate.gateway.grpc.v1.FileStatus status, Throwable failure) {
        synchronized (this) {
            if (cancelled) {
                return;
            }
            if (failure != null) {
                call.onError(GrpcErrors.toStatus(failure));
                return;
            }
            send(ReadChunk.newBuilder().setStatus(status));
            call.onCompleted();
        }
    }

    /** The call was cancelled: fail the waiting stage (and every later one). */
    void cancel() {
        CompletableFuture<Void> waiting;
        synchronized (this) {
            cancelled = true;
            waiting = waitingForReady;
            waitingForReady = null;
        }
        if (waiting != null) {
            waiting.completeExceptionally(new CancellationException("the gRPC call was cancelled"));
        }
    }

    private void onReady() {
        CompletableFuture<Void> waiting;
        synchronized (this) {
            if (waitingForReady == null || !call.isReady()) {
                return;
            }
            waiting = waitingForReady;
            waitingForReady = null;
        }
        waiting.complete(null); // the operation goes on reading, on this thread or its own
    }

    /** Sends the buffered bytes (the buffer then belongs to the message) in {@code message}. Holds the lock. */
    private void send(ReadChunk.Builder message) {
        message.setOffset(offset).setData(UnsafeByteOperations.unsafeWrap(buffer, 0, filled));
        call.onNext(message.build());
        offset += filled;
        buffer = new byte[CHUNK_BYTES];
        filled = 0;
    }
}
