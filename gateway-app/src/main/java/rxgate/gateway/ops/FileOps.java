package rxgate.gateway.ops;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import rxgate.gateway.cells.Cell;
import rxgate.gateway.cells.CellDirectory;
import rxgate.gateway.ops.GatewayException.Kind;
import rxgate.rxrpc.RxCallException;
import rxgate.rxrpc.services.fs.AfsFileSystem;
import rxgate.rxrpc.services.fs.AfsFileSystem.Location;
import rxgate.rxrpc.services.fs.AfsStoreStatus;
import rxgate.rxrpc.services.fs.DataSink;
import rxgate.rxrpc.services.fs.DataSource;
import rxgate.rxrpc.services.fs.FsErrors;
import rxgate.rxrpc.services.vl.VlNames;

/**
 * Files of a cell, named by volume and path (resolved through the VLDB and directory lookups
 * from the volume's root, as {@code rxgate-cli fs} does). Data is streamed: reads go to a
 * {@link DataSink} chunk by chunk with backpressure, writes come from a {@link DataSource}; no
 * file is ever whole in memory. Small calls have the request time limit; transfers have the
 * idle limit of {@code rxgate.call.transfer-idle-timeout} instead, however long they run.
 */
public final class FileOps {
    static final int MAX_NAME_BYTES = 255;
    static final int MAX_DEPTH = 64;
    /** New files and directories: rw-r--r-- and rwxr-xr-x, like a umask of 022. */
    static final int FILE_MODE = 0644;
    static final int DIR_MODE = 0755;
    private final CellDirectory cells;
    private final Timeouts timeouts;
    private final ReadRetry retry;

    public FileOps(CellDirectory cells, Timeouts timeouts, ReadRetry retry) {
        this.cells = cells;
        this.timeouts = timeouts;
        this.retry = retry;
    }

    public CompletableFuture<FileStatus> stat(String cell, String volume, String path, Duration timeout) {
        String spec = spec(volume, path);
        AfsFileSystem fs = files(cell);
        Duration t = timeouts.effective(timeout);
        return Timeouts.bound(retry.run(() -> fs.resolve(spec).thenCompose(at -> at.fs().fetchStatus(at.fid())
                .thenApply(r -> FileStatus.of(at.fid(), r.status())))), t);
    }

    /** A directory's entries, without "." and "..". */
    public CompletableFuture<List<DirEntryInfo>> list(String cell, String volume, String path, Duration timeout) {
        String spec = spec(volume, path);
        AfsFileSystem fs = files(cell);
        Duration t = timeouts.effective(timeout);
        return Timeouts.bound(retry.run(() -> fs.resolve(spec).thenCompose(at -> at.fs().listDirectory(at.fid()))
                .thenApply(entries -> entries.stream()
                        .filter(e -> !e.name().equals(".") && !e.name().equals(".."))
                        .map(e -> new DirEntryInfo(e.name(), e.fid().toString())).toList())), t);
    }

    /**
     * Streams {@code length} bytes (-1 = to the end) from {@code offset} into {@code sink};
     * completes with the file's status as the fileserver sent it with the data.
     */
    public CompletableFuture<FileStatus> read(String cell, String volume, String path, long offset, long length,
            DataSink sink) {
        if (offset < 0) {
            throw GatewayException.badRequest("offset", "must not be negative");
        }
        if (length < -1) {
            throw GatewayException.badRequest("length", "must be -1 (to the end) or positive");
        }
        String spec = spec(volume, path);
        AfsFileSystem fs = files(cell);
        Duration t = timeouts.effective(null);
        return Timeouts.bound(fs.resolve(spec), t).thenCompose(at -> {
            // "to the end" is asked as the exact rest of the file: the fileserver refuses huge lengths (EFBIG)
            CompletableFuture<Long> len = length >= 0 ? CompletableFuture.completedFuture(length)
                    : Timeouts.bound(at.fs().fetchStatus(at.fid()), t)
                            .thenApply(st -> Math.max(0, st.status().length() - offset));
            return len.thenCompose(n -> at.fs().fetchData64(at.fid(), offset, n, sink)).thenApply(r -> {
                if (r.status().isDirectory()) {
                    throw GatewayException.badRequest("path", "is a directory");
                }
                return FileStatus.of(at.fid(), r.status());
            });
        });
    }

    /**
     * Stores exactly {@code length} bytes from {@code source} as the whole content of the file,
     * creating it (mode 0644) if it does not exist; completes with its new status.
     */
    public CompletableFuture<FileStatus> write(String cell, String volume, String path, long length,
            DataSource source) {
        if (length < 0) {
            throw GatewayException.badRequest("length", "must not be negative");
        }
        Parent p = parent(volume, path);
        AfsFileSystem fs = files(cell);
        Duration t = timeouts.effective(null);
        AfsStoreStatus create = AfsStoreStatus.modeAndTime(FILE_MODE, Instant.now().getEpochSecond());
        CompletableFuture<Location> target = Timeouts.bound(fs.resolve(p.dirSpec()), t).thenCompose(dir ->
                dir.fs().lookup(dir.fid(), p.name())
                        .thenApply(fid -> new Location(dir.fs(), fid))
                        .exceptionallyCompose(e -> {
                            if (isNoEntry(e)) {
                                return dir.fs().createFile(dir.fid(), p.name(), create)
                                        .thenApply(r -> new Location(dir.fs(), r.fid()));
                            }
                            return CompletableFuture.failedFuture(e);
                        }));
        AfsStoreStatus store = AfsStoreStatus.modeAndTime(FILE_MODE, Instant.now().getEpochSecond());
        return target.thenCompose(at -> at.fs().storeData64(at.fid(), store, 0, length, length, source)
                .thenApply(r -> {
                    if (!r.status().isFile()) {
                        throw GatewayException.badRequest("path", "is not a file");
                    }
                    return FileStatus.of(at.fid(), r.status());
                }));
    }

    /** Removes a file, or an empty directory. */
    public CompletableFuture<Void> delete(String cell, String volume, String path, Duration timeout) {
        Parent p = parent(volume, path);
        AfsFileSystem fs = files(cell);
        Duration t = timeouts.effective(timeout);
        return Timeouts.bound(fs.resolve(p.dirSpec()).thenCompose(dir -> dir.fs().lookup(dir.fid(), p.name())
                .thenCompose(fid -> dir.fs().fetchStatus(fid))
                .thenCompose(st -> st.status().isDirectory() ? dir.fs().removeDir(dir.fid(), p.name())
                        : dir.fs().removeFile(dir.fid(), p.name()))
                .thenApply(r -> (Void) null)), t);
    }

    /** Makes a directory (mode 0755); its parent must exist. */
    public CompletableFuture<FileStatus> mkdir(String cell, String volume, String path, Duration timeout) {
        Parent p = parent(volume, path);
        AfsFileSystem fs = files(cell);
        Duration t = timeouts.effective(timeout);
        AfsStoreStatus mode = AfsStoreStatus.modeAndTime(DIR_MODE, Instant.now().getEpochSecond());
        return Timeouts.bound(fs.resolve(p.dirSpec()).thenCompose(dir -> dir.fs().makeDir(dir.fid(), p.name(), mode))
                .thenApply(r -> FileStatus.of(r.fid(), r.status())), t);
    }

    private AfsFileSystem files(String cell) {
        Cell c = cells.require(cell);
        if (c.files() == null) {
            throw GatewayException.notFound("NO_FILESERVER", "cell " + cell + " has no fileserver (the demo cell "
                    + "serves only VL, PT and rxperf)");
        }
        return c.files();
    }

    private record Parent(String dirSpec, String name) {
    }

    private static Parent parent(String volume, String path) {
        List<String> parts = components(path);
        if (parts.isEmpty()) {
            throw GatewayException.badRequest("path", "names the volume's root directory");
        }
        String name = parts.remove(parts.size() - 1);
        return new Parent(volume(volume) + ":/" + String.join("/", parts), name);
    }

    private static String spec(String volume, String path) {
        return volume(volume) + ":/" + String.join("/", components(path));
    }

    private static String volume(String volume) {
        if (volume == null || !VlNames.isLegal(volume)) {
            throw GatewayException.badRequest("volume", "not a volume name: letters, digits, '.', '-', '_', at most 64");
        }
        return volume;
    }

    /** The path's names; empty names and "." are skipped, ".." and over-long names are refused. */
    static List<String> components(String path) {
        List<String> out = new ArrayList<>();
        if (path == null) {
            return out;
        }
        for (String n : path.split("/")) {
            if (n.isEmpty() || n.equals(".")) {
                continue;
            }
            if (n.equals("..")) {
                throw GatewayException.badRequest("path", "'..' is not allowed");
            }
            if (n.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES || n.indexOf('\0') >= 0) {
                throw GatewayException.badRequest("path", "a name is longer than 255 bytes or has a NUL");
            }
            out.add(n);
        }
        if (out.size() > MAX_DEPTH) {
            throw GatewayException.badRequest("path", "deeper than " + MAX_DEPTH + " directories");
        }
        return out;
    }

    private static boolean isNoEntry(Throwable e) {
        return GatewayErrors.unwrap(e) instanceof RxCallException rx && rx.code() == FsErrors.UAENOENT;
    }

    static boolean isKind(Throwable e, Kind k) {
        return GatewayErrors.classify(e).kind() == k;
    }
}
