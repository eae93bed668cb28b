package rxgate.rxrpc.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import rxgate.rxrpc.CallCompletion;
import rxgate.rxrpc.RxCallException;
import rxgate.rxrpc.RxEndpoint;
import rxgate.rxrpc.RxStats.Counter;

/** A peer the socket cannot send to fails its calls at once, not after the dead time. */
class SendFailureTest {

    @Test
    void aSendErrorFailsThePeersCallsWithANetworkError() {
        try (RxEndpoint ep = RxEndpoint.builder().deadTime(Duration.ofSeconds(30)).build()) {
            // port 0 is not a valid destination: the kernel refuses the datagram (EINVAL)
            InetSocketAddress nowhere = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> ep.client(nowhere, 52).call(new byte[] {1}).orTimeout(20, TimeUnit.SECONDS).join())
                    .cause().isInstanceOfSatisfying(RxCallException.class, e -> {
                        assertThat(e.completion()).isEqualTo(CallCompletion.NETWORK_ERROR);
                        assertThat(e.getMessage()).contains("failed");
                    });
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).as("long before the dead time")
                    .isLessThan(10);
            assertThat(ep.stats().get(Counter.NET_SEND_FAILURES)).isPositive();
        }
    }
}
