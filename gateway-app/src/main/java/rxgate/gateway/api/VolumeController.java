package rxgate.gateway.api;

import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import rxgate.gateway.ops.GatewayException;
import rxgate.gateway.ops.Page;
import rxgate.gateway.ops.VolumeEntry;
import rxgate.gateway.ops.VolumeOps;
import tools.jackson.databind.json.JsonMapper;

/** VLDB entries of a cell: one by name or id, and listings by name prefix. */
@RestController
@RequestMapping("/api/v1/cells/{cell}/volumes")
public class VolumeController {
    private final VolumeOps volumes;
    private final Access access;
    private final JsonMapper json;

    public VolumeController(VolumeOps volumes, Access access, JsonMapper json) {
        this.volumes = volumes;
        this.access = access;
        this.json = json;
    }

    @GetMapping("/{nameOrId}")
    public VolumeEntry volume(@PathVariable String cell, @PathVariable String nameOrId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth) {
        access.requireRead(cell, auth);
        return Await.result(volumes.get(cell, nameOrId, null));
    }

    /** One page as JSON: {@code {items, nextCursor}}. */
    @GetMapping(produces = "application/json")
    public Page<VolumeEntry> list(@PathVariable String cell,
            @RequestParam(defaultValue = "") String prefix, @RequestParam(defaultValue = "100") int limit,
            @RequestParam(required = false) String cursor,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth) {
        access.requireRead(cell, auth);
        return Await.result(volumes.list(cell, prefix, limit, cursor, null));
    }

    /** Every match from {@code cursor} on, at most {@code limit}, one JSON object per line. */
    @GetMapping(produces = Ndjson.MEDIA_TYPE)
    public CompletableFuture<ResponseEntity<StreamingResponseBody>> stream(@PathVariable String cell,
            @RequestParam(defaultValue = "") String prefix,
            @RequestParam(defaultValue = "" + Long.MAX_VALUE) long limit,
            @RequestParam(required = false) String cursor,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth) {
        access.requireRead(cell, auth);
        if (limit < 1) {
            throw GatewayException.badRequest("limit", "must be positive");
        }
        int pageSize = (int) Math.min(limit, VolumeOps.MAX_LIMIT);
        return Ndjson.stream(json, volumes.list(cell, prefix, pageSize, cursor, null),
                next -> volumes.list(cell, prefix, pageSize, next, null), limit);
    }
}
