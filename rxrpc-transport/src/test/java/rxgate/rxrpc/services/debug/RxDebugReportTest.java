package rxgate.rxrpc.services.debug;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import rxgate.rxrpc.CallCompletion;
import rxgate.rxrpc.RxCallException;
import rxgate.rxrpc.errors.AfsErrors;
import rxgate.rxrpc.services.debug.RxDebugReport.Options;
import rxgate.rxrpc.services.debug.RxDebugReport.Result;

class RxDebugReportTest {
    private final FakeDebugChannel ch = new FakeDebugChannel("10.77.0.1", 7003);
    private final RxDebugReport report = new RxDebugReport(new RxDebugClient(ch),
            Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC));

    private static final String STATS = "Free packets: 508/520, packet reclaims: 0, calls: 25, used FDs: 11\n"
            + "not waiting for packets.\n0 calls waiting for a thread\n6 threads are idle\n"
            + "0 calls have waited for a thread\n";

    private static Options opts(boolean version, boolean rxStats, boolean noConns, boolean all, boolean peers) {
        return new Options(version, rxStats, noConns, all, peers, false);
    }

    @Test
    void versionOnly() {
        ch.version("OpenAFS 1.8.9 2023-01-01 root@build");
        Result r = report.run(opts(true, false, false, false, false)).join();
        assertThat(r.stdout()).isEqualTo("Trying 10.77.0.1 (port 7003):\nAFS version: OpenAFS 1.8.9 2023-01-01 root@build\n");
        assertThat(r.succeeded()).isTrue();
        assertThat(ch.queries()).containsExactly("version");
    }

    @Test
    void rxStatsNoConns() {
        ch.on(1, 0, DebugGolden.typicalStats()).on(4, 0, DebugGolden.typicalRxStats());
        Result r = report.run(opts(false, true, true, false, false)).join();
        assertThat(r.stdout()).startsWith("Trying 10.77.0.1 (port 7003):\n" + STATS + "rx stats: free packets 508, allocs 120,");
        assertThat(r.stdout()).endsWith("0 free call structs\n");
        assertThat(r.stderr()).isEmpty();
        assertThat(ch.queries()).containsExactly("1/0", "4/0");
    }

    @Test
    void defaultListsInterestingConnections() {
        ch.on(1, 0, DebugGolden.typicalStats()).on(2, 0, DebugGolden.serverConn()).on(2, 1, DebugGolden.endOfConns());
        Result r = report.run(Options.DEFAULT).join();
        assertThat(r.stdout()).isEqualTo("Trying 10.77.0.1 (port 7003):\n" + STATS
                + RxDebugFormatter.connection(DebugConn.decode(DebugGolden.serverConn()), true, 0) + "Done.\n");
    }

    @Test
    void allConnectionsAndPeers() {
        ch.on(1, 0, DebugGolden.typicalStats()).on(3, 0, DebugGolden.endOfConns())
                .on(5, 0, DebugGolden.typicalPeer()).on(5, 1, DebugGolden.endOfPeers());
        Result r = report.run(opts(false, false, false, true, true)).join();
        assertThat(r.stdout()).endsWith(STATS + "Done.\nPeer at host 10.77.0.2, port 7001\n"
                + "\tifMTU 1444\tnatMTU 1444\tmaxMTU 1444\n\tpackets sent 40\tpacket resends 1\n"
                + "\tbytes sent high 0 low 4000\n\tbytes received high 1 low 5\n\trtt 2 msec, rtt_dev 1 msec\n"
                + "\ttimeout 0.000 sec\nDone.\n");
    }

    @Test
    void oldServerWithoutRxStatsOrPeers() {
        ch.on(1, 0, DebugGolden.stats(5, 0, 1, 0, 3, 'L', 0, 0, 0, 0)).on(3, 0, DebugGolden.endOfConns());
        Result r = report.run(new Options(false, true, false, true, true, false)).join();
        assertThat(r.stderr()).isEqualTo(RxDebugFormatter.NO_RX_STATS_WARNING + RxDebugFormatter.NO_ALL_CONN_WARNING);
        assertThat(r.stdout()).endsWith("not waiting for packets.\nDone.\n");
        assertThat(ch.queries()).containsExactly("1/0", "3/0"); // no RXSTATS, no GETPEER
    }

    @Test
    void badTypeRxStatsWarns() {
        ch.on(1, 0, DebugGolden.typicalStats()).on(4, 0, DebugGolden.badType());
        Result r = report.run(opts(false, true, true, false, false)).join();
        assertThat(r.stderr()).isEqualTo(RxDebugFormatter.NO_RX_STATS_WARNING);
        assertThat(r.stdout()).doesNotContain("rx stats");
    }

    @Test
    void shortRxStatsIsPrintedWithAWarning() {
        byte[] full = DebugGolden.typicalRxStats();
        ch.on(1, 0, DebugGolden.typicalStats()).on(4, 0, java.util.Arrays.copyOf(full, 200));
        Result r = report.run(opts(false, true, true, false, false)).join();
        assertThat(r.stdout()).contains("WARNING: returned Rx statistics of unexpected size (got 200)\nrx stats:");
    }

    @Test
    void failureKeepsWhatWasPrinted() {
        RxCallException timeout = new RxCallException(CallCompletion.LOCALLY_ABORTED, AfsErrors.RX_CALL_TIMEOUT, "");
        ch.fail(1, 0, timeout);
        Result r = report.run(Options.DEFAULT).join();
        assertThat(r.stdout()).isEqualTo("Trying 10.77.0.1 (port 7003):\n");
        assertThat(r.failure()).isSameAs(timeout);
    }
}
