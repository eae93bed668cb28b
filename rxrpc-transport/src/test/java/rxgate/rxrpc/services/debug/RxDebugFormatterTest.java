package rxgate.rxrpc.services.debug;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import rxgate.rxrpc.services.Ipv4;

/** Expected texts are written from rxdebug.c / rx_PrintTheseStats format strings. */
class RxDebugFormatterTest {

    @Test
    void tryingAndVersion() {
        assertThat(RxDebugFormatter.trying(new InetSocketAddress(Ipv4.parse("10.77.0.1"), 7003)))
                .isEqualTo("Trying 10.77.0.1 (port 7003):\n");
        assertThat(RxDebugFormatter.version("OpenAFS 1.8.9-1+deb12u1 2023-01-01 builder@host"))
                .isEqualTo("AFS version: OpenAFS 1.8.9-1+deb12u1 2023-01-01 builder@host\n");
        assertThat(RxDebugFormatter.version("abc\0junk")).isEqualTo("AFS version: abc\n");
        assertThat(RxDebugFormatter.version("x".repeat(70))).isEqualTo("AFS version: " + "x".repeat(63) + "\n");
    }

    @Test
    void statsBlockOfAnSServer() {
        assertThat(RxDebugFormatter.stats(DebugStats.decode(DebugGolden.typicalStats()))).isEqualTo(
                "Free packets: 508/520, packet reclaims: 0, calls: 25, used FDs: 11\n"
                        + "not waiting for packets.\n"
                        + "0 calls waiting for a thread\n"
                        + "6 threads are idle\n"
                        + "0 calls have waited for a thread\n");
    }

    @Test
    void statsBlockOfOldServers() {
        assertThat(RxDebugFormatter.stats(DebugStats.decode(DebugGolden.stats(5, 1, 2, 1, 3, 'L', 9, 9, 9, 9))))
                .isEqualTo("Free packets: 5, packet reclaims: 1, calls: 2, used FDs: 3\nwaiting for packets.\n");
        assertThat(RxDebugFormatter.stats(DebugStats.decode(DebugGolden.stats(5, 1, 2, 0, 3, 'O', 7, 8, 9, 9))))
                .isEqualTo("Free packets: 5, packet reclaims: 1, calls: 2, used FDs: 3\nnot waiting for packets.\n"
                        + "7 calls waiting for a thread\n8 threads are idle\n");
    }

    @Test
    void rxStatsBlock() {
        RxStatistics s = RxStatistics.decode(DebugGolden.typicalRxStats());
        assertThat(RxDebugFormatter.rxStats(s, 508, 'S')).isEqualTo(
                "rx stats: free packets 508, allocs 120, alloc-failures(rcv 0/0,send 0/0,ack 0)\n"
                        + "   greedy 0, bogusReads 0 (last from host 0), noPackets 0, noBuffers 0, selects 0, sendSelects 0\n"
                        + "   packets read: data 30 ack 40 busy 0 abort 1 ackall 0 challenge 0 response 0 debug 3 params 0"
                        + " unused 0 unused 0 unused 0 version 1 \n"
                        + "   other read counters: data 30, ack 40, dup 0 spurious 0 dally 0\n"
                        + "   packets sent: data 35 ack 28 busy 0 abort 2 ackall 0 challenge 0 response 0 debug 3 params 0"
                        + " unused 0 unused 0 unused 0 version 1 \n"
                        + "   other send counters: ack 28, data 35 (not resends), resends 0, pushed 0, acked&ignored 0\n"
                        + "   \t(these should be small) sendFailed 0, fatalErrors 0\n"
                        + "   Average rtt is 0.001, with 12 samples\n"
                        + "   Minimum rtt is 0.000, maximum is 0.003\n"
                        + "   2 server connections, 0 client connections, 3 peer structs, 8 call structs, 0 free call structs\n");
    }

    @Test
    void rxStatsOfPreNewPacketTypesServerAndUnsignedCounters() {
        RxStatistics s = RxStatistics.decode(DebugGolden.countingRxStats());
        String text = RxDebugFormatter.rxStats(s, 1, 'O');
        assertThat(text).startsWith("rx stats: free packets 1, allocs 1, alloc-failures(rcv 2,send 3,ack 4)\n");
        assertThat(text).contains("(last from host 7)");
        assertThat(text).contains("   Average rtt is " + RxDebugFormatter.fixed((50 + 51 / 1e6) / 56, 3) + ", with 56 samples\n");
        int[] w = new int[71];
        w[0] = -1;   // %u
        w[6] = 0x0a4d0001; // bogusHost, %x
        byte[] b = rxgate.rxrpc.services.Golden.bytes().words(w).build();
        String t2 = RxDebugFormatter.rxStats(RxStatistics.decode(b), 0, 'S');
        assertThat(t2).contains("(last from host a4d0001)");
        assertThat(t2).doesNotContain("Average rtt"); // no samples, no rtt lines
    }

    @Test
    void cFloatFormattingRoundsLikeGlibc() {
        assertThat(RxDebugFormatter.fixed(0.0625, 3)).isEqualTo("0.062"); // exact tie: to even
        assertThat(RxDebugFormatter.fixed(0.0025, 3)).isEqualTo("0.003"); // 0.0025 is slightly above in binary
        assertThat(RxDebugFormatter.fixed(1.0, 3)).isEqualTo("1.000");
        assertThat(RxDebugFormatter.fixed(-0.0001, 3)).isEqualTo("-0.000");
        assertThat(RxDebugFormatter.fixed(2.25, 1)).isEqualTo("2.2");
    }

    @Test
    void serverConnection() {
        assertThat(RxDebugFormatter.connection(DebugConn.decode(DebugGolden.serverConn()), true, 0)).isEqualTo(
                "Connection from host 10.77.0.2, port 7001, Cuid 65a1b2c3/5c7a0008\n"
                        + "  serial 17,  natMTU 1444, security index 0, server conn\n"
                        + "  rxnull level=0, flags=0\n"
                        + "    call 0: # 3, state dally, mode: eof\n"
                        + "    call 1: # 0, state not initialized\n"
                        + "    call 2: # 0, state not initialized\n"
                        + "    call 3: # 0, state not initialized\n");
    }

    @Test
    void rxkadConnectionWithFlags() {
        long now = 1_700_000_000L;
        byte[] b = DebugGolden.conn(0x0A4D0003, 0x10, 5, new int[] {7, 8, 0, 0}, -1, 7000, 0x85, 0, 2,
                new int[] {2, 1, 0, 0}, new int[] {2, 1, 0, 0}, new int[] {0x21, 0, 0, 0}, new int[] {3, 0, 0, 0},
                3, 2, 2, (int) (now + 7200), 10, 12, 1234, 5678, 0, 1400);
        assertThat(RxDebugFormatter.connection(DebugConn.decode(b), true, now)).isEqualTo(
                "Connection from host 10.77.0.3, port 7000, cid 10, error -1\n"
                        + "  serial 5,  natMTU 1400, flags MAKECALL_WAITING pktCksum, security index 2, client conn\n"
                        + "  rxkad: level crypt, flags authenticated, expires in 2.0 hours\n"
                        + "  Received 1234 bytes in 10 packets\n"
                        + "  Sent 5678 bytes in 12 packets\n"
                        + "    call 0: # 7, state active, mode: receiving, flags: reader_wait receive_done,"
                        + " has_input_packets, has_output_packets\n"
                        + "    call 1: # 8, state precall, mode: sending\n"
                        + "    call 2: # 0, state not initialized\n"
                        + "    call 3: # 0, state not initialized\n");
    }

    @Test
    void secStatsVariants() {
        byte[] unknownKad = DebugGolden.conn(1, 4, 0, new int[4], 0, 1, 0, 1, 2, new int[4], new int[4], new int[4],
                new int[4], 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(RxDebugFormatter.connection(DebugConn.decode(unknownKad), true, 0))
                .contains("server conn\n  no GetStats procedure for security object\n");
        assertThat(RxDebugFormatter.connection(DebugConn.decode(unknownKad), false, 0))
                .doesNotContain("GetStats");
        byte[] unalloc = DebugGolden.conn(1, 4, 0, new int[4], 0, 1, 0, 1, 2, new int[4], new int[4], new int[4],
                new int[4], 3, 0, 1, 0, 0, 0, 0, 0, 0, 0);
        assertThat(RxDebugFormatter.connection(DebugConn.decode(unalloc), true, 0))
                .contains("  rxkad: level clear, flags unalloc\n    call 0");
        byte[] gk = DebugGolden.conn(1, 4, 0, new int[4], 0, 1, 0, 1, 4, new int[4], new int[4], new int[4],
                new int[4], 4, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(RxDebugFormatter.connection(DebugConn.decode(gk), true, 0)).contains("  unknown\n");
    }

    @Test
    void peer() {
        assertThat(RxDebugFormatter.peer(DebugPeer.decode(DebugGolden.typicalPeer()), false)).isEqualTo(
                "Peer at host 10.77.0.2, port 7001\n"
                        + "\tifMTU 1444\tnatMTU 1444\tmaxMTU 1444\n"
                        + "\tpackets sent 40\tpacket resends 1\n"
                        + "\tbytes sent high 0 low 4000\n"
                        + "\tbytes received high 1 low 5\n"
                        + "\trtt 2 msec, rtt_dev 1 msec\n"
                        + "\ttimeout 0.000 sec\n");
        assertThat(RxDebugFormatter.peer(DebugPeer.decode(DebugGolden.typicalPeer()), true)).endsWith(
                "\ttimeout 0.000 sec\n"
                        + "\tin/out packet skew: 0/0\n"
                        + "\tcongestion window 16, MTU 1444\n"
                        + "\tcurrent/if/max jumbogram size: 1/3/3\n");
    }
}
