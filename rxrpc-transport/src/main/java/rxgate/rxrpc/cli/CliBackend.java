package rxgate.rxrpc.cli;

import java.net.InetSocketAddress;
import java.time.Duration;
import rxgate.rxrpc.services.RpcCaller;
import rxgate.rxrpc.services.debug.RxDebugChannel;

/**
 * What a command talks through: per-server callers and rxdebug channels. One backend serves one
 * command run and is closed at its end. The real one is {@link EndpointBackend} (one
 * {@link rxgate.rxrpc.RxEndpoint} on an ephemeral port); tests plug in canned replies.
 */
public interface CliBackend extends AutoCloseable {

    /** Calls to {@code serviceId} on {@code server}. */
    RpcCaller caller(InetSocketAddress server, int serviceId);

    /** rxdebug queries to {@code target}. */
    RxDebugChannel debugChannel(InetSocketAddress target);

    @Override
    void close();

    /** Opens a backend whose calls give up after {@code timeout}. */
    @FunctionalInterface
    interface Factory {
        CliBackend open(Duration timeout);
    }
}
