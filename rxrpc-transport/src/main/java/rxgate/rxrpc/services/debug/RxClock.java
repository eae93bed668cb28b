package rxgate.rxrpc.services.debug;

/** An rx {@code struct clock}: seconds and microseconds (two signed words). */
public record RxClock(int sec, int usec) {

    public static final RxClock ZERO = new RxClock(0, 0);

    /** As seconds, the way rx's clock_Float computes it. */
    public double seconds() {
        return sec + usec / 1e6;
    }
}
