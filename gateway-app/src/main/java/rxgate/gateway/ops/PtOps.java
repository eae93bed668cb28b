package rxgate.gateway.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.regex.Pattern;
import rxgate.gateway.cells.Cell;
import rxgate.gateway.cells.CellDirectory;
import rxgate.gateway.ops.GatewayException.Kind;
import rxgate.rxrpc.errors.AfsErrors;
import rxgate.rxrpc.services.pt.PtClient;
import rxgate.rxrpc.services.pt.PtConstants;
import rxgate.rxrpc.services.pt.PtIdList;

/**
 * Protection database reads and writes of a cell, the way {@code pts} does them: names are
 * turned into ids with PR_NameToID (an unknown name is PRNOENT), memberships come from
 * PR_ListElements / PR_ListSuperGroups and are named with PR_IDToName. Writes are not retried.
 */
public final class PtOps {
    /** PT names: up to 63 characters; '@' for foreign users, ':' for owner:group. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.@:+=-]{1,63}");
    private static final Pattern ID = Pattern.compile("-?\\d{1,10}");
    private final CellDirectory cells;
    private final Timeouts timeouts;
    private final ReadRetry retry;

    public PtOps(CellDirectory cells, Timeouts timeouts, ReadRetry retry) {
        this.cells = cells;
        this.timeouts = timeouts;
        this.retry = retry;
    }

    public CompletableFuture<PtEntryInfo> get(String cell, String nameOrId, Duration timeout) {
        Cell c = cells.require(cell);
        validate("nameOrId", nameOrId);
        Duration t = timeouts.effective(timeout);
        RequestScope scope = new RequestScope();
        PtClient pt = c.pt(t, scope);
        return scope.bind(Timeouts.bound(retry.run(() -> idOf(pt, nameOrId).thenCompose(pt::listEntry))
                .thenApply(PtEntryInfo::of), t));
    }

    /** The members of a group. */
    public CompletableFuture<List<PtName>> members(String cell, String group, Duration timeout) {
        Cell c = cells.require(cell);
        validate("nameOrId", group);
        Duration t = timeouts.effective(timeout);
        RequestScope scope = new RequestScope();
        PtClient pt = c.pt(t, scope);
        return scope.bind(Timeouts.bound(retry.run(() -> idOf(pt, group).thenCompose(id -> {
            if (id >= 0) {
                throw GatewayException.badRequest("nameOrId", group + " is a user, not a group: it has no members");
            }
            return pt.listElements(id);
        }).thenCompose(list -> named(pt, list))), t));
    }

    /** The groups a user or group belongs to. */
    public CompletableFuture<List<PtName>> groups(String cell, String nameOrId, Duration timeout) {
        Cell c = cells.require(cell);
        validate("nameOrId", nameOrId);
        Duration t = timeouts.effective(timeout);
        RequestScope scope = new RequestScope();
        PtClient pt = c.pt(t, scope);
        return scope.bind(Timeouts.bound(retry.run(() -> idOf(pt, nameOrId)
                .thenCompose(id -> id >= 0 ? pt.listElements(id) : pt.listSuperGroups(id))
                .thenCompose(list -> named(pt, list))), t));
    }

    /** Creates a user, with {@code id} or the next free one; answers the new entry. */
    public CompletableFuture<PtEntryInfo> createUser(String cell, String name, Integer id, Duration timeout) {
        Cell c = cells.require(cell);
        validate("name", name);
        if (name.contains(":")) {
            throw GatewayException.badRequest("name", "user names cannot contain ':'");
        }
        if (id != null && id <= 0) {
            throw GatewayException.badRequest("id", "a user id is positive");
        }
        Duration t = timeouts.effective(timeout);
        RequestScope scope = new RequestScope();
        PtClient pt = c.pt(t, scope);
        CompletableFuture<Integer> created = id == null ? pt.newEntry(name, 0, 0)
                : pt.newEntryWithId(name, id, 0).thenApply(v -> id);
        return scope.bind(Timeouts.bound(created.thenCompose(pt::listEntry).thenApply(PtEntryInfo::of), t));
    }

    /** Creates a group owned by {@code owner} (default: the caller, i.e. the gateway's identity). */
    public CompletableFuture<PtEntryInfo> createGroup(String cell, String name, String owner, Duration timeout) {
        Cell c = cells.require(cell);
        validate("name", name);
        if (owner != null) {
            validate("owner", owner);
        }
        Duration t = timeouts.effective(timeout);
        RequestScope scope = new RequestScope();
        PtClient pt = c.pt(t, scope);
        CompletableFuture<Integer> ownerId = owner == null ? CompletableFuture.completedFuture(0) : idOf(pt, owner);
        return scope.bind(Timeouts.bound(ownerId.thenCompose(o -> pt.newEntry(name, PtConstants.PRGRP, o))
                .thenCompose(pt::listEntry).thenApply(PtEntryInfo::of), t));
    }

    public CompletableFuture<Void> delete(String cell, String nameOrId, Duration timeout) {
        Cell c = cells.require(cell);
        validate("nameOrId", nameOrId);
        Duration t = timeouts.effective(timeout);
        RequestScope scope = new RequestScope();
        PtClient pt = c.pt(t, scope);
        return scope.bind(Timeouts.bound(idOf(pt, nameOrId).thenCompose(pt::delete), t));
    }

    public CompletableFuture<Void> addMember(String cell, String group, String name, Duration timeout) {
        return membership(cell, group, name, timeout, pt -> ids -> pt.addToGroup(ids[0], ids[1]));
    }

    public CompletableFuture<Void> removeMember(String cell, String group, String name, Duration timeout) {
        return membership(cell, group, name, timeout, pt -> ids -> pt.removeFromGroup(ids[0], ids[1]));
    }

    private CompletableFuture<Void> membership(String cell, String group, String name, Duration timeout,
            Function<PtClient, Function<int[], CompletableFuture<Void>>> change) {
        Cell c = cells.require(cell);
        validate("group", group);
        validate("name", name);
        Duration t = timeouts.effective(timeout);
        RequestScope scope = new RequestScope();
        PtClient pt = c.pt(t, scope);
        return scope.bind(Timeouts.bound(idOf(pt, group).thenCompose(gid -> {
            if (gid >= 0) {
                throw GatewayException.badRequest("group", group + " is a user, not a group");
            }
            return idOf(pt, name).thenCompose(uid -> change.apply(pt).apply(new int[] {uid, gid}));
        }), t));
    }

    private static void validate(String field, String nameOrId) {
        if (nameOrId == null || !(NAME.matcher(nameOrId).matches() || ID.matcher(nameOrId).matches())) {
            throw GatewayException.badRequest(field, "not a PT name (letters, digits, _ . @ : + = -, at most 63) or id");
        }
    }

    /** The id of a name (PRNOENT when unknown), or the number itself. */
    private static CompletableFuture<Integer> idOf(PtClient pt, String nameOrId) {
        if (ID.matcher(nameOrId).matches()) {
            try {
                return CompletableFuture.completedFuture(Integer.parseInt(nameOrId));
            } catch (NumberFormatException e) {
                throw GatewayException.badRequest("nameOrId", "id out of range");
            }
        }
        return pt.nameToId(List.of(nameOrId)).thenApply(ids -> {
            int id = ids.get(0);
            if (id == PtConstants.ANONYMOUSID && !nameOrId.equalsIgnoreCase("anonymous")) {
                int code = AfsErrors.code("PRNOENT").orElse(267268);
                throw GatewayException.afs(Kind.NOT_FOUND, "PRNOENT", code, "no PT entry named " + nameOrId);
            }
            return id;
        });
    }

    private static CompletableFuture<List<PtName>> named(PtClient pt, PtIdList list) {
        List<Integer> ids = list.ids();
        if (ids.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        return pt.idToName(ids).thenApply(names -> {
            List<PtName> out = new ArrayList<>(ids.size());
            for (int i = 0; i < ids.size(); i++) {
                out.add(new PtName(names.get(i), ids.get(i)));
            }
            return out;
        });
    }
}
