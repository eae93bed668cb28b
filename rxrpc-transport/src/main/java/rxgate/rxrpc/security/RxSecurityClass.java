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

    /** Bytes each DATA payload of its connections gives up to the class's header (segmentation). */
    default int headerBytes() {
        return 0;
    }

    /** Payload sizes of its connections must be a multiple of this (1 = any). */
    default int blockBytes() {
        return 1;
    }

    /** Creates the state of one new client connection. */
    ClientConnectionSecurity newClientConnection();
}
