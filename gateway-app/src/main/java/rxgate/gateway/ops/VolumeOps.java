package rxgate.gateway.ops;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import rxgate.gateway.cells.Cell;
import rxgate.gateway.cells.CellDirectory;
import rxgate.rxrpc.services.vl.NvldbEntry;
import rxgate.rxrpc.services.vl.VlConstants;
import rxgate.rxrpc.services.vl.VlListByAttributes;
import rxgate.rxrpc.services.vl.VlNames;

/** VLDB lookups and listings of a cell. */
public final class VolumeOps {
    public static final int MAX_LIMIT = 1000;
    private static final String CURSOR_PREFIX = "v1:";
    private final CellDirectory cells;
    private final Timeouts timeouts;
    private final ReadRetry retry;

    public VolumeOps(CellDirectory cells, Timeouts timeouts, ReadRetry retry) {
        this.cells = cells;
        this.timeouts = timeouts;
        this.retry = retry;
    }

    /** The VLDB entry of a volume given by name or numeric id (any of its RW, RO, BK ids). */
    public CompletableFuture<VolumeEntry> get(String cell, String nameOrId, Duration timeout) {
        Cell c = cells.require(cell);
        Duration t = timeouts.effective(timeout);
        RequestScope scope = new RequestScope();
        if (nameOrId != null && nameOrId.matches("\\d{1,10}")) {
            long id = Long.parseLong(nameOrId);
            if (id > 0xFFFFFFFFL) {
                throw GatewayException.badRequest("nameOrId", "volume id out of range");
            }
            return scope.bind(Timeouts.bound(retry.run(() -> c.vl(t, scope).getEntryById(id, VlConstants.ANYVOL))
                    .thenApply(VolumeEntry::of), t));
        }
        if (nameOrId == null || !VlNames.isLegal(nameOrId)) {
            throw GatewayException.badRequest("nameOrId",
                    "not a volume name or id: letters, digits, '.', '-', '_', at most 64");
        }
        return scope.bind(Timeouts.bound(retry.run(() -> c.vl(t, scope).getEntryByName(nameOrId))
                .thenApply(VolumeEntry::of), t));
    }

    /**
     * Volumes whose names start with {@code prefix}, in name order, at most {@code limit}, after
     * the entry {@code cursor} names (from a previous page).
     */
    public CompletableFuture<Page<VolumeEntry>> list(String cell, String prefix, int limit, String cursor,
            Duration timeout) {
        Cell c = cells.require(cell);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw GatewayException.badRequest("limit", "must be between 1 and " + MAX_LIMIT);
        }
        String p = prefix == null ? "" : prefix;
        if (!p.isEmpty() && !p.matches("[A-Za-z0-9._-]{1,64}")) {
            throw GatewayException.badRequest("prefix", "letters, digits, '.', '-', '_', at most 64");
        }
        String after = cursor == null || cursor.isEmpty() ? null : decodeCursor(cursor);
        Duration t = timeouts.effective(timeout);
        RequestScope scope = new RequestScope();
        return scope.bind(Timeouts.bound(retry.run(() -> c.vl(t, scope).listAttributes(VlListByAttributes.all()))
                .thenApply(all -> {
            List<NvldbEntry> matching = all.stream()
                    .filter(e -> e.name().startsWith(p))
                    .filter(e -> after == null || e.name().compareTo(after) > 0)
                    .sorted(Comparator.comparing(NvldbEntry::name))
                    .toList();
            List<VolumeEntry> page = matching.stream().limit(limit).map(VolumeEntry::of).toList();
            String next = matching.size() > limit ? encodeCursor(page.get(page.size() - 1).name()) : null;
            return new Page<>(page, next);
        }), t));
    }

    static String encodeCursor(String lastName) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((CURSOR_PREFIX + lastName).getBytes(StandardCharsets.UTF_8));
    }

    static String decodeCursor(String cursor) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (s.startsWith(CURSOR_PREFIX) && VlNames.isLegal(s.substring(CURSOR_PREFIX.length()))) {
                return s.substring(CURSOR_PREFIX.length());
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw GatewayException.badRequest("cursor", "not a cursor returned by this listing");
    }
}
