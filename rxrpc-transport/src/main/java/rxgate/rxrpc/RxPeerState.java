package rxgate.rxrpc;

import java.net.InetSocketAddress;

/**
 * What the endpoint knows about one peer at one instant, for metrics and health details.
 *
 * @param address           the peer's address and port
 * @param smoothedRttMicros smoothed round-trip time (0 before the first sample)
 * @param rttVarMicros      round-trip time variation
 * @param rtoMicros         current retransmission timeout
 * @param rttSamples        RTT samples taken
 * @param packetsSent       packets sent to it
 * @param packetsReceived   packets received from it
 * @param retransmissions   DATA packets sent to it again
 */
public record RxPeerState(InetSocketAddress address, long smoothedRttMicros, long rttVarMicros, long rtoMicros,
        long rttSamples, long packetsSent, long packetsReceived, long retransmissions) {
}
