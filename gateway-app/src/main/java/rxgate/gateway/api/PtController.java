package rxgate.gateway.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import rxgate.gateway.ops.Page;
import rxgate.gateway.ops.PtEntryInfo;
import rxgate.gateway.ops.PtName;
import rxgate.gateway.ops.PtOps;
import tools.jackson.databind.json.JsonMapper;

/**
 * The protection database of a cell: entries, members of groups, memberships, and (with an
 * administrative token) creating and deleting users and groups and changing group members.
 */
@RestController
@RequestMapping("/api/v1/cells/{cell}/pts")
public class PtController {
    private final PtOps pt;
    private final Access access;
    private final JsonMapper json;

    public PtController(PtOps pt, Access access, JsonMapper json) {
        this.pt = pt;
        this.access = access;
        this.json = json;
    }

    /** Body of {@code POST .../pts/users}. */
    public record NewUser(@NotBlank String name, @Positive Integer id) {
    }

    /** Body of {@code POST .../pts/groups}. */
    public record NewGroup(@NotBlank String name, String owner) {
    }

    @GetMapping("/entries/{nameOrId}")
    public PtEntryInfo entry(@PathVariable String cell, @PathVariable String nameOrId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth) {
        access.requireRead(cell, auth);
        return Await.result(pt.get(cell, nameOrId, null));
    }

    /** The members of a group: one page as JSON. */
    @GetMapping(path = "/entries/{nameOrId}/members", produces = "application/json")
    public Page<PtName> members(@PathVariable String cell, @PathVariable String nameOrId,
            @RequestParam(defaultValue = "100") int limit, @RequestParam(required = false) String cursor,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth) {
        access.requireRead(cell, auth);
        return Paging.page(Await.result(pt.members(cell, nameOrId, null)), limit, cursor);
    }

    @GetMapping(path = "/entries/{nameOrId}/members", produces = Ndjson.MEDIA_TYPE)
    public CompletableFuture<ResponseEntity<StreamingResponseBody>> membersNdjson(@PathVariable String cell,
            @PathVariable String nameOrId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth) {
        access.requireRead(cell, auth);
        return ndjson(pt.members(cell, nameOrId, null));
    }

    /** The groups a user (or group) belongs to: one page as JSON. */
    @GetMapping(path = "/entries/{nameOrId}/groups", produces = "application/json")
    public Page<PtName> groups(@PathVariable String cell, @PathVariable String nameOrId,
            @RequestParam(defaultValue = "100") int limit, @RequestParam(required = false) String cursor,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth) {
        access.requireRead(cell, auth);
        return Paging.page(Await.result(pt.groups(cell, nameOrId, null)), limit, cursor);
    }

    @GetMapping(path = "/entries/{nameOrId}/groups", produces = Ndjson.MEDIA_TYPE)
    public CompletableFuture<ResponseEntity<StreamingResponseBody>> groupsNdjson(@PathVariable String cell,
            @PathVariable String nameOrId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth) {
        access.requireRead(cell, auth);
        return ndjson(pt.groups(cell, nameOrId, null));
    }

    @PostMapping("/users")
    public ResponseEntity<PtEntryInfo> createUser(@PathVariable String cell,
            @Valid @RequestBody NewUser body,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth) {
        access.requireAdmin(auth);
        return Await.result(pt.createUser(cell, body.name(), body.id(), null).thenApply(PtController::created));
    }

    @PostMapping("/groups")
    public ResponseEntity<PtEntryInfo> createGroup(@PathVariable String cell,
            @Valid @RequestBody NewGroup body,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth) {
        access.requireAdmin(auth);
        return Await.result(pt.createGroup(cell, body.name(), body.owner(), null)
                .thenApply(PtController::created));
    }

    @DeleteMapping("/entries/{nameOrId}")
    public ResponseEntity<Void> delete(@PathVariable String cell, @PathVariable String nameOrId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth) {
        access.requireAdmin(auth);
        return Await.result(pt.delete(cell, nameOrId, null).thenApply(v -> noContent()));
    }

    @PutMapping("/groups/{group}/members/{name}")
    public ResponseEntity<Void> addMember(@PathVariable String cell, @PathVariable String group,
            @PathVariable String name,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth) {
        access.requireAdmin(auth);
        return Await.result(pt.addMember(cell, group, name, null).thenApply(v -> noContent()));
    }

    @DeleteMapping("/groups/{group}/members/{name}")
    public ResponseEntity<Void> removeMember(@PathVariable String cell, @PathVariable String group,
            @PathVariable String name,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth) {
        access.requireAdmin(auth);
        return Await.result(pt.removeMember(cell, group, name, null).thenApply(v -> noContent()));
    }

    private static ResponseEntity<Void> noContent() {
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<PtEntryInfo> created(PtEntryInfo e) {
        return ResponseEntity.status(HttpStatus.CREATED).body(e);
    }

    private CompletableFuture<ResponseEntity<StreamingResponseBody>> ndjson(CompletableFuture<List<PtName>> all) {
        return Ndjson.stream(json, all.thenApply(l -> new Page<>(l, null)), c -> {
            throw new IllegalStateException("a whole list has no next page");
        }, Long.MAX_VALUE);
    }
}
