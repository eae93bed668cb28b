package rxgate.gateway.api;

import org.springframework.stereotype.Component;
import rxgate.gateway.cells.CellDirectory;
import rxgate.gateway.ops.GatewayException;
import rxgate.gateway.security.AccessDenied;
import rxgate.gateway.security.AdminTokens;

/** The REST side of {@link AdminTokens}: throws the 401/403 failure when a check does not pass. */
@Component
public class Access {
    private final AdminTokens tokens;
    private final CellDirectory cells;

    public Access(AdminTokens tokens, CellDirectory cells) {
        this.tokens = tokens;
        this.cells = cells;
    }

    /** For administrative calls: every write, and the raw call. */
    public void requireAdmin(String authorization) {
        GatewayException e = AccessDenied.of(tokens.check(authorization), true);
        if (e != null) {
            throw e;
        }
    }

    /** For reads of {@code cell} (unknown cells are left to the operation: 404). */
    public void requireRead(String cell, String authorization) {
        cells.find(cell).ifPresent(c -> {
            GatewayException e = AccessDenied.of(tokens.checkRead(c, authorization), false);
            if (e != null) {
                throw e;
            }
        });
    }
}
