/**
 * XDR encoding as produced by rxgen (afs-rpcs.md §1.3, rxrpc-protocol.md §9).
 *
 * <p>Everything is a sequence of 4-byte big-endian units. The rxgen quirks that plain RFC 4506
 * code gets wrong are handled here: {@code char name[N]} inside a struct is N words (one per
 * character, sign-extended), single {@code char}/{@code short} values are widened to a word, and
 * 64-bit values are a high word followed by a low word. Strings travel without NUL and are
 * padded to a multiple of 4.
 *
 * <p>{@link rxgate.rxrpc.xdr.XdrWriter} builds a request in a growable array;
 * {@link rxgate.rxrpc.xdr.XdrReader} walks a complete reply and throws
 * {@link rxgate.rxrpc.xdr.XdrException} on short input or over-long lengths.
 */
package rxgate.rxrpc.xdr;
