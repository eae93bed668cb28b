/**
 * AFS file access (afs-rpcs.md §5–6): {@link rxgate.rxrpc.services.fs.FsClient} (fileserver RPCs
 * with streamed FetchData64/StoreData64), the wire structures, the directory format
 * ({@link rxgate.rxrpc.services.fs.AfsDirectory}) and path resolution through the VLDB
 * ({@link rxgate.rxrpc.services.fs.AfsFileSystem}). The endpoint making FS calls must answer the
 * callback service ({@link rxgate.rxrpc.services.cb.CallbackService}).
 */
package rxgate.rxrpc.services.fs;
