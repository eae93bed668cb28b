package rxgate.gateway.grpc;

import com.google.protobuf.Empty;
import com.google.protobuf.Timestamp;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import rxgate.gateway.grpc.v1.DirectoryListing;
import rxgate.gateway.grpc.v1.FileRequest;
import rxgate.gateway.grpc.v1.FileServiceGrpc;
import rxgate.gateway.grpc.v1.FileStatus;
import rxgate.gateway.grpc.v1.ReadChunk;
import rxgate.gateway.grpc.v1.ReadRequest;
import rxgate.gateway.grpc.v1.WriteRequest;
import rxgate.gateway.ops.FileOps;

/**
 * rxgate.v1.FileService over {@link FileOps}. Read and Write stream: neither holds more than a
 * chunk or two of a file in memory, whatever its size (see {@link ReadChunkSink} and
 * {@link WriteChunkSource}). Write, Delete and MakeDirectory are guarded by
 * {@link AdminAccessInterceptor}.
 */
@Service
public class GrpcFileService extends FileServiceGrpc.FileServiceImplBase {
    private final FileAccess files;

    @Autowired
    public GrpcFileService(FileOps files) {
        this(FileAccess.of(files));
    }

    GrpcFileService(FileAccess files) {
        this.files = files;
    }

    @Override
    public void stat(FileRequest request, StreamObserver<FileStatus> reply) {
        UnaryReply.send(reply, () -> files.stat(request.getCell(), request.getVolume(), request.getPath(),
                CallDeadline.remaining()), GrpcFileService::toProto);
    }

    @Override
    public void listDirectory(FileRequest request, StreamObserver<DirectoryListing> reply) {
        UnaryReply.send(reply, () -> files.list(request.getCell(), request.getVolume(), request.getPath(),
                CallDeadline.remaining()), entries -> {
                    DirectoryListing.Builder b = DirectoryListing.newBuilder();
                    entries.forEach(e -> b.addEntriesBuilder().setName(e.name()).setFid(e.fid()));
                    return b.build();
                });
    }

    @Override
    public void read(ReadRequest request, StreamObserver<ReadChunk> reply) {
        ServerCallStreamObserver<ReadChunk> call = (ServerCallStreamObserver<ReadChunk>) reply;
        ReadChunkSink sink = new ReadChunkSink(call, request.getOffset());
        sink.start();
        CompletableFuture<rxgate.gateway.ops.FileStatus> result;
        try {
            result = files.read(request.getCell(), request.getVolume(), request.getPath(), request.getOffset(),
                    request.hasLength() ? request.getLength() : -1, sink);
        } catch (RuntimeException e) {
            call.onError(GrpcErrors.toStatus(e));
            return;
        }
        call.setOnCancelHandler(() -> {
            sink.cancel();
            result.cancel(true);
        });
        result.whenComplete((status, failure) -> sink.finish(failure == null ? toProto(status) : null, failure));
    }

    @Override
    public StreamObserver<WriteRequest> write(StreamObserver<FileStatus> reply) {
        WriteChunkSource source = new WriteChunkSource((ServerCallStreamObserver<FileStatus>) reply, files);
        source.start();
        return source;
    }

    @Override
    public void delete(FileRequest request, StreamObserver<Empty> reply) {
        UnaryReply.send(reply, () -> files.delete(request.getCell(), request.getVolume(), request.getPath(),
                CallDeadline.remaining()), done -> Empty.getDefaultInstance());
    }

    @Override
    public void makeDirectory(FileRequest request, StreamObserver<FileStatus> reply) {
        UnaryReply.send(reply, () -> files.mkdir(request.getCell(), request.getVolume(), request.getPath(),
                CallDeadline.remaining()), GrpcFileService::toProto);
    }

    static FileStatus toProto(rxgate.gateway.ops.FileStatus s) {
        FileStatus.Builder b = FileStatus.newBuilder().setFid(s.fid()).setType(s.type()).setLength(s.length())
                .setDataVersion(s.dataVersion()).setMode(s.mode()).setOwner(s.owner()).setGroup(s.group())
                .setLinkCount(s.linkCount());
        if (s.modified() != null) {
            b.setModified(Timestamp.newBuilder().setSeconds(s.modified().getEpochSecond())
                    .setNanos(s.modified().getNano()));
        }
        return b.build();
    }
}
