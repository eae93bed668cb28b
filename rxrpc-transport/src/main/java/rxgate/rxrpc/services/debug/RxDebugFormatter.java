package rxgate.rxrpc.services.debug;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Text in the exact format of OpenAFS 1.8's {@code rxdebug} (src/rxdebug/rxdebug.c MainCommand
 * and src/rx/rx.c rx_PrintTheseStats), so our output can be compared with rxdebug's line by
 * line. Every method returns complete lines ending in {@code \n}.
 *
 * <p>Number formatting follows C: {@code %u} prints the 32-bit value unsigned, {@code %d}
 * signed, {@code %x} lower-case hex, and {@code %.3f}/{@code %.1f} round the exact binary value
 * half-to-even like glibc.
 */
public final class RxDebugFormatter {

    private RxDebugFormatter() {
    }

    /** {@code Trying 10.77.0.1 (port 7003):} */
    public static String trying(InetSocketAddress target) {
        InetAddress a = target.getAddress();
        String host = a != null ? a.getHostAddress() : target.getHostString();
        return "Trying " + host + " (port " + target.getPort() + "):\n";
    }

    /**
     * {@code AFS version: <string>}; like rxdebug, at most 63 characters and cut at the first
     * NUL.
     */
    public static String version(String version) {
        String v = version;
        int nul = v.indexOf('\0');
        if (nul >= 0) {
            v = v.substring(0, nul);
        }
        if (v.length() > 63) {
            v = v.substring(0, 63);
        }
        return "AFS version: " + v + "\n";
    }

    /** The GETSTATS block ("Free packets: …" up to the thread counters). */
    public static String stats(DebugStats s) {
        StringBuilder sb = new StringBuilder();
        if (s.supports(RxDebugConstants.VERSION_W_PACKETS)) {
            sb.append("Free packets: ").append(s.nFreePackets()).append('/').append(s.nPackets())
                    .append(", packet reclaims: ").append(s.packetReclaims())
                    .append(", calls: ").append(s.callsExecuted())
                    .append(", used FDs: ").append(s.usedFDs()).append('\n');
        } else {
            sb.append("Free packets: ").append(s.nFreePackets())
                    .append(", packet reclaims: ").append(s.packetReclaims())
                    .append(", calls: ").append(s.callsExecuted())
                    .append(", used FDs: ").append(s.usedFDs()).append('\n');
        }
        if (s.waitingForPackets() == 0) {
            sb.append("not ");
        }
        sb.append("waiting for packets.\n");
        if (s.supports(RxDebugConstants.VERSION_W_WAITERS)) {
            sb.append(s.nWaiting()).append(" calls waiting for a thread\n");
        }
        if (s.supports(RxDebugConstants.VERSION_W_IDLETHREADS)) {
            sb.append(s.idleThreads()).append(" threads are idle\n");
        }
        if (s.supports(RxDebugConstants.VERSION_W_WAITED)) {
            sb.append(s.nWaited()).append(" calls have waited for a thread\n");
        }
        return sb.toString();
    }

    /** What rxdebug prints on stderr when RXSTATS is unsupported. */
    public static final String NO_RX_STATS_WARNING = "WARNING: Server doesn't support retrieval of Rx statistics\n";

    /** What rxdebug prints on stderr when GETALLCONN is unsupported. */
    public static final String NO_ALL_CONN_WARNING = "WARNING: Server doesn't support retrieval of all connections,\n"
            + "         getting only interesting instead.\n";

    /** rxdebug's stdout warning for an RXSTATS reply shorter than 284 bytes. */
    public static String unexpectedStatsSize(int got) {
        return "WARNING: returned Rx statistics of unexpected size (got " + got + ")\n";
    }

    /**
     * rx_PrintTheseStats: the {@code rx stats:} block of {@code rxdebug -rxstats}.
     *
     * @param freePackets nFreePackets from GETSTATS
     * @param version     the GETSTATS version letter (≥ 'P' adds the cbuf alloc failures)
     */
    public static String rxStats(RxStatistics s, int freePackets, char version) {
        StringBuilder sb = new StringBuilder();
        // OpenAFS 1.8 prints these two with %d (later versions %u; same for non-negative values)
        sb.append("rx stats: free packets ").append(freePackets).append(", allocs ")
                .append(s.packetRequests()).append(", ");
        if (version >= RxDebugConstants.VERSION_W_NEWPACKETTYPES) {
            sb.append("alloc-failures(rcv ").append(u(s.receivePktAllocFailures())).append('/')
                    .append(u(s.receiveCbufPktAllocFailures()))
                    .append(",send ").append(u(s.sendPktAllocFailures())).append('/')
                    .append(u(s.sendCbufPktAllocFailures()))
                    .append(",ack ").append(u(s.specialPktAllocFailures())).append(")\n");
        } else {
            sb.append("alloc-failures(rcv ").append(u(s.receivePktAllocFailures()))
                    .append(",send ").append(u(s.sendPktAllocFailures()))
                    .append(",ack ").append(u(s.specialPktAllocFailures())).append(")\n");
        }
        sb.append("   greedy ").append(u(s.socketGreedy()))
                .append(", bogusReads ").append(u(s.bogusPacketOnRead()))
                .append(" (last from host ").append(Integer.toHexString(s.bogusHost()))
                .append("), noPackets ").append(u(s.noPacketOnRead()))
                .append(", noBuffers ").append(u(s.noPacketBuffersOnRead()))
                .append(", selects ").append(u(s.selects()))
                .append(", sendSelects ").append(u(s.sendSelects())).append('\n');
        sb.append("   packets read: ");
        for (int i = 0; i < RxStatistics.N_PACKET_TYPES; i++) {
            sb.append(RxStatistics.PACKET_TYPE_NAMES.get(i)).append(' ').append(u(s.packetsRead().get(i))).append(' ');
        }
        sb.append('\n');
        sb.append("   other read counters: data ").append(u(s.dataPacketsRead()))
                .append(", ack ").append(u(s.ackPacketsRead()))
                .append(", dup ").append(u(s.dupPacketsRead()))
                .append(" spurious ").append(u(s.spuriousPacketsRead()))
                .append(" dally ").append(u(s.ignorePacketDally())).append('\n');
        sb.append("   packets sent: ");
        for (int i = 0; i < RxStatistics.N_PACKET_TYPES; i++) {
            sb.append(RxStatistics.PACKET_TYPE_NAMES.get(i)).append(' ').append(u(s.packetsSent().get(i))).append(' ');
        }
        sb.append('\n');
        sb.append("   other send counters: ack ").append(u(s.ackPacketsSent()))
                .append(", data ").append(u(s.dataPacketsSent()))
                .append(" (not resends), resends ").append(u(s.dataPacketsReSent()))
                .append(", pushed ").append(u(s.dataPacketsPushed()))
                .append(", acked&ignored ").append(u(s.ignoreAckedPacket())).append('\n');
        sb.append("   \t(these should be small) sendFailed ").append(u(s.netSendFailures()))
                .append(", fatalErrors ").append(u(s.fatalErrors())).append('\n');
        if (s.nRttSamples() != 0) {
            sb.append("   Average rtt is ").append(fixed(s.totalRtt().seconds() / s.nRttSamples(), 3))
                    .append(", with ").append(s.nRttSamples()).append(" samples\n");
            sb.append("   Minimum rtt is ").append(fixed(s.minRtt().seconds(), 3))
                    .append(", maximum is ").append(fixed(s.maxRtt().seconds(), 3)).append('\n');
        }
        sb.append("   ").append(s.nServerConns()).append(" server connections, ")
                .append(s.nClientConns()).append(" client connections, ")
                .append(s.nPeerStructs()).append(" peer structs, ")
                .append(s.nCallStructs()).append(" call structs, ")
                .append(s.nFreeCallStructs()).append(" free call structs\n");
        return sb.toString();
    }

    private static final String[] CONN_FLAG_NAMES = {
        " MAKECALL_WAITING", " DESTROYED", " pktCksum", " knowWindow", " reset", " busy", " attachWait",
    };

    private static final String[] CALL_FLAG_NAMES = {
        " reader_wait", " window_alloc", " window_send", " wait_packets", " waiting_for_process",
        " receive_done", " call_cleared",
    };

    /**
     * One connection as rxdebug prints it (without the trailing {@code Done.}).
     *
     * @param withSecStats    whether the server's version letter is ≥ 'L'
     * @param nowEpochSeconds current time, for rxkad "expires in" (rxdebug uses time(0))
     */
    public static String connection(DebugConn c, boolean withSecStats, long nowEpochSeconds) {
        StringBuilder sb = new StringBuilder();
        sb.append("Connection from host ").append(c.hostString()).append(", port ").append(c.port()).append(", ");
        if (c.epoch() != 0) {
            sb.append("Cuid ").append(Integer.toHexString(c.epoch())).append('/').append(Integer.toHexString(c.cid()));
        } else {
            sb.append("cid ").append(Integer.toHexString(c.cid()));
        }
        if (c.error() != 0) {
            sb.append(", error ").append(c.error());
        }
        sb.append("\n  serial ").append(c.serial()).append(", ");
        sb.append(" natMTU ").append(c.natMTU()).append(", ");
        if (c.flags() != 0) {
            sb.append("flags");
            for (int i = 0; i < CONN_FLAG_NAMES.length; i++) {
                if ((c.flags() & (1 << i)) != 0) {
                    sb.append(CONN_FLAG_NAMES[i]);
                }
            }
            sb.append(", ");
        }
        sb.append("security index ").append((byte) c.securityIndex()).append(", ");
        sb.append(c.type() == DebugConn.CLIENT_CONNECTION ? "client conn\n" : "server conn\n");
        if (withSecStats) {
            secStats(sb, c, nowEpochSeconds);
        }
        for (int j = 0; j < 4; j++) {
            sb.append("    call ").append(j).append(": # ").append(c.callNumber().get(j)).append(", state ");
            int state = c.callState().get(j);
            if (state == 0) {
                sb.append("not initialized\n");
                continue;
            }
            switch (state) {
                case 1 -> sb.append("precall, ");
                case 2 -> sb.append("active, ");
                case 3 -> sb.append("dally, ");
                case 4 -> sb.append("hold, ");
                case 5 -> sb.append("reset, ");
                default -> { }
            }
            sb.append("mode: ");
            sb.append(switch (c.callMode().get(j)) {
                case 1 -> "sending";
                case 2 -> "receiving";
                case 3 -> "error";
                case 4 -> "eof";
                default -> "unknown";
            });
            int flags = c.callFlags().get(j);
            if (flags != 0) {
                sb.append(", flags:");
                for (int i = 0; i < CALL_FLAG_NAMES.length; i++) {
                    if ((flags & (1 << i)) != 0) {
                        sb.append(CALL_FLAG_NAMES[i]);
                    }
                }
            }
            int other = c.callOther().get(j);
            if ((other & 1) != 0) {
                sb.append(", has_input_packets");
            }
            if ((other & 2) != 0) {
                sb.append(", has_output_packets");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void secStats(StringBuilder sb, DebugConn c, long now) {
        DebugSecStats s = c.secStats();
        switch (s.type()) {
            case DebugSecStats.TYPE_UNKNOWN -> {
                if (c.securityIndex() == 2) {
                    sb.append("  no GetStats procedure for security object\n");
                }
            }
            case DebugSecStats.TYPE_NULL -> sb.append("  rxnull level=").append((byte) s.level())
                    .append(", flags=").append(s.flags()).append('\n');
            case DebugSecStats.TYPE_VAB -> sb.append("  rxvab level=").append((byte) s.level())
                    .append(", flags=").append(s.flags()).append('\n');
            case DebugSecStats.TYPE_KAD -> {
                String level = switch (s.level()) {
                    case 0 -> "clear";
                    case 1 -> "auth";
                    case 2 -> "crypt";
                    default -> "unknown";
                };
                int flags = s.flags() & 0xFF; // rxdebug keeps it in a char
                sb.append("  rxkad: level ").append(level);
                if (flags != 0) {
                    sb.append(", flags");
                }
                if ((flags & 1) != 0) {
                    sb.append(" unalloc");
                }
                if ((flags & 2) != 0) {
                    sb.append(" authenticated");
                }
                if ((flags & 4) != 0) {
                    sb.append(" expired");
                }
                if ((flags & 8) != 0) {
                    sb.append(" pktCksum");
                }
                if (s.expires() != 0) {
                    sb.append(", expires in ")
                            .append(fixed(((s.expires() & 0xFFFF_FFFFL) - now) / 3600.0, 1)).append(" hours");
                }
                if ((flags & 1) == 0) {
                    sb.append("\n  Received ").append(u(s.bytesReceived())).append(" bytes in ")
                            .append(u(s.packetsReceived())).append(" packets\n");
                    sb.append("  Sent ").append(u(s.bytesSent())).append(" bytes in ")
                            .append(u(s.packetsSent())).append(" packets\n");
                } else {
                    sb.append('\n');
                }
            }
            default -> sb.append("  unknown\n");
        }
    }

    /** One peer as {@code rxdebug -peers} prints it ({@code showLong} adds {@code -long}'s lines). */
    public static String peer(DebugPeer p, boolean showLong) {
        StringBuilder sb = new StringBuilder();
        sb.append("Peer at host ").append(p.hostString()).append(", port ").append(p.port()).append('\n');
        sb.append("\tifMTU ").append(p.ifMTU()).append("\tnatMTU ").append(p.natMTU())
                .append("\tmaxMTU ").append(p.maxMTU()).append('\n');
        sb.append("\tpackets sent ").append(u(p.nSent())).append("\tpacket resends ").append(u(p.reSends())).append('\n');
        sb.append("\tbytes sent high ").append(p.bytesSent() >>> 32).append(" low ")
                .append(p.bytesSent() & 0xFFFF_FFFFL).append('\n');
        sb.append("\tbytes received high ").append(p.bytesReceived() >>> 32).append(" low ")
                .append(p.bytesReceived() & 0xFFFF_FFFFL).append('\n');
        sb.append("\trtt ").append(u(p.rtt() >> 3)).append(" msec, rtt_dev ").append(u(p.rttDev() >> 2))
                .append(" msec\n");
        sb.append("\ttimeout ").append(u(p.timeout().sec())).append('.')
                .append(String.format("%03d", Integer.toUnsignedLong(p.timeout().usec()) / 1000)).append(" sec\n");
        if (showLong) {
            sb.append("\tin/out packet skew: ").append(p.inPacketSkew()).append('/').append(p.outPacketSkew()).append('\n');
            sb.append("\tcongestion window ").append(p.cwind()).append(", MTU ").append(p.mtu()).append('\n');
            sb.append("\tcurrent/if/max jumbogram size: ").append(p.nDgramPackets()).append('/')
                    .append(p.ifDgramPackets()).append('/').append(p.maxDgramPackets()).append('\n');
        }
        return sb.toString();
    }

    /** The line that ends a connection or peer list. */
    public static final String DONE = "Done.\n";

    /** C {@code %u} of a 32-bit int. */
    static String u(int v) {
        return Integer.toUnsignedString(v);
    }

    /** C {@code %.Nf}: the exact binary value rounded half-to-even, as glibc does. */
    static String fixed(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.isNaN(v) ? "nan" : (v > 0 ? "inf" : "-inf");
        }
        String s = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        if (v < 0 || (v == 0 && 1 / v < 0)) {
            // glibc keeps the sign of negative values that round to zero ("-0.000")
            if (!s.startsWith("-")) {
                s = "-" + s;
            }
        }
        return s;
    }
}
