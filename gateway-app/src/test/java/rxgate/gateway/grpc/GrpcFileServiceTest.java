package rxgate.gateway.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rxgate.gateway.grpc.v1.FileRequest;
import rxgate.gateway.grpc.v1.FileServiceGrpc;
import rxgate.gateway.grpc.v1.ReadChunk;
import rxgate.gateway.grpc.v1.ReadRequest;
import rxgate.gateway.grpc.v1.WriteHeader;
import rxgate.gateway.grpc.v1.WriteRequest;
import rxgate.gateway.ops.DirEntryInfo;
import rxgate.gateway.ops.FileStatus;
import rxgate.rxrpc.services.fs.DataSink;
import rxgate.rxrpc.services.fs.DataSource;

/**
 * FileService's streaming, cancellation and deadline handling over an in-process channel, with a
 * fake {@link FileAccess} that plays the fileserver: it produces file data in small chunks through
 * the sink (as FetchData64 does) and drains a DataSource (as StoreData64 does). The embedded demo
 * cell has no fileserver; the real one is exercised by GrpcFilesInteropIT.
 */
class GrpcFileServiceTest {
    private static final int RX_CHUNK = 4096;

    private final FakeFileserver fileserver = new FakeFileserver();
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).addService(new GrpcFileService(fileserver)).build().start();
        channel = InProcessChannelBuilder.forName(name).build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Byte i of every fake file. */
    static byte content(long i) {
        return (byte) (i * 31 + (i >>> 11));
    }

    static byte[] content(long offset, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = content(offset + i);
        }
        return b;
    }

    static FileStatus status(long length) {
        return new FileStatus("536870918.2.3", "file", length, 7, Instant.ofEpochSecond(1_700_000_000), 0644, 1, 0, 1);
    }

    @Test
    void readStreamsAFileInChunksOfAtMost64KiBWithTheStatusLast() throws Exception {
        fileserver.fileLength = 8L << 20;
        Iterator<ReadChunk> chunks = FileServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                .read(ReadRequest.newBuilder().setCell("c").setVolume("v").setPath("f").build());
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        long expectedOffset = 0;
        ReadChunk last = null;
        while (chunks.hasNext()) {
            ReadChunk c = chunks.next();
            assertThat(c.getData().size()).isLessThanOrEqualTo(ReadChunkSink.CHUNK_BYTES);
            assertThat(c.getOffset()).isEqualTo(expectedOffset);
            assertThat(last == null || !last.hasStatus()).as("the status comes last").isTrue();
            expectedOffset += c.getData().size();
            md5.update(c.getData().asReadOnlyByteBuffer());
            last = c;
        }
        assertThat(expectedOffset).isEqualTo(8L << 20);
        assertThat(last.getStatus().getLength()).isEqualTo(8L << 20);
        assertThat(last.getStatus().getModified().getSeconds()).isEqualTo(1_700_000_000L);
        assertThat(md5.digest()).isEqualTo(MessageDigest.getInstance("MD5").digest(content(0, 8 << 20)));
    }

    @Test
    void aRangedReadSendsJustTheRange() {
        fileserver.fileLength = 1L << 20;
        Iterator<ReadChunk> chunks = FileServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                .read(ReadRequest.newBuilder().setCell("c").setVolume("v").setPath("f").setOffset(1000)
                        .setLength(200_000).build());
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        chunks.forEachRemaining(c -> got.writeBytes(c.getData().toByteArray()));
        assertThat(got.toByteArray()).isEqualTo(content(1000, 200_000));
    }

    @Test
    void aSlowReaderHoldsTheFileserverBackAndCancellingAbortsTheOperation() throws Exception {
        fileserver.fileLength = 64L << 20;
        CompletableFuture<ReadChunk> first = new CompletableFuture<>();
        CompletableFuture<ClientCallStreamObserver<ReadRequest>> callRef = new CompletableFuture<>();
        FileServiceGrpc.newStub(channel).read(ReadRequest.newBuilder().setCell("c").setVolume("v").setPath("f").build(),
                new ClientResponseObserver<ReadRequest, ReadChunk>() {
                    @Override
                    public void beforeStart(ClientCallStreamObserver<ReadRequest> call) {
                        call.disableAutoRequestWithInitial(1); // take one message, then nothing
                        callRef.complete(call);
                    }

                    @Override
                    public void onNext(ReadChunk value) {
                        first.complete(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        first.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        assertThat(first.get(10, TimeUnit.SECONDS).getData().size()).isEqualTo(ReadChunkSink.CHUNK_BYTES);
        fileserver.heldBack.get(10, TimeUnit.SECONDS);
        assertThat(fileserver.produced.get()).as("bytes taken from the fileserver").isLessThan(1L << 20);
        callRef.get().cancel("test: client gone", null);
        fileserver.operation.get(10, TimeUnit.SECONDS).handle((v, t) -> null).get(10, TimeUnit.SECONDS);
        assertThat(fileserver.operation.get().isCompletedExceptionally()).isTrue();
    }

    @Test
    void writeStoresTheStreamedBytes() throws Exception {
        int length = 8 << 20;
        byte[] data = content(0, length);
        CompletableFuture<rxgate.gateway.grpc.v1.FileStatus> reply = new CompletableFuture<>();
        StreamObserver<WriteRequest> requests = FileServiceGrpc.newStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                .write(GrpcApiTest.firstReply(reply));
        requests.onNext(WriteRequest.newBuilder().setHeader(WriteHeader.newBuilder().setCell("c").setVolume("v")
                .setPath("f").setLength(length)).build());
        for (int off = 0; off < length; off += ReadChunkSink.CHUNK_BYTES) {
            requests.onNext(WriteRequest.newBuilder()
                    .setData(ByteString.copyFrom(data, off, Math.min(ReadChunkSink.CHUNK_BYTES, length - off))).build());
        }
        requests.onCompleted();
        assertThat(reply.get(30, TimeUnit.SECONDS).getLength()).isEqualTo(length);
        assertThat(fileserver.stored.toByteArray()).isEqualTo(data);
        assertThat(fileserver.largestRead).isLessThanOrEqualTo(FakeFileserver.STORE_CHUNK);
    }

    /** Sends the messages, half-closes and answers the call's failure (null if it succeeded). */
    private Throwable writeFailure(List<WriteRequest> messages) throws Exception {
        CompletableFuture<rxgate.gateway.grpc.v1.FileStatus> reply = new CompletableFuture<>();
        StreamObserver<WriteRequest> requests = FileServiceGrpc.newStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                .write(GrpcApiTest.firstReply(reply));
        messages.forEach(requests::onNext);
        requests.onCompleted();
        return reply.handle((v, t) -> t).get(30, TimeUnit.SECONDS);
    }

    @Test
    void aWriteMustStartWithAHeaderAndBringExactlyItsLength() throws Exception {
        WriteRequest data = WriteRequest.newBuilder().setData(ByteString.copyFromUtf8("abc")).build();
        Status noHeader = Status.fromThrowable(writeFailure(List.of(data)));
        assertThat(noHeader.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(noHeader.getDescription()).startsWith("header: ");
        WriteRequest header = WriteRequest.newBuilder().setHeader(WriteHeader.newBuilder().setCell("c")
                .setVolume("v").setPath("f").setLength(10)).build();
        Status shortData = Status.fromThrowable(writeFailure(List.of(header, data)));
        assertThat(shortData.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(shortData.getDescription()).startsWith("data: ");
        Status tooMuch = Status.fromThrowable(writeFailure(List.of(header, data, data, data, data)));
        assertThat(tooMuch.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(tooMuch.getDescription()).startsWith("data: ");
    }

    @Test
    void theDeadlineBecomesTheTimeoutAndItsExpiryCancelsTheOperation() throws Exception {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> FileServiceGrpc.newBlockingStub(channel).withDeadlineAfter(300, TimeUnit.MILLISECONDS)
                        .stat(FileRequest.newBuilder().setCell("c").setVolume("v").setPath("f").build()));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(fileserver.statTimeout).isPositive().isLessThanOrEqualTo(Duration.ofMillis(300));
        fileserver.operation.get(10, TimeUnit.SECONDS).handle((v, t) -> null).get(10, TimeUnit.SECONDS);
        assertThat(fileserver.operation.get().isCancelled()).isTrue();
    }

    /** Plays the fileserver behind {@link FileAccess}. */
    static final class FakeFileserver implements FileAccess {
        static final int STORE_CHUNK = 16 * 1024;
        volatile long fileLength;
        final AtomicLong produced = new AtomicLong();
        /** Completes when a sink stage was not complete at once: the reader is holding the data back. */
        final CompletableFuture<Void> heldBack = new CompletableFuture<>();
        /** The future the last operation returned. */
        final CompletableFuture<CompletableFuture<?>> operation = new CompletableFuture<>();
        final ByteArrayOutputStream stored = new ByteArrayOutputStream();
        volatile int largestRead;
        volatile Duration statTimeout;

        @Override
        public CompletableFuture<FileStatus> read(String cell, String volume, String path, long offset, long length,
                DataSink sink) {
            long end = length < 0 ? fileLength : Math.min(fileLength, offset + length);
            CompletableFuture<FileStatus> result = new CompletableFuture<>();
            operation.complete(result);
            pump(sink, offset, end, result);
            return result;
        }

        /** Feeds the sink chunk by chunk; loops while stages complete at once, continues from a held one. */
        private void pump(DataSink sink, long position, long end, CompletableFuture<FileStatus> result) {
            while (!result.isDone()) {
                if (position >= end) {
                    result.complete(status(fileLength));
                    return;
                }
                int n = (int) Math.min(RX_CHUNK, end - position);
                produced.addAndGet(n);
                CompletableFuture<Void> stage = sink.write(ByteBuffer.wrap(content(position, n))).toCompletableFuture();
                long next = position + n;
                if (!stage.isDone()) {
                    heldBack.complete(null);
                    stage.whenComplete((v, failure) -> {
                        if (failure != null) {
                            result.completeExceptionally(failure); // a failed stage aborts the call
                        } else {
                            pump(sink, next, end, result);
                        }
                    });
                    return;
                }
                if (stage.isCompletedExceptionally()) {
                    stage.whenComplete((v, failure) -> result.completeExceptionally(failure));
                    return;
                }
                position = next;
            }
        }

        @Override
        public CompletableFuture<FileStatus> write(String cell, String volume, String path, long length,
                DataSource source) {
            CompletableFuture<FileStatus> result = new CompletableFuture<>();
            operation.complete(result);
            drain(source, length, result);
            return result;
        }

        private void drain(DataSource source, long left, CompletableFuture<FileStatus> result) {
            if (left == 0) {
                result.complete(status(stored.size()));
                return;
            }
            source.read((int) Math.min(STORE_CHUNK, left)).whenComplete((b, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(failure);
                    return;
                }
                if (b == null || !b.hasRemaining()) {
                    result.completeExceptionally(new IllegalStateException("short data"));
                    return;
                }
                largestRead = Math.max(largestRead, b.remaining());
                int n = b.remaining();
                byte[] bytes = new byte[n];
                b.get(bytes);
                stored.writeBytes(bytes);
                drain(source, left - n, result);
            });
        }

        @Override
        public CompletableFuture<FileStatus> stat(String cell, String volume, String path, Duration timeout) {
            statTimeout = timeout;
            CompletableFuture<FileStatus> never = new CompletableFuture<>();
            operation.complete(never);
            return never;
        }

        @Override
        public CompletableFuture<List<DirEntryInfo>> list(String cell, String volume, String path, Duration timeout) {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public CompletableFuture<Void> delete(String cell, String volume, String path, Duration timeout) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<FileStatus> mkdir(String cell, String volume, String path, Duration timeout) {
            return CompletableFuture.completedFuture(status(0));
        }
    }
}
