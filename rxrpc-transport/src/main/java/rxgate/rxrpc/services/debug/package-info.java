/**
 * rxdebug from the client side (rxrpc-protocol.md §7): the reply structures
 * ({@code DebugStats}, {@code RxStatistics}, {@code DebugConn}, {@code DebugPeer}),
 * {@link rxgate.rxrpc.services.debug.RxDebugClient}, and
 * {@link rxgate.rxrpc.services.debug.RxDebugReport} / {@link rxgate.rxrpc.services.debug.RxDebugFormatter},
 * which reproduce OpenAFS rxdebug's output byte for byte.
 */
package rxgate.rxrpc.services.debug;
