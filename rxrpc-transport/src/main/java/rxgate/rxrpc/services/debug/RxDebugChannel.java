package rxgate.rxrpc.services.debug;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import rxgate.rxrpc.RxEndpoint;

/**
 * The two rx queries rxdebug uses, aimed at one server: VERSION and DEBUG (rxrpc-protocol.md
 * §7). {@link #of} sends them through an {@link RxEndpoint}; tests substitute canned replies.
 */
public interface RxDebugChannel {

    /** The server queried. */
    InetSocketAddress target();

    /** VERSION query: the server's version string. */
    CompletableFuture<String> version();

    /** DEBUG query {@code {type, index}}: the raw reply body. */
    CompletableFuture<byte[]> debug(int type, int index);

    /** Queries through {@code endpoint}, each with {@code timeout}. */
    static RxDebugChannel of(RxEndpoint endpoint, InetSocketAddress target, Duration timeout) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(timeout, "timeout");
        return new RxDebugChannel() {
            @Override
            public InetSocketAddress target() {
                return target;
            }

            @Override
            public CompletableFuture<String> version() {
                return endpoint.version(target, timeout);
            }

            @Override
            public CompletableFuture<byte[]> debug(int type, int index) {
                return endpoint.debug(target, type, index, timeout);
            }

            @Override
            public String toString() {
                return "rxdebug " + target;
            }
        };
    }
}
