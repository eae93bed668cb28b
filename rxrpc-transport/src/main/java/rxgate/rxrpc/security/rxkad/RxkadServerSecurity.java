package rxgate.rxrpc.security.rxkad;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import rxgate.rxrpc.security.RxPrincipal;
import rxgate.rxrpc.security.RxServerSecurityClass;
import rxgate.rxrpc.security.ServerConnectionSecurity;

/**
 * rxkad on the server side (rxkad.md §5, §7), as OpenAFS's {@code rxkad_NewServerSecurityObject}:
 * the cell's {@link KeyFile} opens the tickets, a minimum level is enforced, and the authenticated
 * principal is handed to the service ({@code RxServiceCall.principal()}). Register it per service
 * with {@code RxService.Builder.security(...)}. Immutable and thread-safe; the clock decides
 * ticket and connection expiry.
 */
public final class RxkadServerSecurity implements RxServerSecurityClass {
    private final KeyFile keyFile;
    private final String cell;
    private final RxkadLevel minimumLevel;
    private final int securityIndex;
    private final Clock clock;
    private final Predicate<RxPrincipal> userOk;
    private final Duration challengeInterval;
    private final int challengeTries;

    private RxkadServerSecurity(Builder b) {
        this.keyFile = b.keyFile;
        this.cell = b.cell;
        this.securityIndex = b.securityIndex;
        // index 3 is "rxkad, always encrypt": its minimum is crypt whatever was asked (§1)
        this.minimumLevel = b.securityIndex == RxkadConstants.SECURITY_INDEX_KAE ? RxkadLevel.CRYPT : b.minimumLevel;
        this.clock = b.clock;
        this.userOk = b.userOk;
        this.challengeInterval = b.challengeInterval;
        this.challengeTries = b.challengeTries;
    }

    /** Index 2, tickets for {@code cell} (or the empty local-cell realm), at least {@code minimumLevel}. */
    public static RxkadServerSecurity of(KeyFile keyFile, String cell, RxkadLevel minimumLevel) {
        return builder(keyFile).cell(cell).minimumLevel(minimumLevel).build();
    }

    public static Builder builder(KeyFile keyFile) {
        return new Builder(keyFile);
    }

    KeyFile keyFile() {
        return keyFile;
    }

    /** The cell whose tickets are accepted besides the empty realm ({@code null}: any). */
    public String cell() {
        return cell;
    }

    public RxkadLevel minimumLevel() {
        return minimumLevel;
    }

    Clock clock() {
        return clock;
    }

    Predicate<RxPrincipal> userOk() {
        return userOk;
    }

    @Override
    public int securityIndex() {
        return securityIndex;
    }

    @Override
    public String name() {
        return "rxkad-server(min " + minimumLevel.label() + ")";
    }

    @Override
    public ServerConnectionSecurity newServerConnection() {
        return new RxkadServerConnection(this);
    }

    @Override
    public Duration challengeInterval() {
        return challengeInterval;
    }

    @Override
    public int challengeTries() {
        return challengeTries;
    }

    @Override
    public String toString() {
        return "RxkadServerSecurity[index " + securityIndex + ", min " + minimumLevel.label() + ", cell "
                + (cell == null ? "any" : cell) + ", " + keyFile + "]";
    }

    /** Settings of the server side. */
    public static final class Builder {
        private final KeyFile keyFile;
        private String cell;
        private RxkadLevel minimumLevel = RxkadLevel.CLEAR;
        private int securityIndex = RxkadConstants.SECURITY_INDEX;
        private Clock clock = Clock.systemUTC();
        private Predicate<RxPrincipal> userOk = p -> true;
        private Duration challengeInterval = Duration.ofSeconds(2);
        private int challengeTries = 50;

        private Builder(KeyFile keyFile) {
            this.keyFile = Objects.requireNonNull(keyFile, "keyFile");
        }

        /**
         * The cell whose tickets are accepted: a ticket naming another realm is refused with
         * RXKADNOAUTH; an empty realm (the local cell, as -localauth writes) is always accepted.
         * {@code null} (the default) accepts any realm, as OpenAFS's rxkad layer does.
         */
        public Builder cell(String c) {
            this.cell = c;
            return this;
        }

        /** The lowest level a client may choose (default clear); lower ones get RXKADLEVELFAIL. */
        public Builder minimumLevel(RxkadLevel l) {
            this.minimumLevel = Objects.requireNonNull(l);
            return this;
        }

        /** 2 (default) or 3 ("always encrypt": minimum level crypt). */
        public Builder securityIndex(int i) {
            if (i != RxkadConstants.SECURITY_INDEX && i != RxkadConstants.SECURITY_INDEX_KAE) {
                throw new IllegalArgumentException("rxkad serves security index 2 or 3, not " + i);
            }
            this.securityIndex = i;
            return this;
        }

        /** The clock for ticket times and connection expiry (tests inject one). */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c);
            return this;
        }

        /** OpenAFS's "user ok" hook: a principal it rejects gets RXKADNOAUTH. */
        public Builder userOk(Predicate<RxPrincipal> p) {
            this.userOk = Objects.requireNonNull(p);
            return this;
        }

        /** How often the CHALLENGE is repeated while calls wait (default 2 s, as OpenAFS). */
        public Builder challengeInterval(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("challenge interval must be positive");
            }
            this.challengeInterval = d;
            return this;
        }

        /** CHALLENGEs sent before waiting calls fail with RX_CALL_DEAD (default 50, as OpenAFS). */
        public Builder challengeTries(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("at least one CHALLENGE");
            }
            this.challengeTries = n;
            return this;
        }

        public RxkadServerSecurity build() {
            return new RxkadServerSecurity(this);
        }
    }
}
