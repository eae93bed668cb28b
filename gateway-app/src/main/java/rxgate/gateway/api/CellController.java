package rxgate.gateway.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import rxgate.gateway.cells.Cell;
import rxgate.gateway.cells.CellDirectory;
import rxgate.rxrpc.services.pt.PtEntry;
import rxgate.rxrpc.services.vl.NvldbEntry;
import rxgate.rxrpc.services.vl.VlNames;

/**
 * Read endpoints of the REST API (v1): the configured cells, VLDB entries and PT entries. Every
 * lookup is an asynchronous RxRPC call; no request thread waits for it.
 */
@RestController
@RequestMapping("/api/v1")
public class CellController {
    private static final Pattern PT_NAME = Pattern.compile("[A-Za-z0-9_.@:-]{1,63}");
    private final CellDirectory cells;

    public CellController(CellDirectory cells) {
        this.cells = cells;
    }

    /** A configured cell. */
    public record CellView(String name, List<String> dbServers, String security, boolean embedded) {
    }

    /** A site of a volume. */
    public record SiteView(String server, String partition, String type, List<String> flags) {
    }

    /** A VLDB entry. */
    public record VolumeView(String name, long rwId, Long roId, Long backupId, List<SiteView> sites, List<String> flags) {
    }

    /** A protection database entry. */
    public record PtEntryView(String name, int id, String type, int owner, int creator, int memberCount, String flags) {
    }

    @GetMapping("/cells")
    public List<CellView> cells() {
        return cells.all().stream().map(c -> new CellView(c.name(),
                c.vlServers().stream().map(a -> a.getAddress().getHostAddress() + ":" + a.getPort()).toList(),
                c.security(), c.embedded())).toList();
    }

    @GetMapping("/cells/{cell}/volumes/{nameOrId}")
    public CompletableFuture<VolumeView> volume(@PathVariable String cell, @PathVariable String nameOrId) {
        Cell c = cell(cell);
        if (!VlNames.isLegal(nameOrId)) {
            throw new BadRequestException("nameOrId", "not a volume name or id: letters, digits, '.', '-', '_', at most 64");
        }
        return c.vl().getEntryByName(nameOrId).thenApply(CellController::view);
    }

    @GetMapping("/cells/{cell}/pts/entries/{nameOrId}")
    public CompletableFuture<PtEntryView> ptEntry(@PathVariable String cell, @PathVariable String nameOrId) {
        Cell c = cell(cell);
        if (!PT_NAME.matcher(nameOrId).matches()) {
            throw new BadRequestException("nameOrId", "not a PT name or id");
        }
        CompletableFuture<Integer> id = nameOrId.matches("-?\\d+")
                ? CompletableFuture.completedFuture(Integer.parseInt(nameOrId))
                : c.pt().nameToId(List.of(nameOrId)).thenApply(ids -> ids.get(0));
        return id.thenCompose(i -> {
            if (i == 32766 && !nameOrId.equals("32766") && !nameOrId.equalsIgnoreCase("anonymous")) {
                throw new NotFoundException("PRNOENT", 267268, "no PT entry named " + nameOrId);
            }
            return c.pt().listEntry(i);
        }).thenApply(CellController::view);
    }

    private Cell cell(String name) {
        return cells.find(name).orElseThrow(() -> new NotFoundException("UNKNOWN_CELL", 0,
                "no cell named " + name + " is configured"));
    }

    static VolumeView view(NvldbEntry e) {
        List<SiteView> sites = e.sites().stream().map(s -> new SiteView(s.addressString(), s.partitionName(),
                s.isRw() ? "RW" : s.isRo() ? "RO" : s.isBackup() ? "BK" : "?", s.flagNames())).toList();
        return new VolumeView(e.name(), e.rwId(), e.hasRo() ? e.roId() : null, e.hasBackup() ? e.backupId() : null,
                sites, e.flagNames());
    }

    static PtEntryView view(PtEntry e) {
        return new PtEntryView(e.name(), e.id(), e.isGroup() ? "group" : "user", e.owner(), e.creator(), e.count(),
                e.privacyString());
    }
}
