package rxgate.gateway.security;

import rxgate.gateway.ops.GatewayException;
import rxgate.gateway.ops.GatewayException.Kind;

/** The failures of {@link AdminTokens} checks, named for both APIs. */
public final class AccessDenied {
    private AccessDenied() {
    }

    /** Null for OK; otherwise the failure to report. */
    public static GatewayException of(AdminTokens.Verdict v, boolean admin) {
        return switch (v) {
            case OK -> null;
            case MISSING -> new GatewayException(Kind.UNAUTHENTICATED, "UNAUTHENTICATED", null, null, null,
                    (admin ? "administrative calls" : "reads of this cell")
                            + " need an Authorization: Bearer token", null);
            case WRONG -> new GatewayException(Kind.PERMISSION_DENIED, "FORBIDDEN", null, null, null,
                    "the bearer token is not valid", null);
            case DISABLED -> new GatewayException(Kind.PERMISSION_DENIED, "ADMIN_DISABLED", null, null, null,
                    "administrative calls are disabled (rxgate.admin.enabled=false)", null);
        };
    }
}
