package rxgate.gateway.api;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import rxgate.gateway.ops.GatewayErrors;
import rxgate.gateway.ops.GatewayException;
import rxgate.gateway.ops.Page;
import tools.jackson.databind.json.JsonMapper;

/**
 * Listings as NDJSON ({@code application/x-ndjson}): one JSON object per line, written as pages
 * arrive, so a large listing never sits whole in a response buffer. A failure after the first
 * line ends the stream with a last line {@code {"error": ..., "detail": ...}}.
 */
final class Ndjson {
    static final String MEDIA_TYPE = "application/x-ndjson";
    static final MediaType TYPE = MediaType.parseMediaType(MEDIA_TYPE);

    private Ndjson() {
    }

    /**
     * Streams the items of {@code first} and of the pages {@code next} gives for each next
     * cursor, at most {@code max}. The response starts only once the first page has arrived, so
     * a failing listing (unknown cell, bad cursor) still gets its problem document and status.
     */
    static <T> CompletableFuture<ResponseEntity<StreamingResponseBody>> stream(JsonMapper json,
            CompletableFuture<Page<T>> first, Function<String, CompletableFuture<Page<T>>> next, long max) {
        return first.thenApply(firstPage -> {
            StreamingResponseBody body = out -> {
                Page<T> page = firstPage;
                long written = 0;
                while (true) {
                    for (Iterator<T> it = page.items().iterator(); it.hasNext() && written < max; written++) {
                        line(json, out, it.next());
                    }
                    out.flush();
                    if (page.nextCursor() == null || written >= max) {
                        return;
                    }
                    try {
                        page = next.apply(page.nextCursor()).join();
                    } catch (RuntimeException e) {
                        errorLine(json, out, e);
                        return;
                    }
                }
            };
            return ResponseEntity.ok().contentType(TYPE).body(body);
        });
    }

    private static void line(JsonMapper json, OutputStream out, Object item) throws IOException {
        out.write(json.writeValueAsBytes(item));
        out.write('\n');
    }

    private static void errorLine(JsonMapper json, OutputStream out, RuntimeException e) throws IOException {
        GatewayException g = GatewayErrors.classify(e);
        line(json, out, Map.of("error", g.errorName(), "detail", String.valueOf(g.getMessage())));
        out.flush();
    }
}
