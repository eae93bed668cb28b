package rxgate.rxrpc.security;

import java.time.Instant;
import java.util.Objects;

/**
 * Who a client proved to be when its connection was authenticated (OpenAFS's
 * {@code rxkad_GetServerInfo}): the ticket's principal, the level the connection runs at, the key
 * version of the service key that opened the ticket, and when the authentication ends. Holds no
 * secret.
 *
 * @param securityIndex the connection's security index (2 or 3 for rxkad)
 * @param name          principal name ("afs" for a -localauth ticket)
 * @param instance      principal instance ("" if none)
 * @param cell          the ticket's cell or realm ("" = the server's own cell)
 * @param level         the protection level the client chose (rxkad: 0 clear, 1 auth, 2 crypt)
 * @param kvno          key version of the service key that sealed the ticket
 * @param expires       end of the ticket, Unix seconds; {@link #NEVER} for a ticket that never expires
 */
public record RxPrincipal(int securityIndex, String name, String instance, String cell, int level, int kvno,
        long expires) {
    /** The "never expires" end time of rxkad tickets (0xFFFFFFFF). */
    public static final long NEVER = 0xFFFFFFFFL;

    public RxPrincipal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(cell, "cell");
    }

    /** Whether the ticket never expires. */
    public boolean neverExpires() {
        return expires == NEVER;
    }

    /** The end as an instant ({@link Instant#MAX} if it never expires). */
    public Instant expiresAt() {
        return neverExpires() ? Instant.MAX : Instant.ofEpochSecond(expires);
    }

    /** {@code name[.instance][@cell]}, as OpenAFS prints principals. */
    public String displayName() {
        return name + (instance.isEmpty() ? "" : "." + instance) + (cell.isEmpty() ? "" : "@" + cell);
    }

    @Override
    public String toString() {
        return "RxPrincipal[" + displayName() + ", index " + securityIndex + ", level " + level + ", kvno " + kvno
                + (neverExpires() ? ", never expires" : ", expires " + expiresAt()) + "]";
    }
}
