package rxgate.gateway.grpc;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import rxgate.gateway.ops.DirEntryInfo;
import rxgate.gateway.ops.FileOps;
import rxgate.gateway.ops.FileStatus;
import rxgate.rxrpc.services.fs.DataSink;
import rxgate.rxrpc.services.fs.DataSource;

/**
 * What {@link GrpcFileService} needs of file access: {@link FileOps}'s methods. A seam so that the
 * streaming, flow control and cancellation of FileService can be tested with a fake fileserver
 * (the embedded demo cell has none).
 */
interface FileAccess {
    CompletableFuture<FileStatus> stat(String cell, String volume, String path, Duration timeout);

    CompletableFuture<List<DirEntryInfo>> list(String cell, String volume, String path, Duration timeout);

    CompletableFuture<FileStatus> read(String cell, String volume, String path, long offset, long length,
            DataSink sink);

    CompletableFuture<FileStatus> write(String cell, String volume, String path, long length, DataSource source);

    CompletableFuture<Void> delete(String cell, String volume, String path, Duration timeout);

    CompletableFuture<FileStatus> mkdir(String cell, String volume, String path, Duration timeout);

    /** The operations layer's file access. */
    static FileAccess of(FileOps ops) {
        return new FileAccess() {
            @Override
            public CompletableFuture<FileStatus> stat(String cell, String volume, String path, Duration timeout) {
                return ops.stat(cell, volume, path, timeout);
            }

            @Override
            public CompletableFuture<List<DirEntryInfo>> list(String cell, String volume, String path,
                    Duration timeout) {
                return ops.list(cell, volume, path, timeout);
            }

            @Override
            public CompletableFuture<FileStatus> read(String cell, String volume, String path, long offset,
                    long length, DataSink sink) {
                return ops.read(cell, volume, path, offset, length, sink);
            }

            @Override
            public CompletableFuture<FileStatus> write(String cell, String volume, String path, long length,
                    DataSource source) {
                return ops.write(cell, volume, path, length, source);
            }

            @Override
            public CompletableFuture<Void> delete(String cell, String volume, String path, Duration timeout) {
                return ops.delete(cell, volume, path, timeout);
            }

            @Override
            public CompletableFuture<FileStatus> mkdir(String cell, String volume, String path, Duration timeout) {
                return ops.mkdir(cell, volume, path, timeout);
            }
        };
    }
}
