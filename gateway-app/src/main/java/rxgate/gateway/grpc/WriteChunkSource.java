package rxgate.gateway.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.nio.ByteBuffer;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import rxgate.gateway.grpc.v1.FileStatus;
import rxgate.gateway.grpc.v1.WriteHeader;
import rxgate.gateway.grpc.v1.WriteRequest;
import rxgate.rxrpc.services.fs.DataSource;

/**
 * One FileService.Write: the request stream's observer and the {@link DataSource} of the store
 * operation. Flow control reaches back to the client: gRPC's automatic requests are off, and the
 * next message is requested only when the operation asks for data ({@link #read}), i.e. when its
 * RxRPC call has taken the previous chunk into its bounded transmit queue. So at most one client
 * message waits here.
 *
 * <p>The first message must carry the header; the operation starts then. The data must add up to
 * exactly the header's length, in messages of at most 64 KiB: a stream that ends early, brings
 * more or sends a larger message fails with INVALID_ARGUMENT naming {@code data}. Cancellation (client gone, deadline) fails the waiting
 * read and cancels the operation, which aborts its RxRPC call.
 */
final class WriteChunkSource implements StreamObserver<WriteRequest>, DataSource {
    private static final ByteBuffer END = ByteBuffer.allocate(0);

    private final ServerCallStreamObserver<FileStatus> call;
    private final FileAccess files;
    private WriteHeader header;
    private CompletableFuture<rxgate.gateway.ops.FileStatus> store;
    /** Data of the last message the operation has not taken yet. */
    private ByteBuffer leftover;
    private CompletableFuture<ByteBuffer> waitingForData;
    private int waitingMax;
    private long received;
    private boolean halfClosed;
    /** Set when the client broke the protocol; it is the call's outcome. */
    private StatusRuntimeException clientError;
    private boolean done;

    WriteChunkSource(ServerCallStreamObserver<FileStatus> call, FileAccess files) {
        this.call = call;
        this.files = files;
    }

    /** Takes over the call's flow control and asks for the header; call before the service method returns. */
    void start() {
        call.disableAutoRequest();
        call.setOnCancelHandler(this::cancel);
        call.request(1);
    }

    @Override
    public void onNext(WriteRequest message) {
        if (header == null) {
            begin(message);
            return;
        }
        CompletableFuture<ByteBuffer> give = null;
        ByteBuffer chunk = null;
        synchronized (this) {
            if (done) {
                return;
            }
            if (!message.hasData()) {
                reject("data", "only the first message carries a header");
                give = waitingForData;
            } else if (message.getData().size() > ReadChunkSink.CHUNK_BYTES) {
                reject("data", "more than " + ReadChunkSink.CHUNK_BYTES + " bytes in one message");
                give = waitingForData;
            } else {
                received += message.getData().size();
                if (received > header.getLength()) {
                    reject("data", "more than length (" + header.getLength() + ") bytes");
                    give = waitingForData;
                } else {
                    leftover = ByteBuffer.wrap(message.getData().toByteArray());
                    if (waitingForData != null) {
                        give = waitingForData;
                        chunk = take(waitingMax);
                    }
                }
            }
            if (give != null) {
                waitingForData = null;
            }
        }
        hand(give, chunk);
    }

    private void begin(WriteRequest message) {
        if (!message.hasHeader()) {
            finishWith(GrpcErrors.status(Status.Code.INVALID_ARGUMENT, "BAD_REQUEST", null, "header", null,
                    "the first message must carry the header"));
            return;
        }
        WriteHeader h = message.getHeader();
        if (h.getLength() < 0) {
            finishWith(GrpcErrors.status(Status.Code.INVALID_ARGUMENT, "BAD_REQUEST", null, "header.length", null,
                    "must not be negative"));
            return;
        }
        synchronized (this) {
            header = h;
        }
        CompletableFuture<rxgate.gateway.ops.FileStatus> f;
        try {
            f = files.write(h.getCell(), h.getVolume(), h.getPath(), h.getLength(), this);
        } catch (RuntimeException e) {
            finishWith(GrpcErrors.toStatus(e));
            return;
        }
        synchronized (this) {
            store = f;
            if (done) {
                f.cancel(true);
                return;
            }
        }
        f.whenComplete((status, failure) -> {
            StatusRuntimeException error;
            synchronized (this) {
                error = clientError;
            }
            if (failure == null && error == null) {
                finish(GrpcFileService.toProto(status));
            } else {
                finishWith(error != null ? error : GrpcErrors.toStatus(failure));
            }
        });
    }

    @Override
    public CompletionStage<ByteBuffer> read(int max) {
        CompletableFuture<ByteBuffer> waiting;
        synchronized (this) {
            if (done || clientError != null) {
                return CompletableFuture.failedFuture(clientError != null ? clientError
                        : new CancellationException("the gRPC call ended"));
            }
            if (leftover != null && leftover.hasRemaining()) {
                return CompletableFuture.completedFuture(take(max));
            }
            if (halfClosed) {
                if (received < header.getLength()) {
                    reject("data", "the stream ended after " + received + " of " + header.getLength() + " bytes");
                    return CompletableFuture.failedFuture(clientError);
                }
                return CompletableFuture.completedFuture(END);
            }
            waiting = new CompletableFuture<>();
            waitingForData = waiting;
            waitingMax = max;
        }
        call.request(1);
        return waiting;
    }

    @Override
    public void onError(Throwable t) {
        cancel(); // the client cancelled or the transport failed
    }

    @Override
    public void onCompleted() {
        CompletableFuture<ByteBuffer> give;
        ByteBuffer chunk = END;
        synchronized (this) {
            if (done) {
                return;
            }
            halfClosed = true;
            if (header == null) {
                done = true;
                clientError = GrpcErrors.status(Status.Code.INVALID_ARGUMENT, "BAD_REQUEST", null, "header", null,
                        "the stream ended before the header");
            } else if (received < header.getLength()) {
                reject("data", "the stream ended after " + received + " of " + header.getLength() + " bytes");
                chunk = null;
            }
            give = waitingForData;
            waitingForData = null;
        }
        if (header == null) {
            call.onError(clientError);
            return;
        }
        hand(give, chunk);
    }

    /** Completes the operation's waiting read, if any, with chunk, or with the client's error when chunk is null. */
    private void hand(CompletableFuture<ByteBuffer> waiting, ByteBuffer chunk) {
        if (waiting == null) {
            return;
        }
        if (chunk != null) {
            waiting.complete(chunk);
        } else {
            StatusRuntimeException error;
            synchronized (this) {
                error = clientError;
            }
            waiting.completeExceptionally(error);
        }
    }

    /** At most max bytes of the leftover (holds the lock). */
    private ByteBuffer take(int max) {
        ByteBuffer b = leftover;
        if (b.remaining() <= max) {
            leftover = null;
            return b;
        }
        ByteBuffer part = b.slice(b.position(), max);
        b.position(b.position() + max);
        return part;
    }

    /** Records the client's protocol error (holds the lock); the operation fails on it and the call ends with it. */
    private void reject(String field, String message) {
        if (clientError == null) {
            clientError = GrpcErrors.status(Status.Code.INVALID_ARGUMENT, "BAD_REQUEST", null, field, null, message);
        }
    }

    private void cancel() {
        CompletableFuture<ByteBuffer> waiting;
        CompletableFuture<rxgate.gateway.ops.FileStatus> f;
        synchronized (this) {
            done = true;
            waiting = waitingForData;
            waitingForData = null;
            f = store;
        }
        if (waiting != null) {
            waiting.completeExceptionally(new CancellationException("the gRPC call was cancelled"));
        }
        if (f != null) {
            f.cancel(true);
        }
    }

    private void finish(FileStatus status) {
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
        }
        call.onNext(status);
        call.onCompleted();
    }

    private void finishWith(StatusRuntimeException error) {
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
        }
        if (!call.isCancelled()) {
            call.onError(error);
        }
    }
}
