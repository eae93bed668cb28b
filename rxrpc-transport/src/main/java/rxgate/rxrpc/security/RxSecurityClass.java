package rxgate.rxrpc.security;

/**
 * A security class, chosen per connection by its index (0 null, 2 rxkad): a table of operations,
 * as in the kernel's {@code struct rxrpc_security}. Implementations must be thread-safe; the
 * per-connection state they create is confined to the endpoint's event loop.
 */
public interface RxSecurityClass {

    /** The securityIndex carried in every packet of the connection. */
    int securityIndex();

    /** A short name for logs and metrics ("null", "rxkad-crypt"). */
    String name();

    /**
     * An identity key: connections are shared only between calls whose security class has an
     * equal key (same class, level and credentials).
     */
    Object identity();

    /** Creates the state of one new client connection. */
    ClientConnectionSecurity newClientConnection();
}
