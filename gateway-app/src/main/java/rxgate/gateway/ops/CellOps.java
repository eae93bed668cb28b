package rxgate.gateway.ops;

import java.util.List;
import rxgate.gateway.cells.CellDirectory;

/** The configured cells. */
public final class CellOps {
    private final CellDirectory cells;

    public CellOps(CellDirectory cells) {
        this.cells = cells;
    }

    public List<CellInfo> cells() {
        return cells.all().stream().map(c -> new CellInfo(c.name(),
                c.vlServers().stream().map(a -> a.getAddress().getHostAddress() + ":" + a.getPort()).toList(),
                c.security(), c.embedded())).toList();
    }
}
