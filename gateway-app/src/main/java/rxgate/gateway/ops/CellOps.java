package rxgate.gateway.ops;

import java.util.List;

/** STAND-IN (see {@link GatewayException}): the configured cells. */
public interface CellOps {
    List<CellInfo> cells();
}
