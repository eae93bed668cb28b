package rxgate.rxrpc.endpoint;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Settings of one endpoint; every limit here bounds memory (implementation choices, not protocol
 * requirements).
 *
 * @param bindAddress              local address and port (port 0 = ephemeral)
 * @param preferNativeTransport    use Linux epoll when available, NIO otherwise
 * @param socketBufferBytes        SO_RCVBUF / SO_SNDBUF
 * @param maxPeers                 peers remembered at once
 * @param maxCalls                 client calls in progress at once
 * @param maxConnectionsPerBundle  connections to one (server, service, security)
 * @param maxWaitingCallsPerBundle calls queued for a channel to one (server, service, security)
 * @param txQueuePackets           transmit queue per call, in packets
 * @param rxWindowPackets          receive window per call, in packets (a power of two, ≤ 256)
 * @param maxReplyBytes            largest reply collected whole by {@code RxClient.call}
 * @param connectionIdleTime       idle client connections are closed after this
 * @param peerIdleTime             peers without connections are forgotten after this
 * @param maxDebugQueries          rxdebug queries in flight at once
 * @param versionString            what we answer to VERSION requests
 * @param minBacklog               smallest preallocation per service
 * @param maxBacklog               largest preallocation per service (a service's backlog is clamped to these)
 * @param maxServiceConnections    service connections held at once (idle ones are evicted first)
 * @param maxServiceConnectionsPerPeer service connections one peer may hold
 * @param maxServiceCalls          service calls in progress at once
 * @param maxServiceCallsPerPeer   service calls one peer may have in progress
 * @param maxBusyPerSecond         BUSY answers sent per second at most (more are dropped)
 * @param serviceConnectionIdleTime idle service connections are closed after this
 * @param impairment               fault injection for tests, or {@code null}
 * @param maxReceiveBufferBytes    memory received data may pin before packets are copied compactly
 * @param jumbograms               advertise and send jumbograms (several packets per datagram)
 */
public record EndpointConfig(
        InetSocketAddress bindAddress,
        boolean preferNativeTransport,
        int socketBufferBytes,
        int maxPeers,
        int maxCalls,
        int maxConnectionsPerBundle,
        int maxWaitingCallsPerBundle,
        int txQueuePackets,
        int rxWindowPackets,
        long maxReplyBytes,
        Duration connectionIdleTime,
        Duration peerIdleTime,
        int maxDebugQueries,
        String versionString,
        int minBacklog,
        int maxBacklog,
        int maxServiceConnections,
        int maxServiceConnectionsPerPeer,
        int maxServiceCalls,
        int maxServiceCallsPerPeer,
        int maxBusyPerSecond,
        Duration serviceConnectionIdleTime,
        rxgate.rxrpc.Impairment impairment,
        long maxReceiveBufferBytes,
        boolean jumbograms) {

    public EndpointConfig {
        if (Integer.bitCount(rxWindowPackets) != 1 || rxWindowPackets < 4 || rxWindowPackets > 256) {
            throw new IllegalArgumentException("rxWindowPackets must be a power of two in 4..256");
        }
        if (txQueuePackets < 4 || maxPeers < 1 || maxCalls < 1 || maxConnectionsPerBundle < 1
                || maxWaitingCallsPerBundle < 0 || maxDebugQueries < 1 || maxReplyBytes < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (minBacklog < 1 || maxBacklog < minBacklog || maxServiceConnections < 1 || maxServiceConnectionsPerPeer < 1
                || maxServiceCalls < 1 || maxServiceCallsPerPeer < 1 || maxBusyPerSecond < 0) {
            throw new IllegalArgumentException("service limits must be positive");
        }
    }
}
