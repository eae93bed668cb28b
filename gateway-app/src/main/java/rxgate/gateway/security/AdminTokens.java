package rxgate.gateway.security;

/**
 * STAND-IN for the lead's admin token check (contract as agreed for issue 6); main's version
 * replaces this file at merge. This one knows no tokens: admin calls are disabled.
 */
public class AdminTokens {

    /** The outcome of checking an Authorization header value. */
    public enum Verdict {
        OK, MISSING, WRONG, DISABLED
    }

    public Verdict check(String authorizationHeaderValue) {
        return Verdict.DISABLED;
    }

    /** Whether reads of {@code cell} are allowed with this Authorization header value. */
    public boolean readAllowed(String cell, String authorizationHeaderValue) {
        return true;
    }
}
