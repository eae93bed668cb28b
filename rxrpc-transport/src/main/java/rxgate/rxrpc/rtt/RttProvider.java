package rxgate.rxrpc.rtt;

/** The narrow view of a path's RTT that timers and ACK scheduling need. */
public interface RttProvider {
    /** Smoothed RTT in microseconds, 0 before the first sample. */
    long smoothedRttMicros();
}
