package rxgate.rxrpc.rtt;

/**
 * Round-trip time estimator of one path (peer), after RFC 6298 (Jacobson/Karels), as the kernel's
 * {@code rtt.c} does. All values are in microseconds.
 *
 * <p>Samples come from the ACK that names the serial of a DATA transmission or of a PING
 * (rxrpc-protocol.md §5.3): since every transmission has its own serial, a sample is never
 * ambiguous, so Karn's rule does not discard retransmissions here.
 *
 * <p>Confined to the endpoint's event loop (not thread-safe).
 */
public final class RttEstimator implements RttProvider {
    /** RFC 6298 §2.1: before any sample the RTO is 1 s. */
    public static final long INITIAL_RTO_MICROS = 1_000_000;
    /**
     * Implementation choice: 200 ms floor (the kernel's), not RFC 6298's 1 s, which would make a
     * lost packet on a LAN cost a second. OpenAFS peers delay ACKs by up to 100 ms, which the
     * floor covers.
     */
    public static final long MIN_RTO_MICROS = 200_000;
    /** RFC 6298 §2.5 allows a cap of at least 60 s; OpenAFS caps at 60 s, the kernel at 120 s. */
    public static final long MAX_RTO_MICROS = 60_000_000;
    /** A zero sample counts as this (OpenAFS counts 0 µs as 1 ms; we keep finer resolution). */
    private static final long MIN_SAMPLE_MICROS = 10;

    private long srttMicros;
    private long rttvarMicros;
    private long rtoMicros = INITIAL_RTO_MICROS;
    private long minRttMicros = Long.MAX_VALUE;
    private long lastSampleNanos;
    private int backoff;
    private long samples;

    /** Feeds one RTT sample, measured at {@code nowNanos}. Resets the backoff. */
    public void addSample(long sampleMicros, long nowNanos) {
        long r = Math.max(sampleMicros, MIN_SAMPLE_MICROS);
        if (samples == 0) {
            srttMicros = r;                       // RFC 6298 §2.2
            rttvarMicros = r / 2;
        } else {
            long err = Math.abs(srttMicros - r);  // RFC 6298 §2.3, alpha 1/8, beta 1/4
            rttvarMicros = rttvarMicros - (rttvarMicros >> 2) + (err >> 2);
            srttMicros = srttMicros - (srttMicros >> 3) + (r >> 3);
        }
        samples++;
        minRttMicros = Math.min(minRttMicros, r);
        lastSampleNanos = nowNanos;
        backoff = 0;
        rtoMicros = clamp(srttMicros + Math.max(4 * rttvarMicros, 1_000));
    }

    /** Doubles the RTO after a retransmission timeout (RFC 6298 §5.5). */
    public void backOff() {
        if (backoff < 16) {
            backoff++;
        }
    }

    /** The current retransmission timeout including backoff. */
    public long rtoMicros() {
        return clamp(rtoMicros << backoff);
    }

    /** The RTO without backoff, for new calls on this path. */
    public long baseRtoMicros() {
        return rtoMicros;
    }

    @Override
    public long smoothedRttMicros() {
        return samples == 0 ? 0 : srttMicros;
    }

    public long rttVarMicros() {
        return rttvarMicros;
    }

    public long minRttMicros() {
        return samples == 0 ? 0 : minRttMicros;
    }

    public long sampleCount() {
        return samples;
    }

    /** When the last sample was taken ({@link System#nanoTime()} scale), 0 if never. */
    public long lastSampleNanos() {
        return lastSampleNanos;
    }

    private static long clamp(long rto) {
        return Math.min(MAX_RTO_MICROS, Math.max(MIN_RTO_MICROS, rto));
    }
}
