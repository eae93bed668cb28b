package rxgate.gateway.api;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import rxgate.gateway.ops.CellInfo;
import rxgate.gateway.ops.CellOps;

/** {@code GET /api/v1/cells}: the configured cells. */
@RestController
@RequestMapping("/api/v1")
public class CellController {
    private final CellOps cells;

    public CellController(CellOps cells) {
        this.cells = cells;
    }

    @GetMapping("/cells")
    public List<CellInfo> cells() {
        return cells.cells();
    }
}
