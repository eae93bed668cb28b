package rxgate.rxrpc;

import java.time.Duration;

/**
 * Fault injection for tests, in the spirit of the kernel's {@code CONFIG_AF_RXRPC_INJECT_LOSS}:
 * seeded random drop, duplication, and delay with jitter (which reorders) of datagrams, applied
 * separately to what the endpoint receives and what it sends. Never enabled unless asked for.
 *
 * @param seed          seed of the random choices (a run is repeatable for a given seed)
 * @param dropRate      probability that a datagram is lost, each direction
 * @param duplicateRate probability that a datagram is delivered twice
 * @param reorderRate   probability that a datagram is held back by {@code delay} plus jitter
 * @param delay         how long a held-back datagram waits
 * @param jitter        extra random wait up to this, so held-back datagrams overtake each other
 */
public record Impairment(long seed, double dropRate, double duplicateRate, double reorderRate, Duration delay,
        Duration jitter) {

    public Impairment {
        check(dropRate, "dropRate");
        check(duplicateRate, "duplicateRate");
        check(reorderRate, "reorderRate");
        if (delay.isNegative() || jitter.isNegative()) {
            throw new IllegalArgumentException("negative delay");
        }
    }

    private static void check(double p, String name) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1): " + p);
        }
    }

    /** Loss only. */
    public static Impairment loss(long seed, double dropRate) {
        return new Impairment(seed, dropRate, 0, 0, Duration.ZERO, Duration.ZERO);
    }
}
