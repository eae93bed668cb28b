package rxgate.rxrpc;

/**
 * Occupancy of an endpoint at one instant.
 *
 * @param peers             peers known
 * @param clientConnections client connections open
 * @param activeCalls       client calls in progress (including those waiting for a channel)
 * @param serviceConnections connections clients hold to our services
 * @param activeServiceCalls calls to our services in progress
 * @param waitingCalls      client calls queued for a free channel (included in activeCalls)
 */
public record RxEndpointState(int peers, int clientConnections, int activeCalls, int serviceConnections,
        int activeServiceCalls, int waitingCalls) {

    /** A state with no calls waiting for a channel. */
    public RxEndpointState(int peers, int clientConnections, int activeCalls, int serviceConnections,
            int activeServiceCalls) {
        this(peers, clientConnections, activeCalls, serviceConnections, activeServiceCalls, 0);
    }
}
