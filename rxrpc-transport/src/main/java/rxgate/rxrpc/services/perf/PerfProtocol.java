package rxgate.rxrpc.services.perf;

/**
 * The rxperf protocol shared by OpenAFS's and the kernel's rxperf (rxrpc-protocol.md §8.3):
 * service 147 on port 7009; the request starts with version, type, rsize and wsize (int32 each),
 * then per type: SEND {bytes, data}, RECV {bytes}, RPC {sendbytes, recvbytes, data}; the reply is
 * the requested data (RECV, RPC) followed by the 4-byte magic cookie.
 */
public final class PerfProtocol {
    public static final int SERVICE_ID = 147;
    public static final int DEFAULT_PORT = 7009;
    public static final int VERSION = 3;
    public static final int TYPE_SEND = 0;
    public static final int TYPE_RECV = 1;
    public static final int TYPE_RPC = 3;
    public static final int TYPE_FILE = 4;
    public static final int MAGIC_COOKIE = 0x4711;
    /** Chunk size our client announces in rsize/wsize (OpenAFS's server uses it as its I/O size). */
    public static final int CHUNK = 65536;

    private PerfProtocol() {
    }
}
