package rxgate.rxrpc;

/**
 * Occupancy of an endpoint at one instant.
 *
 * @param peers             peers known
 * @param clientConnections client connections open
 * @param activeCalls       calls in progress (including those waiting for a channel)
 */
public record RxEndpointState(int peers, int clientConnections, int activeCalls) {
}
