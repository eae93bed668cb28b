package rxgate.rxrpc.services.fs;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import rxgate.rxrpc.CallCompletion;
import rxgate.rxrpc.RxCall;
import rxgate.rxrpc.RxCallException;
import rxgate.rxrpc.RxClient;
import rxgate.rxrpc.RxEndpoint;
import rxgate.rxrpc.errors.AfsErrors;
import rxgate.rxrpc.services.RpcCaller;
import rxgate.rxrpc.services.RpcCalls;
import rxgate.rxrpc.services.cb.CallbackService;
import rxgate.rxrpc.services.fs.FsResults.CreateResult;
import rxgate.rxrpc.services.fs.FsResults.FetchDataResult;
import rxgate.rxrpc.services.fs.FsResults.FetchStatusResult;
import rxgate.rxrpc.services.fs.FsResults.RemoveResult;
import rxgate.rxrpc.services.fs.FsResults.StoreResult;
import rxgate.rxrpc.services.fs.FsResults.VolumeStatus;

/**
 * Client for one fileserver (service 1, port 7000; afs-rpcs.md §5).
 *
 * <p><b>The endpoint must answer the callback service</b> ({@link CallbackService}, service 1) on
 * the same UDP port, or the fileserver holds every call for about a minute and then fails it
 * (§5.6). {@link #connect} registers it if asked.
 *
 * <p>Every method returns at once; the future completes with the decoded result or exceptionally
 * with {@link RxCallException} (the fileserver's abort code, e.g. {@code VNOVNODE} (102) or, with
 * the ERRORTRANS capability the callback service advertises by default, {@code UAENOENT} /
 * {@code UAEEXIST} / {@code UAEACCES}). Futures complete on the endpoint's event loop: do not
 * block in their callbacks.
 *
 * <p>File data is streamed: {@link #fetchData64} hands the data to a {@link DataSink} chunk by
 * chunk and reads no more from the call until the sink is done with a chunk; {@link #storeData64}
 * takes chunks from a {@link DataSource} only as the call's bounded transmit queue drains. Only
 * directories are read whole ({@link #readDirectory}, at most {@link AfsDirectory#MAX_BYTES}).
 */
public final class FsClient {
    /** Chunk size taken from a {@link DataSource}. */
    public static final int STORE_CHUNK = 64 * 1024;
    private static final int FETCH_TRAILER = AfsFetchStatus.SIZE + AfsCallBack.SIZE + AfsVolSync.SIZE;

    private final RxClient client;
    private final RpcCaller caller;
    private final Executor ioExecutor;
    private final int busyRetries;

    /** Over {@code client} (service 1 at a fileserver); blocking channel I/O runs on the common pool. */
    public FsClient(RxClient client) {
        this(client, ForkJoinPool.commonPool());
    }

    /** Over {@code client}; {@code ioExecutor} runs blocking channel reads/writes. */
    public FsClient(RxClient client, Executor ioExecutor) {
        this.client = Objects.requireNonNull(client, "client");
        if (client.serviceId() != FsOpcodes.SERVICE_ID) {
            throw new IllegalArgumentException("a fileserver client needs service 1, not " + client.serviceId());
        }
        this.caller = RpcCaller.of(client);
        this.ioExecutor = Objects.requireNonNull(ioExecutor, "ioExecutor");
        this.busyRetries = 8;
    }

    /**
     * A client for the fileserver at {@code server} (port 7000 if the address has port 0) on
     * {@code endpoint}, which must have {@code callbacks} installed ({@link CallbackService#installOn}).
     */
    public static FsClient connect(RxEndpoint endpoint, CallbackService callbacks, InetSocketAddress server) {
        return connect(endpoint, callbacks, server, rxgate.rxrpc.security.NullSecurity.INSTANCE);
    }

    /**
     * As {@link #connect(RxEndpoint, CallbackService, InetSocketAddress)}, with a security class
     * (rxkad on index 2: the fileserver checks its ACLs against the ticket's principal).
     */
    public static FsClient connect(RxEndpoint endpoint, CallbackService callbacks, InetSocketAddress server,
            rxgate.rxrpc.security.RxSecurityClass security) {
        Objects.requireNonNull(callbacks, "callbacks: the endpoint must answer the callback service");
        InetSocketAddress s = server.getPort() == 0 ? new InetSocketAddress(server.getAddress(), FsOpcodes.PORT) : server;
        return new FsClient(endpoint.client(s, FsOpcodes.SERVICE_ID, security, endpoint.defaultCallOptions()));
    }

    public RxClient rxClient() {
        return client;
    }

    /** The fileserver's address. */
    public InetSocketAddress server() {
        return client.server();
    }

    // ------------------------------------------------------------------ small calls

    /** FetchStatus (132). */
    public CompletableFuture<FetchStatusResult> fetchStatus(AfsFid fid) {
        Objects.requireNonNull(fid, "fid");
        return call(FsOpcodes.FETCH_STATUS, fid::encodeTo, FetchStatusResult::decode);
    }

    /** GetVolumeStatus (149). */
    public CompletableFuture<VolumeStatus> getVolumeStatus(long volumeId) {
        return call(FsOpcodes.GET_VOLUME_STATUS, w -> w.writeUnsignedInt(volumeId),
                VolumeStatus::decode);
    }

    /** GetCapabilities (65540): the fileserver's capability words (OpenAFS 1.8: [0x7]). */
    public CompletableFuture<List<Integer>> getCapabilities() {
        return call(FsOpcodes.GET_CAPABILITIES, null, r -> r.readIntList(FsOpcodes.CAPABILITIES_MAX));
    }

    /** CreateFile (137): a new empty file {@code name} in {@code dir}. */
    public CompletableFuture<CreateResult> createFile(AfsFid dir, String name, AfsStoreStatus status) {
        return create(FsOpcodes.CREATE_FILE, dir, name, status);
    }

    /** MakeDir (141): a new directory {@code name} in {@code dir}. */
    public CompletableFuture<CreateResult> makeDir(AfsFid dir, String name, AfsStoreStatus status) {
        return create(FsOpcodes.MAKE_DIR, dir, name, status);
    }

    private CompletableFuture<CreateResult> create(int opcode, AfsFid dir, String name, AfsStoreStatus status) {
        Objects.requireNonNull(dir, "dir");
        String n = checkName(name);
        AfsStoreStatus s = status == null ? AfsStoreStatus.NONE : status;
        return call(opcode, w -> {
            dir.encodeTo(w);
            w.writeString(n, FsOpcodes.AFSNAMEMAX);
            s.encodeTo(w);
        }, CreateResult::decode);
    }

    /** RemoveFile (136). */
    public CompletableFuture<RemoveResult> removeFile(AfsFid dir, String name) {
        return remove(FsOpcodes.REMOVE_FILE, dir, name);
    }

    /** RemoveDir (142): the directory must be empty (else UAENOTEMPTY). */
    public CompletableFuture<RemoveResult> removeDir(AfsFid dir, String name) {
        return remove(FsOpcodes.REMOVE_DIR, dir, name);
    }

    private CompletableFuture<RemoveResult> remove(int opcode, AfsFid dir, String name) {
        Objects.requireNonNull(dir, "dir");
        String n = checkName(name);
        return call(opcode, w -> {
            dir.encodeTo(w);
            w.writeString(n, FsOpcodes.AFSNAMEMAX);
        }, RemoveResult::decode);
    }

    /** GiveUpAllCallBacks (65539): polite before closing. */
    public CompletableFuture<Void> giveUpAllCallBacks() {
        return call(FsOpcodes.GIVE_UP_ALL_CALLBACKS, null, r -> null);
    }

    /** One RPC, retried after VBUSY / VRESTARTING (the server did nothing: see {@link #isRetryable}). */
    private <T> CompletableFuture<T> call(int opcode, java.util.function.Consumer<rxgate.rxrpc.xdr.XdrWriter> args,
            java.util.function.Function<rxgate.rxrpc.xdr.XdrReader, T> decoder) {
        return retrying(() -> RpcCalls.call(caller, opcode, args, decoder), () -> true);
    }

    /**
     * Whether a failure is the fileserver's "come back later": VBUSY (110, e.g. "CallPreamble:
     * Couldn't get client" when many new connections from one host arrive at once) or
     * VRESTARTING (-100). Both are sent before the RPC does anything.
     */
    public static boolean isRetryable(Throwable t) {
        RxCallException r = RpcCalls.rxCause(t);
        return r != null && r.completion() == CallCompletion.REMOTELY_ABORTED
                && (r.code() == FsErrors.VBUSY || r.code() == FsErrors.VRESTARTING);
    }

    private <T> CompletableFuture<T> retrying(java.util.function.Supplier<CompletableFuture<T>> attempt,
            java.util.function.BooleanSupplier mayRetry) {
        CompletableFuture<T> result = new CompletableFuture<>();
        attempt(attempt, mayRetry, result, 0);
        return result;
    }

    private <T> void attempt(java.util.function.Supplier<CompletableFuture<T>> attempt,
            java.util.function.BooleanSupplier mayRetry, CompletableFuture<T> result, int n) {
        CompletableFuture<T> f;
        try {
            f = attempt.get();
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        f.whenComplete((v, e) -> {
            if (e == null) {
                result.complete(v);
            } else if (n < busyRetries && isRetryable(e) && mayRetry.getAsBoolean()) {
                long delay = Math.min(2000, 100L << Math.min(n, 5));
                Executor later = CompletableFuture.delayedExecutor(delay, java.util.concurrent.TimeUnit.MILLISECONDS);
                later.execute(() -> attempt(attempt, mayRetry, result, n + 1));
            } else {
                result.completeExceptionally(e instanceof java.util.concurrent.CompletionException ? e
                        : new java.util.concurrent.CompletionException(e));
            }
        });
    }

    /** A legal file name: 1..255 UTF-8 bytes, no '/', no NUL, not "." or "..". */
    static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        int len = name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (len == 0 || len >= FsOpcodes.AFSNAMEMAX || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0
                || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("illegal AFS file name: \"" + name + "\"");
        }
        return name;
    }

    // ------------------------------------------------------------------ FetchData64

    /** FetchData64 request bytes (32). */
    static byte[] fetchData64Request(AfsFid fid, long pos, long length) {
        return RpcCalls.request(FsOpcodes.FETCH_DATA64, w -> {
            fid.encodeTo(w);
            w.writeLong(pos);
            w.writeLong(length);
        });
    }

    /**
     * FetchData64 (65537): up to {@code length} bytes from {@code pos}, streamed to {@code sink}.
     * Completes with the byte count actually sent (min(length, size - pos)) and the file's status.
     */
    public CompletableFuture<FetchDataResult> fetchData64(AfsFid fid, long pos, long length, DataSink sink) {
        Objects.requireNonNull(fid, "fid");
        Objects.requireNonNull(sink, "sink");
        if (pos < 0 || length < 0) {
            throw new IllegalArgumentException("negative position or length");
        }
        byte[] req = fetchData64Request(fid, pos, length);
        FetchReader[] last = {null};
        return retrying(() -> {
            RxCall call = client.newCall();
            FetchReader reader = new FetchReader(call, sink, length);
            last[0] = reader;
            CompletableFuture<FetchDataResult> f = call.send(ByteBuffer.wrap(req), true)
                    .thenCompose(v -> reader.next())
                    .thenCompose(v -> call.completion())
                    .thenApply(v -> reader.result());
            return f.whenComplete((r, e) -> {
                if (e != null) {
                    call.abort(AfsErrors.RX_USER_ABORT); // no-op if the call has already ended
                }
            });
        }, () -> last[0].delivered == 0);
    }

    /** FetchData64 into a (blocking) channel; the writes run on the I/O executor. */
    public CompletableFuture<FetchDataResult> fetchData64(AfsFid fid, long pos, long length, WritableByteChannel out) {
        return fetchData64(fid, pos, length, DataSink.of(out, ioExecutor));
    }

    /** The whole contents of a small vnode (at most {@code maxBytes}), e.g. a directory. */
    public CompletableFuture<byte[]> fetchAll(AfsFid fid, int maxBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataSink sink = chunk -> {
            if (out.size() + chunk.remaining() > maxBytes) {
                return CompletableFuture.failedFuture(new RxCallException(CallCompletion.LOCAL_ERROR,
                        AfsErrors.RXGEN_CC_UNMARSHAL, fid + " is larger than " + maxBytes + " bytes"));
            }
            byte[] b = new byte[chunk.remaining()];
            chunk.get(b);
            out.writeBytes(b);
            return CompletableFuture.completedFuture(null);
        };
        return fetchData64(fid, 0, (long) maxBytes + 1, sink).thenApply(r -> out.toByteArray());
    }

    /** Parses the FetchData64 reply stream: 8-byte length N, N bytes, 120-byte trailer. */
    private static final class FetchReader {
        private final RxCall call;
        private final DataSink sink;
        private final long requested;
        private final ByteBuffer header = ByteBuffer.allocate(8);
        private final ByteBuffer trailer = ByteBuffer.allocate(FETCH_TRAILER);
        private long expected = -1;
        private long delivered;

        FetchReader(RxCall call, DataSink sink, long requested) {
            this.call = call;
            this.sink = sink;
            this.requested = requested;
        }

        CompletableFuture<Void> next() {
            return call.receive().thenCompose(buf -> {
                if (!buf.hasRemaining()) {
                    if (expected < 0 || delivered != expected || trailer.hasRemaining()) {
                        throw unmarshal("reply ended early: " + delivered + " of " + Math.max(expected, 0)
                                + " data bytes, " + trailer.position() + " of " + FETCH_TRAILER + " trailer bytes");
                    }
                    return CompletableFuture.completedFuture(null);
                }
                return consume(buf).thenCompose(v -> next());
            });
        }

        private CompletionStage<Void> consume(ByteBuffer buf) {
            if (expected < 0) {
                while (header.hasRemaining() && buf.hasRemaining()) {
                    header.put(buf.get());
                }
                if (header.hasRemaining()) {
                    return CompletableFuture.completedFuture(null);
                }
                expected = header.flip().getLong();
                if (expected < 0 || expected > requested) {
                    throw unmarshal("fileserver announced " + expected + " bytes for a request of " + requested);
                }
            }
            long left = expected - delivered;
            if (left > 0 && buf.hasRemaining()) {
                int n = (int) Math.min(left, buf.remaining());
                ByteBuffer data = buf.slice(buf.position(), n);
                buf.position(buf.position() + n);
                delivered += n;
                return sink.write(data).thenCompose(v -> consume(buf));
            }
            if (buf.remaining() > trailer.remaining()) {
                throw unmarshal("FetchData64 reply longer than announced");
            }
            trailer.put(buf);
            return CompletableFuture.completedFuture(null);
        }

        FetchDataResult result() {
            byte[] t = trailer.array();
            return RpcCalls.decode(FsOpcodes.FETCH_DATA64, t, r -> FetchDataResult.decode(expected, r));
        }
    }

    // ------------------------------------------------------------------ StoreData64

    /** StoreData64 request header (64 bytes). */
    static byte[] storeData64Request(AfsFid fid, AfsStoreStatus status, long pos, long length, long fileLength) {
        return RpcCalls.request(FsOpcodes.STORE_DATA64, w -> {
            fid.encodeTo(w);
            status.encodeTo(w);
            w.writeLong(pos);
            w.writeLong(length);
            w.writeLong(fileLength);
        });
    }

    /**
     * StoreData64 (65538): writes exactly {@code length} bytes from {@code source} at {@code pos};
     * the file's size becomes max(min(current, fileLength), pos + length). A source that ends
     * early aborts the call (nothing partial is acknowledged as success).
     */
    public CompletableFuture<StoreResult> storeData64(AfsFid fid, AfsStoreStatus status, long pos, long length,
            long fileLength, DataSource source) {
        Objects.requireNonNull(fid, "fid");
        Objects.requireNonNull(source, "source");
        if (pos < 0 || length < 0 || fileLength < 0) {
            throw new IllegalArgumentException("negative position or length");
        }
        byte[] req = storeData64Request(fid, status == null ? AfsStoreStatus.NONE : status, pos, length, fileLength);
        return retrying(() -> {
            RxCall call = client.newCall();
            CompletableFuture<StoreResult> f = call.send(ByteBuffer.wrap(req), length == 0)
                    .thenCompose(v -> pump(call, source, length))
                    .thenCompose(v -> readReply(call, new ByteArrayOutputStream(), 4096))
                    .thenCompose(bytes -> call.completion().thenApply(v ->
                            RpcCalls.decode(FsOpcodes.STORE_DATA64, bytes, StoreResult::decode)));
            return f.whenComplete((r, e) -> {
                if (e != null) {
                    call.abort(AfsErrors.RX_USER_ABORT);
                }
            });
        }, source::rewind);
    }

    /** Writes a whole file's data (pos 0, fileLength = length) from a blocking channel. */
    public CompletableFuture<StoreResult> storeData64(AfsFid fid, AfsStoreStatus status, long length,
            ReadableByteChannel in) {
        return storeData64(fid, status, 0, length, length, DataSource.of(in, ioExecutor));
    }

    private static CompletableFuture<Void> pump(RxCall call, DataSource source, long left) {
        if (left == 0) {
            return CompletableFuture.completedFuture(null);
        }
        int max = (int) Math.min(STORE_CHUNK, left);
        return source.read(max).toCompletableFuture().thenCompose(b -> {
            int n = b == null ? 0 : b.remaining();
            if (n == 0) {
                throw new RxCallException(CallCompletion.LOCAL_ERROR, AfsErrors.RX_USER_ABORT,
                        "data source ended with " + left + " bytes still to send");
            }
            if (n > max) {
                throw new IllegalStateException("data source returned " + n + " bytes, asked for at most " + max);
            }
            return call.send(b, n == left).thenCompose(v -> pump(call, source, left - n));
        });
    }

    private static CompletableFuture<byte[]> readReply(RxCall call, ByteArrayOutputStream acc, int max) {
        return call.receive().thenCompose(b -> {
            if (!b.hasRemaining()) {
                return CompletableFuture.completedFuture(acc.toByteArray());
            }
            if (acc.size() + b.remaining() > max) {
                throw new RxCallException(CallCompletion.LOCAL_ERROR, AfsErrors.RXGEN_CC_UNMARSHAL,
                        "reply longer than " + max + " bytes");
            }
            byte[] a = new byte[b.remaining()];
            b.get(a);
            acc.writeBytes(a);
            return readReply(call, acc, max);
        });
    }

    // ------------------------------------------------------------------ directories

    /** Reads and parses directory {@code dir}; fails with UAENOTDIR if it is not a directory. */
    public CompletableFuture<AfsDirectory> readDirectory(AfsFid dir) {
        Objects.requireNonNull(dir, "dir");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataSink sink = chunk -> {
            if (out.size() + chunk.remaining() > AfsDirectory.MAX_BYTES) {
                return CompletableFuture.failedFuture(new RxCallException(CallCompletion.LOCAL_ERROR,
                        AfsErrors.RXGEN_CC_UNMARSHAL, "directory " + dir + " larger than " + AfsDirectory.MAX_BYTES));
            }
            byte[] b = new byte[chunk.remaining()];
            chunk.get(b);
            out.writeBytes(b);
            return CompletableFuture.completedFuture(null);
        };
        return fetchData64(dir, 0, AfsDirectory.MAX_BYTES, sink).thenApply(r -> {
            if (!r.status().isDirectory()) {
                throw new RxCallException(CallCompletion.LOCAL_ERROR, FsErrors.UAENOTDIR,
                        dir + " is a " + r.status().fileTypeName() + ", not a directory");
            }
            try {
                return AfsDirectory.parse(out.toByteArray());
            } catch (IllegalArgumentException e) {
                throw new RxCallException(CallCompletion.LOCAL_ERROR, AfsErrors.RXGEN_CC_UNMARSHAL,
                        "directory " + dir + ": " + e.getMessage(), e);
            }
        });
    }

    /** The entries of directory {@code dir} with their FIDs (including "." and ".."). */
    public CompletableFuture<List<DirEntry>> listDirectory(AfsFid dir) {
        return readDirectory(dir).thenApply(d -> {
            List<DirEntry> l = new ArrayList<>(d.entries().size());
            for (AfsDirectory.Entry e : d.entries()) {
                l.add(new DirEntry(e.name(), e.fid(dir.volume())));
            }
            return List.copyOf(l);
        });
    }

    /** One entry of a listed directory. */
    public record DirEntry(String name, AfsFid fid) {
    }

    /**
     * The FID of {@code name} in directory {@code dir}; fails with {@code UAENOENT} (an
     * {@link RxCallException}, {@link CallCompletion#LOCAL_ERROR}) if there is no such entry.
     */
    public CompletableFuture<AfsFid> lookup(AfsFid dir, String name) {
        Objects.requireNonNull(name, "name");
        return readDirectory(dir).thenApply(d -> d.lookup(name).map(e -> e.fid(dir.volume()))
                .orElseThrow(() -> FsErrors.noEntry(dir, name)));
    }

    static RxCallException unmarshal(String detail) {
        return new RxCallException(CallCompletion.LOCAL_ERROR, AfsErrors.RXGEN_CC_UNMARSHAL, detail);
    }

}
