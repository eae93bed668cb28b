/**
 * rxkad, the Kerberos-4/fcrypt security class of RxRPC (security index 2, and 3 for the
 * fileserver's "always encrypt" object), client side. The reference is
 * {@code docs/rxkad.md} of the shared documentation; section numbers below refer to it.
 *
 * <ul>
 *   <li>{@link rxgate.rxrpc.security.rxkad.Fcrypt}: the fcrypt cipher and PCBC (§2);
 *       DES-PCBC for tickets uses the JDK's DES ({@code Des}, §6.1).</li>
 *   <li>{@link rxgate.rxrpc.security.rxkad.KeyFile} / {@link rxgate.rxrpc.security.rxkad.ServerKey}:
 *       the classic OpenAFS KeyFile (§8.1).</li>
 *   <li>{@link rxgate.rxrpc.security.rxkad.Ticket}: ticket layout, sealing, lifetimes (§6).</li>
 *   <li>{@link rxgate.rxrpc.security.rxkad.Token}: client credentials (session key, kvno, ticket,
 *       expiry), forged like {@code -localauth} (§6.4) or read from a token file (format in its
 *       class comment).</li>
 *   <li>{@link rxgate.rxrpc.security.rxkad.RxkadSecurityClass}: the {@code RxSecurityClass} to
 *       pass to {@code RxEndpoint.client}; {@link rxgate.rxrpc.security.rxkad.RxkadClientConnection}
 *       answers CHALLENGEs with a v2 RESPONSE (§5) and seals/opens DATA packets at the level
 *       (§3, §4) through package-private {@code RxkadPackets}.</li>
 * </ul>
 *
 * <pre>{@code
 * RxSecurityClass sec = RxkadSecurityClass.localAuth(Path.of("/etc/openafs/server/KeyFile"), null, RxkadLevel.CRYPT);
 * PtClient pt = new PtClient(RpcCaller.of(endpoint.client(ptServer, 73, sec, endpoint.defaultCallOptions())));
 * }</pre>
 *
 * No key, session key or ticket is ever put in a {@code toString}, a log line or an exception
 * message; identities carry only a per-process fingerprint.
 */
package rxgate.rxrpc.security.rxkad;
