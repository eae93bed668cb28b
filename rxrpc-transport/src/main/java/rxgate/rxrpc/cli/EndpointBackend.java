package rxgate.rxrpc.cli;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import rxgate.rxrpc.RxEndpoint;
import rxgate.rxrpc.security.NullSecurity;
import rxgate.rxrpc.security.RxSecurityClass;
import rxgate.rxrpc.services.RpcCaller;
import rxgate.rxrpc.services.debug.RxDebugChannel;

/**
 * The real backend: one {@link RxEndpoint} bound to an ephemeral port on any address, null
 * security unless {@link #secure} chose another class, each call limited to the command's timeout.
 */
public final class EndpointBackend implements CliBackend {
    private final RxEndpoint endpoint;
    private final Duration timeout;
    private RxSecurityClass security = NullSecurity.INSTANCE;

    private EndpointBackend(RxEndpoint endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeout = timeout;
    }

    /** Opens an endpoint for one command. */
    public static EndpointBackend open(Duration timeout) {
        RxEndpoint ep = RxEndpoint.builder()
                .bind(new InetSocketAddress(0))
                .hardTimeout(timeout)
                .build();
        return new EndpointBackend(ep, timeout);
    }

    /** Makes the following callers use {@code security} (e.g. rxkad). */
    public EndpointBackend secure(RxSecurityClass security) {
        this.security = Objects.requireNonNull(security, "security");
        return this;
    }

    @Override
    public RpcCaller caller(InetSocketAddress server, int serviceId) {
        return RpcCaller.of(endpoint.client(server, serviceId, security, endpoint.defaultCallOptions()));
    }

    @Override
    public RxDebugChannel debugChannel(InetSocketAddress target) {
        return RxDebugChannel.of(endpoint, target, timeout);
    }

    @Override
    public void close() {
        endpoint.close();
    }
}
