package rxgate.rxrpc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** {@code rxgate-cli perf}: option parsing, and server + client in-process over loopback. */
class PerfCommandTest {

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    CompletableFuture<Integer> serverExit;
    PerfCommand.Server server;

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.stop();
            assertThat(serverExit.get(10, TimeUnit.SECONDS)).isZero();
        }
    }

    int run(String... args) {
        return RxgateCli.execute(new RxgateCli(), args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    static PerfCommand.Client parseClient(String... args) {
        CommandLine cl = RxgateCli.commandLine(new RxgateCli(), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        ParseResult pr = cl.parseArgs(args);
        return (PerfCommand.Client) pr.subcommand().subcommand().commandSpec().userObject();
    }

    /** Runs {@code perf server --bind 127.0.0.1 --port 0} on a thread, as the command line would. */
    int startServer() throws Exception {
        StringWriter serverOut = new StringWriter();
        CommandLine cl = RxgateCli.commandLine(new RxgateCli(), new PrintWriter(serverOut, true),
                new PrintWriter(new StringWriter(), true));
        server = cl.getSubcommands().get("perf").getSubcommands().get("server").getCommand();
        server.installShutdownHook = false;
        serverExit = CompletableFuture.supplyAsync(() -> cl.execute("perf", "server", "--bind", "127.0.0.1",
                "--port", "0"));
        assertThat(server.awaitReady(Duration.ofSeconds(10))).isTrue();
        int port = server.endpoint().localAddress().getPort();
        assertThat(serverOut.toString()).isEqualTo("rxperf server listening on 127.0.0.1:" + port
                + System.lineSeparator());
        return port;
    }

    // ---------------------------------------------------------------- parsing

    @Test
    void helpListsPerfButNotTheHiddenMemoryCommand() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("perf");
        assertThat(run("perf", "--help")).isZero();
        assertThat(out.toString()).contains("server", "client").doesNotContain("memory");
        assertThat(run("perf", "client", "--help")).isZero();
        assertThat(out.toString()).contains("--host", "--rpc", "--send", "--recv", "--count", "--size",
                "--concurrency", "--no-jumbo");
        assertThat(run("perf")).isEqualTo(2);
        assertThat(err.toString()).contains("rxgate-cli: perf: Missing required subcommand");
    }

    @Test
    void clientDefaultsAndSizes() {
        PerfCommand.Client c = parseClient("perf", "client", "--host", "127.0.0.1", "--rpc");
        assertThat(c.mode.rpc).isTrue();
        assertThat(c.count).isNull();   // 1000 for --rpc, chosen at run time
        assertThat(c.size).isNull();    // 1000 for --rpc, 1 MiB for --send/--recv
        assertThat(c.concurrency).isEqualTo(1);
        assertThat(c.timeoutSeconds).isEqualTo(30);
        assertThat(c.port).isNull();
        assertThat(c.noJumbo).isFalse();
        c = parseClient("perf", "client", "--host", "::1", "--port", "7100", "--send", "--size", "64M",
                "--count", "3", "--concurrency", "2", "--no-jumbo");
        assertThat(c.mode.send).isTrue();
        assertThat(c.size).isEqualTo(64L << 20);
        assertThat(c.count).isEqualTo(3);
        assertThat(c.concurrency).isEqualTo(2);
        assertThat(c.port).isEqualTo(7100);
        assertThat(c.host.host()).isEqualTo("::1");
        assertThat(c.noJumbo).isTrue();
        assertThat(PerfCommand.parseSize("1000")).isEqualTo(1000);
        assertThat(PerfCommand.parseSize("64k")).isEqualTo(65536);
        assertThat(PerfCommand.parseSize("1MiB")).isEqualTo(1 << 20);
        assertThat(PerfCommand.parseSize("2G")).isEqualTo(2L << 30);
        assertThatThrownBy(() -> PerfCommand.parseSize("12x")).isInstanceOf(CommandLine.TypeConversionException.class);
        assertThatThrownBy(() -> PerfCommand.parseSize("M")).isInstanceOf(CommandLine.TypeConversionException.class);
    }

    @Test
    void clientUsageErrors() {
        assertThat(run("perf", "client", "--host", "127.0.0.1")).isEqualTo(2);
        assertThat(err.toString()).contains("(--rpc | --send | --recv)");
        assertThat(run("perf", "client", "--host", "127.0.0.1", "--rpc", "--send")).isEqualTo(2);
        assertThat(err.toString()).contains("mutually exclusive");
        assertThat(run("perf", "client", "--rpc")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--host");
        assertThat(run("perf", "client", "--host", "10.77.0", "--rpc")).isEqualTo(2);
        assertThat(err.toString()).contains("not an IPv4 address: 10.77.0");
        assertThat(run("perf", "client", "--host", "127.0.0.1", "--rpc", "--count", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("rxgate-cli: perf client: --count must be at least 1");
        assertThat(run("perf", "client", "--host", "127.0.0.1", "--send", "--size", "5G")).isEqualTo(2);
        assertThat(err.toString()).contains("--size too large");
        assertThat(run("perf", "client", "--host", "127.0.0.1", "--rpc", "--size", "x")).isEqualTo(2);
    }

    @Test
    @Timeout(60)
    void noJumboSendsOnePacketPerDatagram() throws Exception {
        int port = startServer();
        assertThat(run("perf", "client", "--host", "127.0.0.1", "--port", String.valueOf(port), "--send",
                "--size", "200K", "--count", "2", "--no-jumbo")).isZero();
        assertThat(out.toString()).contains("204800 bytes out per call");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void serverBindTakesOnlyIpLiterals() throws Exception {
        assertThat(run("perf", "server", "--bind", "localhost")).isEqualTo(2);
        assertThat(err.toString()).contains("--bind takes an IP address");
        assertThat(run("perf", "server", "--bind", "127.0.0.1:7009")).isEqualTo(2);
        assertThat(run("perf", "server", "--port", "70000")).isEqualTo(2);
        assertThat(PerfCommand.bindAddress("::")).isEqualTo(InetAddress.getByName("::"));
        assertThat(PerfCommand.bindAddress("::1")).isEqualTo(InetAddress.getByName("::1"));
        assertThat(PerfCommand.bindAddress("0.0.0.0")).isEqualTo(InetAddress.getByName("0.0.0.0"));
    }

    @Test
    void addressesArePrintedWithoutLookupsAndIpv6Short() throws Exception {
        assertThat(PerfCommand.hostPort(new InetSocketAddress(InetAddress.getByName("::1"), 7009)))
                .isEqualTo("[::1]:7009");
        assertThat(PerfCommand.hostPort(new InetSocketAddress(InetAddress.getByName("::"), 1))).isEqualTo("[::]:1");
        assertThat(PerfCommand.ip(InetAddress.getByName("2001:db8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(PerfCommand.ip(InetAddress.getByName("2001:db8:0:1:1:1:1:1"))).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(PerfCommand.hostPort(new InetSocketAddress(InetAddress.getByName("10.0.0.1"), 7009)))
                .isEqualTo("10.0.0.1:7009");
    }

    // ---------------------------------------------------------------- end to end, loopback

    @Test
    @Timeout(60)
    void clientAgainstServerPrintsRatesAndLatency() throws Exception {
        int port = startServer();
        assertThat(run("perf", "client", "--host", "127.0.0.1", "--port", String.valueOf(port), "--rpc",
                "--count", "50", "--concurrency", "4", "--size", "300")).isZero();
        String o = out.toString();
        assertThat(o).contains("rxperf rpc to 127.0.0.1:" + port + ": 50 calls, concurrency 4, "
                + "300 bytes out + 300 bytes in per call");
        assertThat(o).containsPattern("(?m)^calls/s: +[0-9.]+$");
        assertThat(o).containsPattern("(?m)^MB/s: +[0-9.]+ ");
        assertThat(o).containsPattern("(?m)^latency: +p50 [0-9]+ us, p90 [0-9]+ us, p99 [0-9]+ us, max [0-9]+ us$");
        assertThat(err.toString()).isEmpty();

        out.getBuffer().setLength(0);
        assertThat(run("perf", "client", "--host", "127.0.0.1:" + port, "--send", "--size", "200K", "--count", "2"))
                .isZero();
        assertThat(out.toString()).contains("rxperf send to 127.0.0.1:" + port + ": 2 calls, concurrency 1, "
                + "204800 bytes out per call");
        out.getBuffer().setLength(0);
        assertThat(run("perf", "client", "--host", "127.0.0.1", "--port", String.valueOf(port), "--recv",
                "--size", "100000", "--count", "2", "--warmup", "1")).isZero();
        assertThat(out.toString()).contains("rxperf recv to 127.0.0.1:" + port + ": 2 calls, concurrency 1, "
                + "100000 bytes in per call").contains("data datagrams read");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    @Timeout(60)
    void theServerAnswersRxdebug() throws Exception {
        int port = startServer();
        assertThat(run("rxdebug", "127.0.0.1", String.valueOf(port), "--version", "--timeout", "5")).isZero();
        assertThat(out.toString()).contains("AFS version: rxgate");
    }

    @Test
    @Timeout(60)
    void aServerThatDoesNotAnswerFailsTheRunWithTheErrorName() throws Exception {
        int port;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            port = s.getLocalPort(); // closed below: nothing listens there
        }
        long t0 = System.nanoTime();
        assertThat(run("perf", "client", "--host", "127.0.0.1", "--port", String.valueOf(port), "--rpc",
                "--count", "100", "--timeout", "1")).isEqualTo(1);
        // One timeout for the whole run, not one per call.
        assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(10));
        assertThat(err.toString()).startsWith("rxgate-cli: perf client: RX_CALL_DEAD (-1): ")
                .contains("call 1 of 100 failed");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    @Timeout(60)
    void memoryReportsHeapPerConnectionAndCall() {
        assertThat(run("perf", "memory", "--calls", "8", "--timeout", "5")).isZero();
        assertThat(out.toString()).contains("8 calls held on 2 connections")
                .containsPattern("(?m)^heap per idle connection: -?[0-9]+ bytes$")
                .containsPattern("(?m)^heap per active call: -?[0-9]+ bytes");
        assertThat(run("perf", "memory", "--calls", "300")).isEqualTo(2);
    }
}
