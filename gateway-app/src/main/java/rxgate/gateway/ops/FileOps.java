package rxgate.gateway.ops;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import rxgate.rxrpc.services.fs.DataSink;
import rxgate.rxrpc.services.fs.DataSource;

/** STAND-IN (see {@link GatewayException}): files in AFS volumes. */
public interface FileOps {
    CompletableFuture<FileStatus> stat(String cell, String volume, String path, Duration timeout);

    CompletableFuture<List<DirEntryInfo>> list(String cell, String volume, String path, Duration timeout);

    /** Streams [offset, offset+length) (length -1 = to the end) into sink, with its backpressure. */
    CompletableFuture<FileStatus> read(String cell, String volume, String path, long offset, long length, DataSink sink);

    /** Stores exactly length bytes from source, creating the file if missing. */
    CompletableFuture<FileStatus> write(String cell, String volume, String path, long length, DataSource source);

    CompletableFuture<Void> delete(String cell, String volume, String path, Duration timeout);

    CompletableFuture<FileStatus> mkdir(String cell, String volume, String path, Duration timeout);
}
