package rxgate.rxrpc;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One UDP socket speaking Rx. (API draft: implementation in progress.)
 */
public final class RxEndpoint implements AutoCloseable {

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        public Builder bind(InetSocketAddress address) { return this; }
        /** Dead time: a call that hears nothing from its peer this long fails with RX_CALL_DEAD. */
        public Builder deadTime(Duration d) { return this; }
        /** Hard limit on a call's life; RX_CALL_TIMEOUT when exceeded (0 = none). */
        public Builder hardTimeout(Duration d) { return this; }
        public RxEndpoint build() { throw new UnsupportedOperationException(); }
    }

    /** A client for {@code serviceId} at {@code server}, null security. */
    public RxClient client(InetSocketAddress server, int serviceId) { throw new UnsupportedOperationException(); }

    /** rx VERSION query (what {@code rxdebug -version} does); completes with the version string. */
    public CompletableFuture<String> version(InetSocketAddress target, Duration timeout) { throw new UnsupportedOperationException(); }

    /**
     * rx DEBUG query: sends {@code rx_debugIn{type,index}} and completes with the raw reply body
     * (big-endian struct as described in rxrpc-protocol.md §7).
     */
    public CompletableFuture<byte[]> debug(InetSocketAddress target, int type, int index, Duration timeout) { throw new UnsupportedOperationException(); }

    public InetSocketAddress localAddress() { throw new UnsupportedOperationException(); }

    @Override
    public void close() { }
}
