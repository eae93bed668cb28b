package rxgate.rxrpc.services;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import rxgate.rxrpc.RxClient;

/**
 * Makes one whole Rx call: sends the request (opcode word + XDR arguments) and completes with the
 * whole reply stream, or exceptionally with {@link rxgate.rxrpc.RxCallException} (abort code,
 * timeout, network error). Never blocks.
 *
 * <p>Implemented by {@link #of(RxClient) an adapter over one RxClient} and by
 * {@link rxgate.rxrpc.services.ubik.UbikCaller}, which spreads calls over a cell's database
 * servers with ubik fail-over. The service clients ({@code VlClient}, {@code PtClient}) take
 * either.
 */
@FunctionalInterface
public interface RpcCaller {

    /** Sends {@code request} and completes with the reply bytes. */
    CompletableFuture<byte[]> call(byte[] request);

    /**
     * A caller whose calls are limited to {@code timeout} (the transport aborts a call that runs
     * longer, with RX_CALL_TIMEOUT). The default ignores the limit.
     */
    default RpcCaller withTimeout(Duration timeout) {
        return this;
    }

    /** A short description of where calls go, for messages and logs. */
    default String target() {
        return toString();
    }

    /** Calls through one {@link RxClient} (one server, one service). */
    static RpcCaller of(RxClient client) {
        return new RxClientCaller(client);
    }

    /** The adapter returned by {@link RpcCaller#of(RxClient)}. */
    record RxClientCaller(RxClient client) implements RpcCaller {
        public RxClientCaller {
            if (client == null) {
                throw new NullPointerException("client");
            }
        }

        @Override
        public CompletableFuture<byte[]> call(byte[] request) {
            return client.call(request);
        }

        @Override
        public RpcCaller withTimeout(Duration timeout) {
            return new RxClientCaller(client.withOptions(client.options().withHardTimeout(timeout)));
        }

        @Override
        public String target() {
            return client.server() + " service " + client.serviceId();
        }
    }
}
