/**
 * The AFS cache-manager callback service (RXAFSCB_, Rx service 1; afs-rpcs.md §5.6–5.7) a client
 * must answer on the UDP port it makes fileserver calls from: {@link rxgate.rxrpc.services.cb.CallbackService}.
 */
package rxgate.rxrpc.services.cb;
