package rxgate.rxrpc.endpoint;

import io.netty.buffer.ByteBuf;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.List;
import rxgate.rxrpc.RxStats;
import rxgate.rxrpc.RxStats.Counter;
import rxgate.rxrpc.call.Call;
import rxgate.rxrpc.conn.ClientConnection;
import rxgate.rxrpc.conn.RxConnection;
import rxgate.rxrpc.conn.ServiceConnection;
import rxgate.rxrpc.peer.Peer;
import rxgate.rxrpc.security.SecurityStats;
import rxgate.rxrpc.wire.DebugRequest;
import rxgate.rxrpc.wire.PacketCodec;
import rxgate.rxrpc.wire.PacketType;
import rxgate.rxrpc.wire.RxConstants;
import rxgate.rxrpc.wire.VersionBody;
import rxgate.rxrpc.wire.WireHeader;

/**
 * Answers OpenAFS's rxdebug packets (rxrpc-protocol.md §7) with this endpoint's true figures:
 * VERSION, and DEBUG GETSTATS ('S'), RXSTATS, GETCONN / GETALLCONN and GETPEER; other types get
 * RX_DEBUGI_BADTYPE. Replies echo the request header with CLIENT_INITIATED cleared.
 * Runs on the endpoint's event loop.
 */
final class DebugResponder {
    private final EndpointCore core;

    DebugResponder(EndpointCore core) {
        this.core = core;
    }

    void answerVersion(WireHeader h, InetSocketAddress to) {
        ByteBuf dgram = core.alloc().directBuffer(PacketCodec.VERSION_REPLY_LENGTH);
        PacketCodec.writeVersionReply(dgram, PacketCodec.replyHeader(h), new VersionBody(core.config().versionString()));
        send(dgram, to, PacketType.VERSION);
    }

    void answerDebug(WireHeader h, DebugRequest req, InetSocketAddress to) {
        ByteBuf dgram = core.alloc().directBuffer(RxConstants.HEADER_SIZE + RxConstants.RX_STATISTICS_SIZE);
        PacketCodec.replyHeader(h).encodeTo(dgram);
        switch (req.type()) {
            case RxConstants.RX_DEBUGI_GETSTATS -> writeDebugStats(dgram);
            case RxConstants.RX_DEBUGI_RXSTATS -> writeRxStatistics(dgram);
            case RxConstants.RX_DEBUGI_GETCONN, RxConstants.RX_DEBUGI_GETALLCONN -> writeConn(dgram, req.index());
            case RxConstants.RX_DEBUGI_GETPEER -> writePeer(dgram, req.index());
            default -> DebugRequest.BAD_TYPE_REPLY.encodeTo(dgram);
        }
        send(dgram, to, PacketType.DEBUG);
    }


    private void send(ByteBuf dgram, InetSocketAddress to, int type) {
        core.stats().packetSent(type, dgram.readableBytes());
        core.sendRaw(dgram, to);
    }

    /** rx_debugStats, 56 bytes. */
    private void writeDebugStats(ByteBuf b) {
        RxStats s = core.stats();
        b.writeInt(0);                                   // nFreePackets: Netty pools buffers, none counted
        b.writeInt(0);                                   // packetReclaims
        b.writeInt((int) (s.get(Counter.CALLS_STARTED) + s.get(Counter.SERVICE_CALLS_ACCEPTED))); // callsExecuted
        b.writeByte(0);                                  // waitingForPackets
        b.writeByte(1);                                  // usedFDs: one socket
        b.writeByte(RxConstants.RX_DEBUGI_VERSION);
        b.writeByte(0);                                  // spare1
        b.writeInt(0);                                   // nWaiting: no thread pool to wait for
        b.writeInt(0);                                   // idleThreads
        b.writeInt(0);                                   // nWaited
        b.writeInt(0);                                   // nPackets
        b.writeZero(24);                                 // spare2[6]
    }

    /** rx_statistics, 284 bytes (71 words). */
    private void writeRxStatistics(ByteBuf b) {
        RxStats s = core.stats();
        b.writeInt(0);                                              // packetRequests
        b.writeInt(0);                                              // receivePktAllocFailures
        b.writeInt(0);                                              // sendPktAllocFailures
        b.writeInt(0);                                              // specialPktAllocFailures
        b.writeInt(0);                                              // socketGreedy
        b.writeInt((int) s.get(Counter.MALFORMED_PACKETS));         // bogusPacketOnRead
        b.writeInt(0);                                              // bogusHost
        b.writeInt(0);                                              // noPacketOnRead
        b.writeInt(0);                                              // noPacketBuffersOnRead
        b.writeInt(0);                                              // selects
        b.writeInt(0);                                              // sendSelects
        for (int type = 1; type <= 13; type++) {
            b.writeInt((int) s.packetsRead(type));
        }
        b.writeInt((int) s.get(Counter.DATA_PACKETS_READ));
        b.writeInt((int) s.get(Counter.ACK_PACKETS_READ));
        b.writeInt((int) s.get(Counter.DUP_PACKETS_READ));
        b.writeInt((int) s.get(Counter.SPURIOUS_PACKETS_READ));
        for (int type = 1; type <= 13; type++) {
            b.writeInt((int) s.packetsSent(type));
        }
        b.writeInt((int) s.get(Counter.ACK_PACKETS_SENT));
        b.writeInt((int) s.get(Counter.PING_PACKETS_SENT));
        b.writeInt((int) s.get(Counter.ABORT_PACKETS_SENT));
        b.writeInt((int) s.get(Counter.BUSY_PACKETS_SENT));
        b.writeInt((int) s.get(Counter.DATA_PACKETS_SENT));
        b.writeInt((int) s.get(Counter.DATA_PACKETS_RESENT));
        b.writeInt(0);                                              // dataPacketsPushed
        b.writeInt(0);                                              // ignoreAckedPacket
        long samples = s.get(Counter.RTT_SAMPLES);
        long total = s.get(Counter.RTT_TOTAL_MICROS);
        b.writeInt((int) (total / 1_000_000));                      // totalRtt.sec
        b.writeInt((int) (total % 1_000_000));                      // totalRtt.usec
        b.writeZero(16);                                            // minRtt, maxRtt (not tracked)
        b.writeInt((int) samples);                                  // nRttSamples
        b.writeInt(core.serviceConnectionCount());                  // nServerConns
        b.writeInt(core.clientConnectionCount());                   // nClientConns
        b.writeInt(core.peers().size());                            // nPeerStructs
        b.writeInt(core.activeCalls() + core.activeServiceCalls()); // nCallStructs
        b.writeInt(0);                                              // nFreeCallStructs
        b.writeInt((int) s.get(Counter.NET_SEND_FAILURES));         // netSendFailures
        b.writeInt(0);                                              // fatalErrors
        b.writeInt(0);                                              // ignorePacketDally
        b.writeInt(0);                                              // receiveCbufPktAllocFailures
        b.writeInt(0);                                              // sendCbufPktAllocFailures
        b.writeInt((int) s.get(Counter.BUSIES_RECEIVED));           // nBusies
        b.writeZero(16);                                            // spares[4]
    }

    /**
     * rx_debugConn, 176 bytes: the index-th connection (client connections first, then service
     * connections), or the end marker. GETCONN and GETALLCONN list the same ones: every
     * connection we hold has a live or remembered call.
     */
    private void writeConn(ByteBuf b, int index) {
        List<ClientConnection> clients = core.clientConnectionList();
        if (index >= 0 && index < clients.size()) {
            writeConn(b, clients.get(index), 0);
            return;
        }
        List<ServiceConnection> services = core.serviceConnectionList();
        int i = index - clients.size();
        if (i >= 0 && i < services.size()) {
            writeConn(b, services.get(i), 1);
            return;
        }
        b.writeInt(0);
        b.writeInt(RxConstants.DEBUG_END_MARKER);
        b.writeZero(RxConstants.DEBUG_CONN_SIZE - 8);
    }

    private void writeConn(ByteBuf b, RxConnection c, int type) {
        InetSocketAddress a = c.peer().address();
        b.writeBytes(ipv4(a));                                  // host (network order)
        b.writeInt(c.cid());
        b.writeInt(c.currentSerial() + 1);                      // next serial
        for (int ch = 0; ch < 4; ch++) {
            b.writeInt(c.callNumber(ch));
        }
        b.writeInt(c.abortCode());                              // error
        b.writeShort(a.getPort());                              // port (network order)
        b.writeByte(0);                                         // flags
        b.writeByte(type);                                      // 0 client, 1 server connection
        b.writeByte(c.securityIndex());
        b.writeZero(3);                                         // sparec
        for (int ch = 0; ch < 4; ch++) {
            b.writeByte(c.call(ch) != null ? 2 : 0);            // callState: ACTIVE / NOTINIT
        }
        for (int ch = 0; ch < 4; ch++) {
            int mode = 0;
            if (c.call(ch) instanceof Call call) {
                mode = switch (call.state()) {
                    case SEND_REQUEST, SEND_REPLY -> 1;         // SENDING
                    case AWAIT_REPLY, RECV_REQUEST -> 2;        // RECEIVING
                    default -> 4;                               // EOF
                };
            }
            b.writeByte(mode);
        }
        b.writeZero(4);                                         // callFlags
        b.writeZero(4);                                         // callOther
        SecurityStats st = c.security() == null ? SecurityStats.NULL : c.security().debugStats();
        b.writeByte(st.type());                                 // secStats.type: 1 null, 3 kad
        b.writeByte(st.level());                                // secStats.level
        b.writeZero(10);                                        // sparec[10]
        b.writeInt(st.flags());                                 // 2 authenticated, 4 expired, 8 pktCksum
        b.writeInt((int) st.expires());
        b.writeInt((int) st.packetsReceived());
        b.writeInt((int) st.packetsSent());
        b.writeInt((int) st.bytesReceived());
        b.writeInt((int) st.bytesSent());
        b.writeZero(8 + 32);                                    // spares[4], sparel[8]
        b.writeInt(c.epoch());
        b.writeInt(RxConstants.REMOTE_PACKET_SIZE);             // natMTU
        b.writeZero(36);                                        // sparel[9]
    }

    /** rx_debugPeer, 132 bytes: the index-th peer, or the end marker. */
    private void writePeer(ByteBuf b, int index) {
        List<Peer> peers = core.peers().snapshot();
        if (index < 0 || index >= peers.size()) {
            b.writeInt(RxConstants.DEBUG_END_MARKER);
            b.writeZero(RxConstants.DEBUG_PEER_SIZE - 4);
            return;
        }
        Peer p = peers.get(index);
        InetSocketAddress a = p.address();
        long rttMillis = p.rtt().smoothedRttMicros() / 1000;
        long rto = p.rtt().rtoMicros();
        b.writeBytes(ipv4(a));
        b.writeShort(a.getPort());
        b.writeShort(RxConstants.REMOTE_PACKET_SIZE);           // ifMTU
        b.writeInt(0);                                          // idleWhen
        b.writeShort(0);                                        // refCount
        b.writeByte(0);                                         // burstSize
        b.writeByte(0);                                         // burst
        b.writeInt(0);                                          // burstWait.sec
        b.writeInt(0);                                          // burstWait.usec
        b.writeInt((int) rttMillis);                            // rtt (ms)
        b.writeInt((int) (p.rtt().rttVarMicros() / 1000));      // rtt_dev (ms)
        b.writeInt((int) (rto / 1_000_000));                    // timeout.sec
        b.writeInt((int) (rto % 1_000_000));                    // timeout.usec
        b.writeInt((int) p.packetsSent());                      // nSent
        b.writeInt((int) p.retransmissions());                  // reSends
        b.writeInt(0);                                          // inPacketSkew
        b.writeInt(0);                                          // outPacketSkew
        b.writeInt(0);                                          // rateFlag
        b.writeShort(RxConstants.REMOTE_PACKET_SIZE);           // natMTU
        b.writeShort(p.maxPacketBytes());                       // maxMTU
        b.writeShort(p.jumboMax());                             // maxDgramPackets
        b.writeShort(core.jumboMax());                          // ifDgramPackets
        b.writeShort(RxConstants.REMOTE_PACKET_SIZE);           // MTU
        b.writeShort(0);                                        // cwind (per call here)
        b.writeShort(1);                                        // nDgramPackets
        b.writeShort(0);                                        // congestSeq
        b.writeInt((int) (p.bytesSent() >>> 32));
        b.writeInt((int) p.bytesSent());
        b.writeInt((int) (p.bytesReceived() >>> 32));
        b.writeInt((int) p.bytesReceived());
        b.writeZero(40);                                        // sparel[10]
    }

    private static byte[] ipv4(InetSocketAddress a) {
        return a.getAddress() instanceof Inet4Address v4 ? v4.getAddress() : new byte[4];
    }
}
