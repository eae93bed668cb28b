package rxgate.gateway.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import rxgate.gateway.grpc.v1.FileRequest;
import rxgate.gateway.interop.RealCell;
import rxgate.gateway.grpc.v1.FileServiceGrpc;
import rxgate.gateway.grpc.v1.FileStatus;
import rxgate.gateway.grpc.v1.ReadChunk;
import rxgate.gateway.grpc.v1.ReadRequest;
import rxgate.gateway.grpc.v1.WriteHeader;
import rxgate.gateway.grpc.v1.WriteRequest;

/**
 * FileService against the real OpenAFS cell (interop profile only): the gateway configured for
 * the cell that {@code interop/openafs-cell.sh up} started (from its fixtures.env, directory
 * {@code $RXG_STATE}, default /tmp/rxgate-cell) with its KeyFile, a 64 MiB Write streamed with
 * flow control, then a Read of the whole file with the same MD5 and a ranged Read, then Delete.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GrpcFilesInteropIT {
    private static final int LENGTH = 64 << 20;
    private static final String TOKEN = "grpc-interop-admin-token";
    private static final String PATH = "grpc-it-" + Long.toString(System.currentTimeMillis() % 1_000_000, 36) + ".bin";

    private static final RealCell CELL = RealCell.load();

    @DynamicPropertySource
    static void cell(DynamicPropertyRegistry registry) throws IOException {
        Path tokens = Files.createTempFile("rxgate-admin-tokens", ".txt");
        tokens.toFile().deleteOnExit();
        Files.writeString(tokens, TOKEN + "\n");
        RealCell.registerCell(registry, CELL);
        registry.add("rxgate.cells[0].kvno", () -> fixture("RXG_KVNO"));
        registry.add("rxgate.cells[0].principal", () -> fixture("ADMIN_NAME")); // ACL rights: system:administrators
        registry.add("rxgate.admin.enabled", () -> "true");
        registry.add("rxgate.admin.token-file", tokens::toString);
    }

    static String fixture(String key) {
        return CELL.get(key);
    }

    @Value("${local.grpc.server.port}")
    int grpcPort;

    ManagedChannel channel;
    FileServiceGrpc.FileServiceStub files;

    @BeforeAll
    void connect() {
        // vos create gives a volume a 5 MB quota: lift it for the 64 MiB file
        RealCell.Result quota = CELL.vos("setfields", "-id", fixture("RXG_VOL"), "-maxquota", "0");
        if (quota.exit() != 0) {
            throw new IllegalStateException("vos setfields: " + quota.out());
        }
        channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
        files = FileServiceGrpc.newStub(channel).withInterceptors(adminHeaders());
    }

    @AfterAll
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private FileRequest.Builder file() {
        return FileRequest.newBuilder().setCell(fixture("RXG_CELL")).setVolume(fixture("RXG_VOL")).setPath(PATH);
    }

    /** Byte i of the test file. */
    static byte content(long i) {
        return (byte) ((i * 2654435761L) >>> 13);
    }

    static byte[] content(long offset, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = content(offset + i);
        }
        return b;
    }

    static byte[] md5(long offset, int length) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        for (int off = 0; off < length; off += ReadChunkSink.CHUNK_BYTES) {
            md5.update(content(offset + off, Math.min(ReadChunkSink.CHUNK_BYTES, length - off)));
        }
        return md5.digest();
    }

    @Test
    @Order(1)
    void writes64MiBStreamedWithFlowControl() throws Exception {
        CompletableFuture<FileStatus> reply = new CompletableFuture<>();
        files.withDeadlineAfter(5, TimeUnit.MINUTES).write(new ClientResponseObserver<WriteRequest, FileStatus>() {
            private long sent = -1; // -1: the header is next

            @Override
            public void beforeStart(ClientCallStreamObserver<WriteRequest> requests) {
                requests.setOnReadyHandler(() -> {
                    // send only while gRPC is ready: the file is generated as it goes, never whole in memory
                    while (requests.isReady() && sent < LENGTH) {
                        if (sent < 0) {
                            requests.onNext(WriteRequest.newBuilder().setHeader(WriteHeader.newBuilder()
                                    .setCell(fixture("RXG_CELL")).setVolume(fixture("RXG_VOL")).setPath(PATH)
                                    .setLength(LENGTH)).build());
                            sent = 0;
                            continue;
                        }
                        int n = (int) Math.min(ReadChunkSink.CHUNK_BYTES, LENGTH - sent);
                        requests.onNext(WriteRequest.newBuilder().setData(ByteString.copyFrom(content(sent, n))).build());
                        sent += n;
                        if (sent == LENGTH) {
                            requests.onCompleted();
                        }
                    }
                });
            }

            @Override
            public void onNext(FileStatus status) {
                reply.complete(status);
            }

            @Override
            public void onError(Throwable t) {
                reply.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
            }
        });
        FileStatus status = reply.get(5, TimeUnit.MINUTES);
        assertThat(status.getLength()).isEqualTo(LENGTH);
        assertThat(status.getType()).isEqualTo("file");
    }

    private Iterator<ReadChunk> read(ReadRequest.Builder request) {
        FileRequest f = file().build();
        return FileServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.MINUTES)
                .read(request.setCell(f.getCell()).setVolume(f.getVolume()).setPath(f.getPath()).build());
    }

    @Test
    @Order(2)
    void readsItBackWithTheSameMd5() throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        long total = 0;
        Iterator<ReadChunk> chunks = read(ReadRequest.newBuilder());
        while (chunks.hasNext()) {
            ReadChunk c = chunks.next();
            assertThat(c.getData().size()).isLessThanOrEqualTo(ReadChunkSink.CHUNK_BYTES);
            md5.update(c.getData().asReadOnlyByteBuffer());
            total += c.getData().size();
        }
        assertThat(total).isEqualTo(LENGTH);
        assertThat(md5.digest()).isEqualTo(md5(0, LENGTH));
    }

    @Test
    @Order(3)
    void aRangedReadSendsJustTheRange() throws Exception {
        long offset = 10_000_019;
        int length = 300_007;
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        long total = 0;
        Iterator<ReadChunk> chunks = read(ReadRequest.newBuilder().setOffset(offset).setLength(length));
        while (chunks.hasNext()) {
            ReadChunk c = chunks.next();
            md5.update(c.getData().asReadOnlyByteBuffer());
            total += c.getData().size();
        }
        assertThat(total).isEqualTo(length);
        assertThat(md5.digest()).isEqualTo(md5(offset, length));
    }

    @Test
    @Order(4)
    void deletesIt() {
        FileServiceGrpc.FileServiceBlockingStub blocking = FileServiceGrpc.newBlockingStub(channel)
                .withInterceptors(adminHeaders()).withDeadlineAfter(1, TimeUnit.MINUTES);
        blocking.delete(file().build());
    }

    private static io.grpc.ClientInterceptor adminHeaders() {
        Metadata m = new Metadata();
        m.put(AdminAccessInterceptor.AUTHORIZATION, "Bearer " + TOKEN);
        return MetadataUtils.newAttachHeadersInterceptor(m);
    }
}
