package rxgate.rxrpc.services.debug;

/** The server answered a DEBUG request with RX_DEBUGI_BADTYPE: it does not support that type. */
public class RxDebugUnsupportedException extends RuntimeException {
    private final int type;

    public RxDebugUnsupportedException(int type) {
        super("server does not support rx debug request type " + type);
        this.type = type;
    }

    /** The request type that was refused. */
    public int type() {
        return type;
    }
}
