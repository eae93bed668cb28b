package rxgate.rxrpc.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rxgate.rxrpc.RxEndpoint;
import rxgate.rxrpc.RxStats.Counter;
import rxgate.rxrpc.security.NullSecurity;
import rxgate.rxrpc.security.rxkad.KeyFile;
import rxgate.rxrpc.security.rxkad.RxkadLevel;
import rxgate.rxrpc.security.rxkad.RxkadSecurityClass;
import rxgate.rxrpc.security.rxkad.RxkadServerSecurity;
import rxgate.rxrpc.security.rxkad.ServerKey;
import rxgate.rxrpc.security.rxkad.Token;
import rxgate.rxrpc.services.perf.PerfClient;
import rxgate.rxrpc.services.perf.PerfProtocol;
import rxgate.rxrpc.services.perf.PerfService;

/**
 * OpenAFS's own {@code rxdebug} against an rxgate endpoint serving rxperf on loopback: it gets
 * our version, statistics that are our true counters, our connections and our peers; rxperf also
 * accepts rxkad, and rxdebug shows each rxkad connection's level.
 */
class RxdebugAgainstRxgateIT {
    static RxEndpoint server;
    static RxEndpoint client;
    static String port;
    static final KeyFile KEYFILE = KeyFile.of(List.of(ServerKey.ofHex(3, "5ea13d7f9204d62a")));

    @BeforeAll
    static void setUp() {
        server = RxEndpoint.builder().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .versionString("rxgate-interop 1.0")
                .service(PerfService.service(NullSecurity.INSTANCE, RxkadServerSecurity.of(KEYFILE, null, RxkadLevel.CLEAR)))
                .build();
        client = RxEndpoint.builder().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).build();
        port = Integer.toString(server.localAddress().getPort());
        PerfClient perf = new PerfClient(client.client(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), server.localAddress().getPort()),
                PerfProtocol.SERVICE_ID));
        for (int i = 0; i < 25; i++) {
            perf.rpc(2000, 3000).orTimeout(10, TimeUnit.SECONDS).join();
        }
        InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.localAddress().getPort());
        for (RxkadLevel level : RxkadLevel.values()) {
            RxkadSecurityClass sec = new RxkadSecurityClass(Token.localAuth(KEYFILE), level);
            PerfClient secured = new PerfClient(client.client(to, PerfProtocol.SERVICE_ID, sec,
                    client.defaultCallOptions()));
            secured.rpc(5000, 5000).orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    @AfterAll
    static void tearDown() {
        client.close();
        server.close();
    }

    @Test
    void versionIsOurs() {
        String out = OpenAfsTool.ok(60, "rxdebug", "127.0.0.1", port, "-version");
        assertThat(out).contains("AFS version: rxgate-interop 1.0");
    }

    @Test
    void statisticsAreOurTrueCounters() {
        long dataRead = server.stats().get(Counter.DATA_PACKETS_READ);
        long dataSent = server.stats().packetsSent(1);
        String out = OpenAfsTool.ok(60, "rxdebug", "127.0.0.1", port, "-rxstats", "-noconns");
        assertThat(out).contains("Free packets:").contains("calls:");
        Matcher read = Pattern.compile("packets read:\\s+data (\\d+)").matcher(out);
        assertThat(read.find()).as(out).isTrue();
        assertThat(Long.parseLong(read.group(1))).isEqualTo(dataRead).isGreaterThanOrEqualTo(25);
        Matcher sent = Pattern.compile("packets sent:\\s+data (\\d+)").matcher(out);
        assertThat(sent.find()).as(out).isTrue();
        assertThat(Long.parseLong(sent.group(1))).isEqualTo(dataSent);
        Matcher calls = Pattern.compile("calls: (\\d+)").matcher(out);
        assertThat(calls.find()).isTrue();
        assertThat(Long.parseLong(calls.group(1))).isGreaterThanOrEqualTo(25);
    }

    @Test
    void connectionsAndPeersAreListed() {
        String conns = OpenAfsTool.ok(60, "rxdebug", "127.0.0.1", port, "-allconnections");
        int clientPort = client.localAddress().getPort();
        assertThat(conns).contains("Connection from host 127.0.0.1, port " + clientPort);
        String peers = OpenAfsTool.ok(60, "rxdebug", "127.0.0.1", port, "-peers", "-noconns");
        assertThat(peers).contains("Peer at host 127.0.0.1, port " + clientPort);
    }

    @Test
    void rxkadConnectionsShowTheirLevel() {
        String conns = OpenAfsTool.ok(60, "rxdebug", "127.0.0.1", port, "-allconnections");
        for (RxkadLevel level : RxkadLevel.values()) {
            assertThat(conns).contains("rxkad: level " + level.label() + ", flags authenticated");
        }
        assertThat(conns).contains("security index 2");
        Matcher received = Pattern.compile("Received (\\d+) bytes in (\\d+) packets").matcher(conns);
        assertThat(received.find()).as(conns).isTrue();
        assertThat(Long.parseLong(received.group(1))).isGreaterThanOrEqualTo(5000);
    }
}
