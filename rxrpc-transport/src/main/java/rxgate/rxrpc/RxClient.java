package rxgate.rxrpc;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * Calls to one service on one server, through an {@link RxEndpoint}. Thread-safe; cheap to keep.
 * Calls are multiplexed over pooled connections (4 channels each) to the server.
 */
public interface RxClient {

    /** The server this client calls. */
    InetSocketAddress server();

    /** The Rx service id (e.g. 52 for the VL server). */
    int serviceId();

    /**
     * Makes one whole call: sends {@code request} (opcode and arguments, already XDR-encoded) and
     * completes with the whole reply stream. Never blocks. Fails with {@link RxCallException}
     * (abort code, timeout, network error). Cancelling the returned future aborts the call
     * (RX_USER_ABORT is sent to the server).
     */
    CompletableFuture<byte[]> call(byte[] request);

    /**
     * Starts a split call: the caller streams the request with {@link RxCall#send} and reads the
     * reply with {@link RxCall#receive}. Used for FetchData64/StoreData64-style calls.
     */
    RxCall newCall();

    /** A client for the same server and service with other timeouts (e.g. a request's deadline). */
    RxClient withOptions(RxCallOptions options);

    /**
     * A client whose new connections probe for a service upgrade (rxrpc-protocol.md §2.6): a
     * server that maps this service to another (e.g. VL 52 to YFS-VL 2503) answers from it, and
     * later calls on the connection go there too; other servers ignore the probe.
     */
    RxClient withServiceUpgrade();

    /** The timeouts of this client's calls. */
    RxCallOptions options();
}
