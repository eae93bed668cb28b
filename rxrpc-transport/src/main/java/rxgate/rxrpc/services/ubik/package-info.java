/**
 * Ubik from the client side (afs-rpcs.md §1.4, §7): {@link rxgate.rxrpc.services.ubik.UbikCaller}
 * spreads calls over a cell's database servers with OpenAFS-style fail-over, and
 * {@link rxgate.rxrpc.services.ubik.UbikDebugClient} asks a server what {@code udebug} asks.
 */
package rxgate.rxrpc.services.ubik;
