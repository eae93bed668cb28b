package rxgate.rxrpc.cc;

/**
 * NewReno-style congestion control in packets (RFC 5681 adapted to Rx, as in the kernel's
 * {@code input.c}): slow start adds one packet per newly acknowledged packet, congestion avoidance
 * one packet per window; fast retransmit halves; a retransmission timeout restarts from one.
 */
public final class NewRenoCongestionController implements CongestionController {
    /** RFC 5681 §3.1 initial window for an SMSS of 1412 bytes is 3; the kernel later used 4. */
    public static final int INITIAL_WINDOW = 4;
    /** Never below two packets after a loss (RFC 5681 §3.1 eq. 4). */
    public static final int MIN_WINDOW = 2;

    private final int maxWindow;
    private int cwnd;
    private int ssthresh;
    /** Acked packets accumulated towards the next congestion-avoidance increment. */
    private int caCredit;

    /**
     * @param initialWindow first window in packets
     * @param maxWindow     largest window the sender will ever use (implementation limit)
     */
    public NewRenoCongestionController(int initialWindow, int maxWindow) {
        if (maxWindow < MIN_WINDOW || initialWindow < 1 || initialWindow > maxWindow) {
            throw new IllegalArgumentException("bad window " + initialWindow + "/" + maxWindow);
        }
        this.maxWindow = maxWindow;
        this.cwnd = initialWindow;
        this.ssthresh = maxWindow;
    }

    @Override
    public int window() {
        return cwnd;
    }

    @Override
    public void onAcked(int newlyAcked) {
        if (newlyAcked <= 0) {
            return;
        }
        if (cwnd < ssthresh) {
            cwnd = Math.min(Math.min(cwnd + newlyAcked, ssthresh), maxWindow);
            return;
        }
        caCredit += newlyAcked;
        while (caCredit >= cwnd && cwnd < maxWindow) {
            caCredit -= cwnd;
            cwnd++;
        }
        if (cwnd >= maxWindow) {
            caCredit = 0;
        }
    }

    @Override
    public void onFastRetransmit(int inFlight) {
        ssthresh = Math.max(inFlight / 2, MIN_WINDOW);
        cwnd = Math.min(ssthresh + 3, maxWindow);
        caCredit = 0;
    }

    @Override
    public void onRetransmitTimeout(int inFlight) {
        ssthresh = Math.max(inFlight / 2, MIN_WINDOW);
        cwnd = 1;
        caCredit = 0;
    }

    @Override
    public boolean inSlowStart() {
        return cwnd < ssthresh;
    }

    @Override
    public int slowStartThreshold() {
        return ssthresh;
    }
}
