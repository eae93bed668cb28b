package rxgate.gateway.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ShutdownAborterTest {

    @Test
    void callsThatFinishWithinTheGraceAreNotAborted() {
        InFlightCalls calls = new InFlightCalls();
        AtomicInteger aborted = new AtomicInteger();
        Runnable done = calls.track(aborted::incrementAndGet);
        done.run();
        new ShutdownAborter(calls, Duration.ofMillis(200)).drainThenAbort();
        assertThat(aborted).hasValue(0);
    }

    @Test
    void callsStillRunningAfterTheGraceAreAborted() {
        InFlightCalls calls = new InFlightCalls();
        AtomicInteger aborted = new AtomicInteger();
        calls.track(aborted::incrementAndGet);
        calls.track(aborted::incrementAndGet);
        long t0 = System.nanoTime();
        new ShutdownAborter(calls, Duration.ofMillis(100)).drainThenAbort();
        assertThat(aborted).hasValue(2);
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(Duration.ofMillis(100).toNanos());
    }
}
