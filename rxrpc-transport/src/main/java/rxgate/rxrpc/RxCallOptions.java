package rxgate.rxrpc;

import java.time.Duration;

/**
 * Timeouts of calls (rxrpc-protocol.md §5.4). Immutable.
 *
 * @param deadTime    a call that hears nothing from its peer for this long fails with
 *                    RX_CALL_DEAD; keepalive pings go out every deadTime/6 while waiting
 * @param idleTimeout a call that makes no progress (no new data either way) for this long fails
 *                    with RX_CALL_TIMEOUT even though the peer answers pings; zero = none
 * @param hardTimeout a call that lasts longer than this fails with RX_CALL_TIMEOUT; zero = none
 */
public record RxCallOptions(Duration deadTime, Duration idleTimeout, Duration hardTimeout) {
    /** OpenAFS's client defaults: 12 s dead time, no idle or hard limit. */
    public static final RxCallOptions DEFAULTS = new RxCallOptions(Duration.ofSeconds(12), Duration.ZERO, Duration.ZERO);

    public RxCallOptions {
        if (deadTime.compareTo(Duration.ofMillis(600)) < 0) {
            throw new IllegalArgumentException("deadTime must be at least 600 ms");
        }
        if (idleTimeout.isNegative() || hardTimeout.isNegative()) {
            throw new IllegalArgumentException("timeouts must not be negative");
        }
    }

    public RxCallOptions withHardTimeout(Duration d) {
        return new RxCallOptions(deadTime, idleTimeout, d);
    }

    public RxCallOptions withDeadTime(Duration d) {
        return new RxCallOptions(d, idleTimeout, hardTimeout);
    }

    public RxCallOptions withIdleTimeout(Duration d) {
        return new RxCallOptions(deadTime, d, hardTimeout);
    }
}
