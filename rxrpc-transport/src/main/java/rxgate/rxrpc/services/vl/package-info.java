/**
 * VL server client (service 52, port 7003; afs-rpcs.md §2): {@link rxgate.rxrpc.services.vl.VlClient},
 * one record per XDR structure ({@code NvldbEntry}, {@code UvldbEntry}, {@code VlListByAttributes},
 * …) with its decode/encode, and the constants and name/partition helpers.
 */
package rxgate.rxrpc.services.vl;
