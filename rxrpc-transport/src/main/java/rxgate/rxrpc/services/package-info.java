/**
 * Typed AFS service clients on top of the root transport API (afs-rpcs.md).
 *
 * <p>{@link rxgate.rxrpc.services.RpcCaller} is the one seam between the service clients and the
 * transport: "send these request bytes, give me the reply bytes". It is implemented by an
 * adapter over {@link rxgate.rxrpc.RxClient} ({@link rxgate.rxrpc.services.RpcCaller#of}) and by
 * {@link rxgate.rxrpc.services.ubik.UbikCaller} (fail-over across a cell's database servers).
 * Subpackages: {@code vl} (volume location), {@code pt} (protection), {@code ubik} (fail-over and
 * udebug), {@code debug} (rxdebug structures and report).
 */
package rxgate.rxrpc.services;
