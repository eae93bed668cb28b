package rxgate.rxrpc.security;

import java.time.Duration;

/**
 * The server side of a security class, registered per service ({@code RxService.Builder.security}):
 * a new connection whose packets carry {@link #securityIndex()} gets its state from
 * {@link #newServerConnection()}. A service accepts only the indices it registers; others are
 * refused as OpenAFS does (rxrpc-protocol.md §2.4). Implementations must be thread-safe.
 */
public interface RxServerSecurityClass {

    /** The securityIndex this class serves. */
    int securityIndex();

    /** A short name for logs ("null", "rxkad"). */
    String name();

    /** Creates the state of one new service connection (event loop). */
    ServerConnectionSecurity newServerConnection();

    /** How long to wait for a RESPONSE before sending the CHALLENGE again (OpenAFS: 2 s). */
    default Duration challengeInterval() {
        return Duration.ofSeconds(2);
    }

    /** How many CHALLENGEs to send before the held calls fail with RX_CALL_DEAD (OpenAFS: 50). */
    default int challengeTries() {
        return 50;
    }
}
