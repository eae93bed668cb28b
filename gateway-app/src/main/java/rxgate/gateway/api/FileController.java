package rxgate.gateway.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.Channels;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import rxgate.gateway.config.RxgateProperties;
import rxgate.gateway.ops.FileOps;
import rxgate.gateway.ops.FileStatus;
import rxgate.gateway.ops.GatewayException;
import rxgate.gateway.ops.Page;
import rxgate.rxrpc.services.fs.DataSink;
import rxgate.rxrpc.services.fs.DataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Files of a cell by volume and path. GET streams a file (with {@code Range}, an {@code ETag}
 * from the FID and data version, {@code Content-Length}) or lists a directory as JSON (NDJSON on
 * request); HEAD gives the status only. With an administrative token: PUT stores a file streamed
 * from the request body, DELETE removes a file or empty directory, POST {@code ?mkdir} makes a
 * directory. Data passes through in chunks with backpressure both ways: a large file is never
 * whole in memory.
 */
@RestController
@RequestMapping("/api/v1/cells/{cell}/files/{volume}")
public class FileController {
    private static final String FID_HEADER = "X-AFS-FID";
    private final FileOps files;
    private final Access access;
    private final JsonMapper json;
    private final ExecutorService io;
    private final long maxUpload;

    public FileController(FileOps files, Access access, JsonMapper json,
            @Qualifier("rxgateIoExecutor") ExecutorService io, RxgateProperties props) {
        this.files = files;
        this.access = access;
        this.json = json;
        this.io = io;
        this.maxUpload = props.getFiles().getMaxUploadSize().toBytes();
    }

    @RequestMapping(path = "/{*path}", method = RequestMethod.HEAD)
    public CompletableFuture<ResponseEntity<Void>> head(@PathVariable String cell, @PathVariable String volume,
            @PathVariable String path, @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth) {
        access.requireRead(cell, auth);
        return files.stat(cell, volume, path, null).thenApply(st -> {
            ResponseEntity.BodyBuilder b = withStatus(ResponseEntity.ok(), st);
            if (st.type().equals("file")) {
                b.contentLength(st.length()).contentType(MediaType.APPLICATION_OCTET_STREAM)
                        .header(HttpHeaders.ACCEPT_RANGES, "bytes");
            } else {
                b.contentType(MediaType.APPLICATION_JSON);
            }
            return b.build();
        });
    }

    @GetMapping("/{*path}")
    public CompletableFuture<ResponseEntity<StreamingResponseBody>> get(@PathVariable String cell, @PathVariable String volume,
            @PathVariable String path, @RequestParam(defaultValue = "100") int limit,
            @RequestParam(required = false) String cursor, HttpServletRequest request) {
        access.requireRead(cell, request.getHeader(HttpHeaders.AUTHORIZATION));
        return files.stat(cell, volume, path, null).thenCompose(st -> {
            if (st.type().equals("directory")) {
                return directory(cell, volume, path, limit, cursor, request);
            }
            return CompletableFuture.completedFuture(file(cell, volume, path, st, request));
        });
    }

    /**
     * A directory's entries: one page as JSON, or all as NDJSON. (Written as a streamed body,
     * like a file's content, so that one handler method serves both: Spring MVC picks the return
     * value handler from the declared type.)
     */
    private CompletableFuture<ResponseEntity<StreamingResponseBody>> directory(String cell, String volume,
            String path, int limit, String cursor, HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept != null && accept.contains(Ndjson.MEDIA_TYPE)) {
            return Ndjson.stream(json, files.list(cell, volume, path, null).thenApply(l -> new Page<>(l, null)),
                    c -> CompletableFuture.failedFuture(new IllegalStateException("no next page")), Long.MAX_VALUE);
        }
        return files.list(cell, volume, path, null).thenApply(all -> {
            byte[] page = json.writeValueAsBytes(Paging.page(all, limit, cursor));
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).contentLength(page.length)
                    .body(out -> out.write(page));
        });
    }

    private ResponseEntity<StreamingResponseBody> file(String cell, String volume, String path, FileStatus st, HttpServletRequest req) {
        String etag = etag(st);
        String ifNoneMatch = req.getHeader(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null && (ifNoneMatch.equals(etag) || ifNoneMatch.equals("*"))) {
            return withStatus(ResponseEntity.status(HttpStatus.NOT_MODIFIED), st).build();
        }
        ByteRange range;
        try {
            range = ByteRange.parse(req.getHeader(HttpHeaders.RANGE), st.length());
        } catch (ByteRange.Unsatisfiable e) {
            return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                    .header(HttpHeaders.CONTENT_RANGE, "bytes */" + st.length()).build();
        }
        long offset = range == null ? 0 : range.first();
        long length = range == null ? st.length() : range.length();
        StreamingResponseBody body = out -> {
            DataSink sink = DataSink.of(Channels.newChannel(out), io);
            try {
                files.read(cell, volume, path, offset, length, sink).join();
            } catch (CompletionException e) {
                // the status line has gone out: end the response short, so the client sees the failure
                IOException failed = new InterruptedIOException("file read failed: "
                        + rxgate.gateway.ops.GatewayErrors.classify(e).errorName());
                failed.initCause(e);
                throw failed;
            }
        };
        ResponseEntity.BodyBuilder b = withStatus(
                ResponseEntity.status(range == null ? HttpStatus.OK : HttpStatus.PARTIAL_CONTENT), st)
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .contentLength(length)
                .header(HttpHeaders.ACCEPT_RANGES, "bytes");
        if (range != null) {
            b.header(HttpHeaders.CONTENT_RANGE, range.contentRange(st.length()));
        }
        return b.body(body);
    }

    @PutMapping("/{*path}")
    public CompletableFuture<ResponseEntity<FileStatus>> put(@PathVariable String cell, @PathVariable String volume,
            @PathVariable String path, HttpServletRequest request) throws IOException {
        access.requireAdmin(request.getHeader(HttpHeaders.AUTHORIZATION));
        long length = request.getContentLengthLong();
        if (length < 0) {
            throw GatewayException.badRequest("Content-Length", "a PUT needs a Content-Length (chunked bodies "
                    + "are not accepted: the fileserver is told the length first)");
        }
        if (length > maxUpload) {
            throw new GatewayException(GatewayException.Kind.TOO_LARGE, "TOO_LARGE", null, "Content-Length", null,
                    "Content-Length: " + length + " bytes is over rxgate.files.max-upload-size (" + maxUpload + ")",
                    null);
        }
        DataSource source = DataSource.of(Channels.newChannel(request.getInputStream()), io);
        return files.write(cell, volume, path, length, source)
                .thenApply(st -> withStatus(ResponseEntity.ok(), st).body(st));
    }

    @DeleteMapping("/{*path}")
    public CompletableFuture<ResponseEntity<Void>> delete(@PathVariable String cell, @PathVariable String volume,
            @PathVariable String path, @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth) {
        access.requireAdmin(auth);
        return files.delete(cell, volume, path, null).thenApply(v -> ResponseEntity.noContent().build());
    }

    @PostMapping(path = "/{*path}", params = "mkdir")
    public CompletableFuture<ResponseEntity<FileStatus>> mkdir(@PathVariable String cell, @PathVariable String volume,
            @PathVariable String path, @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth) {
        access.requireAdmin(auth);
        return files.mkdir(cell, volume, path, null)
                .thenApply(st -> withStatus(ResponseEntity.status(HttpStatus.CREATED), st).body(st));
    }

    static String etag(FileStatus st) {
        return "\"" + st.fid() + "-" + st.dataVersion() + "\"";
    }

    private static ResponseEntity.BodyBuilder withStatus(ResponseEntity.BodyBuilder b, FileStatus st) {
        return b.eTag(etag(st)).lastModified(st.modified()).header(FID_HEADER, st.fid());
    }
}
