package rxgate.rxrpc;

/**
 * Receives the calls made to a service. Runs on the service's executor; must not block for long
 * (read and write through the call's futures).
 */
@FunctionalInterface
public interface RxServiceHandler {

    /** A client made a call: read its request, send the reply (or abort). */
    void onCall(RxServiceCall call);
}
