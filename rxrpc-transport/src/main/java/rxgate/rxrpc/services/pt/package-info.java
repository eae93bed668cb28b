/**
 * Protection server client (service 73, port 7002; afs-rpcs.md §3):
 * {@link rxgate.rxrpc.services.pt.PtClient}, {@code PtEntry} (prcheckentry) and the constants
 * (special ids, entry types, privacy flags).
 */
package rxgate.rxrpc.services.pt;
