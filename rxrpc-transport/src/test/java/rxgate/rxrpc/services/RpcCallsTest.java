package rxgate.rxrpc.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static rxgate.rxrpc.services.Golden.hex;

import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import rxgate.rxrpc.RxCallException;
import rxgate.rxrpc.RxClient;
import rxgate.rxrpc.errors.AfsErrors;
import rxgate.rxrpc.xdr.XdrReader;

class RpcCallsTest {

    @Test
    void requestIsOpcodeThenArguments() {
        assertThat(RpcCalls.request(514, null)).isEqualTo(hex("00000202"));
        assertThat(RpcCalls.request(512, w -> w.writeInt(-204))).isEqualTo(hex("00000200 ffffff34"));
    }

    @Test
    void undecodableReplyBecomesRxgenCcUnmarshal() {
        ScriptedCaller c = new ScriptedCaller().reply(hex("0000"));
        CompletableFuture<Integer> f = RpcCalls.call(c, 510, null, XdrReader::readInt);
        assertThatThrownBy(f::join).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(RxCallException.class)
                .satisfies(e -> assertThat(((RxCallException) e).code()).isEqualTo(AfsErrors.RXGEN_CC_UNMARSHAL));
    }

    @Test
    void argumentErrorsThrowBeforeCalling() {
        ScriptedCaller c = new ScriptedCaller();
        assertThatThrownBy(() -> RpcCalls.call(c, 1, w -> w.writeString("toolong", 3), r -> null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(c.callCount()).isZero();
    }

    @Test
    void callerThatThrowsGivesAFailedFuture() {
        RpcCaller broken = req -> {
            throw new IllegalStateException("endpoint closed");
        };
        assertThatThrownBy(RpcCalls.callVoid(broken, 514, null)::join).hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void rxCauseUnwraps() {
        RxCallException rx = new RxCallException(rxgate.rxrpc.CallCompletion.REMOTELY_ABORTED, 363524, "");
        assertThat(RpcCalls.rxCause(new CompletionException(rx))).isSameAs(rx);
        assertThat(RpcCalls.rxCause(new IllegalStateException())).isNull();
    }

    @Test
    void adapterOverRxClientForwardsCalls() {
        byte[] reply = hex("00000001");
        RxClient client = (RxClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {RxClient.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "call" -> CompletableFuture.completedFuture(reply);
                    case "server" -> new InetSocketAddress("10.77.0.1", 7003);
                    case "serviceId" -> 52;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        RpcCaller caller = RpcCaller.of(client);
        assertThat(caller.call(hex("00000202")).join()).isEqualTo(reply);
        assertThat(caller.target()).contains("10.77.0.1").contains("52");
    }
}
