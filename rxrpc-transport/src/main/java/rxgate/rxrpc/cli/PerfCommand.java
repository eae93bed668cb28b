package rxgate.rxrpc.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import rxgate.rxrpc.RxCall;
import rxgate.rxrpc.RxClient;
import rxgate.rxrpc.RxEndpoint;
import rxgate.rxrpc.RxEndpointState;
import rxgate.rxrpc.RxService;
import rxgate.rxrpc.RxStats;
import rxgate.rxrpc.RxStats.Counter;
import rxgate.rxrpc.security.NullSecurity;
import rxgate.rxrpc.security.RxSecurityClass;
import rxgate.rxrpc.security.rxkad.KeyFile;
import rxgate.rxrpc.security.rxkad.RxkadLevel;
import rxgate.rxrpc.security.rxkad.RxkadServerSecurity;
import rxgate.rxrpc.services.perf.PerfClient;
import rxgate.rxrpc.services.perf.PerfProtocol;
import rxgate.rxrpc.services.perf.PerfRun;
import rxgate.rxrpc.services.perf.PerfService;

/**
 * {@code rxgate-cli perf …}: rxperf (service 147), the Rx counterpart of iperf, compatible with
 * OpenAFS's and the Linux kernel's rxperf.
 *
 * <pre>
 * rxgate-cli perf server [--port 7009] [--bind 0.0.0.0|::|ADDR]
 * rxgate-cli perf client --host H [--port P] --rpc|--send|--recv [--count N] [--size BYTES]
 *                        [--concurrency C] [--warmup N] [--timeout S] [--no-jumbo]
 * rxgate-cli perf memory [--host H --port P] [--calls N]        (hidden; used by bench/rxperf.sh)
 * </pre>
 */
@Command(name = "perf", description = "rxperf (service 147): run a server, or measure one.",
        subcommands = {PerfCommand.Server.class, PerfCommand.Client.class, PerfCommand.Memory.class})
final class PerfCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    /** {@code [::1]:7009} or {@code 127.0.0.1:7009}, never a host name (no reverse lookup). */
    static String hostPort(InetSocketAddress a) {
        String h = a.getAddress() != null ? ip(a.getAddress()) : a.getHostString();
        return (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + a.getPort();
    }

    /** An IP address as text; IPv6 in the RFC 5952 short form ({@code ::1}, not {@code 0:0:0:0:0:0:0:1}). */
    static String ip(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length != 16) {
            return a.getHostAddress();
        }
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLen = 1; // a single zero word is not shortened (RFC 5952 4.2.2)
        for (int i = 0; i < 8; ) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(w[i]));
        }
        return sb.toString();
    }

    static void checkPort(Integer port) {
        if (port != null && (port < 0 || port > 65535)) {
            throw new IllegalArgumentException("--port out of range 0..65535: " + port);
        }
    }

    /** {@code --bind}: an IP literal only (no name lookup), without a port. */
    static InetAddress bindAddress(String text) {
        ServerSpec s;
        try {
            s = ServerSpec.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--bind: " + e.getMessage());
        }
        if (!s.isLiteral() || s.port().isPresent()) {
            throw new IllegalArgumentException("--bind takes an IP address (e.g. 0.0.0.0, ::, 127.0.0.1, ::1): " + text);
        }
        try {
            return s.resolve(0).getAddress(); // a literal: parsed, never looked up
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("--bind: not an IP address: " + text);
        }
    }

    /** Starts an endpoint serving rxperf on {@code bind} (port 0: any free port). */
    static RxEndpoint startServer(InetSocketAddress bind) {
        return startServer(bind, null);
    }

    /** As {@link #startServer(InetSocketAddress)}, also accepting rxkad clients when {@code rxkad} is given. */
    static RxEndpoint startServer(InetSocketAddress bind, RxkadServerSecurity rxkad) {
        RxService svc = rxkad == null ? PerfService.service() : PerfService.service(NullSecurity.INSTANCE, rxkad);
        return RxEndpoint.builder().bind(bind).service(svc).build();
    }

    // ------------------------------------------------------------------ perf server

    /** {@code perf server}: serves rxperf (and answers rxdebug) until SIGINT/SIGTERM. */
    @Command(name = "server", description = "Serve rxperf (service 147) until interrupted (SIGINT/SIGTERM); "
            + "the endpoint also answers rxdebug.")
    static final class Server extends CommandBase {

        @Option(names = "--port", paramLabel = "PORT", defaultValue = "7009",
                description = "UDP port (default: ${DEFAULT-VALUE}; 0 = any free port, printed when ready).")
        int port;

        @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "0.0.0.0",
                description = "Local IP address (default: ${DEFAULT-VALUE}; :: or ::1 for IPv6). Never looked up.")
        String bind;

        @Option(names = "--keyfile", paramLabel = "PATH",
                description = "Also accept rxkad clients whose tickets this OpenAFS KeyFile opens (rxnull is "
                        + "always accepted).")
        Path keyFile;

        @Option(names = "--min-level", paramLabel = "clear|auth|crypt", defaultValue = "clear",
                description = "With --keyfile: the lowest rxkad level accepted (default: ${DEFAULT-VALUE}).")
        String minLevel;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
        boolean help;

        private final CountDownLatch stop = new CountDownLatch(1);
        private final CountDownLatch ready = new CountDownLatch(1);
        private volatile RxEndpoint endpoint;
        /** Tests run the command in-process and stop it with {@link #stop()}; no hook then. */
        boolean installShutdownHook = true;

        @Override
        int run() throws CliFailure {
            checkPort(port);
            InetSocketAddress addr = new InetSocketAddress(bindAddress(bind), port);
            RxkadServerSecurity rxkad = null;
            if (keyFile != null) {
                try {
                    rxkad = RxkadServerSecurity.of(KeyFile.read(keyFile), null, RxkadLevel.parse(minLevel));
                } catch (IOException | IllegalArgumentException e) {
                    throw new CliFailure(CliErrors.EXIT_USAGE, e.getMessage());
                }
            }
            RxEndpoint ep;
            try {
                ep = startServer(addr, rxkad);
            } catch (RuntimeException e) {
                throw new CliFailure(CliErrors.EXIT_RPC, "cannot serve on " + hostPort(addr) + ": "
                        + CliErrors.message(e));
            }
            endpoint = ep;
            Thread hook = new Thread(() -> {
                ep.close();
                stop.countDown();
            }, "rxperf-server-shutdown");
            if (installShutdownHook) {
                Runtime.getRuntime().addShutdownHook(hook);
            }
            try {
                // The requested address (a 0.0.0.0 socket may really be a dual-stack ::), the real port.
                out().println("rxperf server listening on "
                        + hostPort(new InetSocketAddress(addr.getAddress(), ep.localAddress().getPort())));
                out().flush();
                ready.countDown();
                stop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (installShutdownHook) {
                    try {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    } catch (IllegalStateException shuttingDown) {
                        // the hook is running or has run
                    }
                }
                ep.close();
            }
            return 0;
        }

        /** The serving endpoint once {@link #awaitReady} returned true (tests). */
        RxEndpoint endpoint() {
            return endpoint;
        }

        boolean awaitReady(Duration d) throws InterruptedException {
            return ready.await(d.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Ends {@link #run()} as SIGTERM would. */
        void stop() {
            stop.countDown();
        }
    }

    // ------------------------------------------------------------------ perf client

    /** Which rxperf operation to measure. */
    static final class Mode {
        @Option(names = "--rpc", required = true,
                description = "Request/reply calls: --size bytes each way (rxperf -S/-R).")
        boolean rpc;

        @Option(names = "--send", required = true, description = "Bulk transfer to the server: --size bytes per call.")
        boolean send;

        @Option(names = "--recv", required = true, description = "Bulk transfer from the server: --size bytes per call.")
        boolean recv;

        String name() {
            return rpc ? "rpc" : send ? "send" : "recv";
        }
    }

    /** Byte counts: a number, optionally with K, M or G (binary: KiB, MiB, GiB). */
    static final class SizeConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return parseSize(value);
        }
    }

    static long parseSize(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        if (v.endsWith("IB")) {
            v = v.substring(0, v.length() - 2);
        } else if (v.endsWith("B") && v.length() > 1 && !Character.isDigit(v.charAt(v.length() - 2))) {
            v = v.substring(0, v.length() - 1);
        }
        long mult = 1;
        if (!v.isEmpty()) {
            switch (v.charAt(v.length() - 1)) {
                case 'K' -> mult = 1L << 10;
                case 'M' -> mult = 1L << 20;
                case 'G' -> mult = 1L << 30;
                default -> mult = 1;
            }
        }
        if (mult != 1) {
            v = v.substring(0, v.length() - 1);
        }
        if (v.isEmpty() || v.length() > 12 || !v.chars().allMatch(Character::isDigit)) {
            throw new TypeConversionException("not a byte count: " + value + " (e.g. 1000, 64K, 1M)");
        }
        return Long.parseLong(v) * mult;
    }

    /** {@code perf client}: rxperf calls to a server, measured. */
    @Command(name = "client", description = "Measure rxperf calls to a server: calls/s, MB/s and latency percentiles.")
    static final class Client extends CommandBase {

        @Option(names = "--host", required = true, paramLabel = "HOST", converter = ServerSpecConverter.class,
                description = "Server: IP literal (never looked up) or host name; HOST:PORT also accepted.")
        ServerSpec host;

        @Option(names = "--port", paramLabel = "PORT",
                description = "UDP port (default: 7009, or the port given with --host).")
        Integer port;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Mode mode;

        @Option(names = "--count", paramLabel = "N",
                description = "Calls to make (default: 1000 for --rpc, 10 for --send/--recv).")
        Integer count;

        @Option(names = "--size", paramLabel = "BYTES", converter = SizeConverter.class,
                description = "Bytes per call (K/M/G = KiB/MiB/GiB). --rpc: request and reply size each "
                        + "(default 1000); --send/--recv: data per call (default 1M).")
        Long size;

        @Option(names = "--concurrency", paramLabel = "C", defaultValue = "1",
                description = "Calls in flight at once (default: ${DEFAULT-VALUE}).")
        int concurrency;

        @Option(names = "--warmup", paramLabel = "N", defaultValue = "0",
                description = "Unmeasured calls of the same kind first, to warm up the JIT (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
                description = "A call that hears nothing from the server (RX_CALL_DEAD) or makes no progress "
                        + "(RX_CALL_TIMEOUT) this long fails (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        @Option(names = "--no-jumbo", description = "Neither send nor accept jumbograms (one packet per datagram).")
        boolean noJumbo;

        @Mixin
        SecurityOptions auth = new SecurityOptions();

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
        boolean help;

        @Override
        int run() throws CliFailure {
            String m = mode.name();
            boolean rpc = mode.rpc;
            int n = count != null ? count : rpc ? 1000 : 10;
            long bytes = size != null ? size : rpc ? 1000 : 1L << 20;
            if (n < 1) {
                throw new IllegalArgumentException("--count must be at least 1");
            }
            if (concurrency < 1 || concurrency > 10_000) {
                throw new IllegalArgumentException("--concurrency must be 1..10000");
            }
            if (warmup < 0) {
                throw new IllegalArgumentException("--warmup must not be negative");
            }
            if (bytes > 0xFFFFFFFFL || (rpc && bytes > Integer.MAX_VALUE)) {
                throw new IllegalArgumentException("--size too large (rxperf sizes are 32-bit): " + bytes);
            }
            if (timeoutSeconds < 1) {
                throw new IllegalArgumentException("--timeout must be at least 1 second");
            }
            checkPort(port);
            if (port != null && port == 0) {
                throw new IllegalArgumentException("--port must be 1..65535");
            }
            int p = port != null ? port : host.port().orElse(PerfProtocol.DEFAULT_PORT);
            InetSocketAddress target = resolve(List.of(host), p).get(0);
            if (port != null) {
                target = new InetSocketAddress(target.getAddress(), port);
            }
            Duration timeout = Duration.ofSeconds(timeoutSeconds);
            RxSecurityClass security = security();
            RxEndpoint ep;
            try {
                ep = RxEndpoint.builder().deadTime(timeout).idleTimeout(timeout).jumbograms(!noJumbo).build();
            } catch (RuntimeException e) {
                throw new CliFailure(CliErrors.EXIT_RPC, "cannot open an Rx endpoint: " + CliErrors.message(e));
            }
            try {
                PerfClient perf = new PerfClient(ep.client(target, PerfProtocol.SERVICE_ID, security,
                        ep.defaultCallOptions()));
                Supplier<CompletableFuture<Long>> op = switch (m) {
                    case "rpc" -> () -> perf.rpc((int) bytes, (int) bytes);
                    case "send" -> () -> perf.send(bytes);
                    default -> () -> perf.recv(bytes);
                };
                if (warmup > 0) {
                    runOrFail(m, warmup, op, "warm-up");
                }
                RxStats st = ep.stats();
                long[] before = snapshot(st);
                long[] cpuBefore = cpu();
                PerfRun.Result r = runOrFail(m, n, op, "measured");
                long[] cpuAfter = cpu();
                long[] after = snapshot(st);
                print(r, target, bytes, after, before);
                if (cpuBefore[0] >= 0 && cpuAfter[0] >= 0) {
                    double proc = (cpuAfter[0] - cpuBefore[0]) / 1e6;
                    double loop = (cpuAfter[1] - cpuBefore[1]) / 1e6;
                    out().printf(Locale.ROOT, "client cpu: process %.0f ms (%.1f us/call), event loop %.0f ms "
                            + "(busy %.0f%% of the elapsed time)%n", proc, proc * 1000 / r.calls(), loop,
                            100 * loop / (r.nanos() / 1e6));
                }
            } finally {
                ep.close();
            }
            return 0;
        }

        private PerfRun.Result runOrFail(String m, int n, Supplier<CompletableFuture<Long>> op, String phase)
                throws CliFailure {
            FailFast ff = new FailFast();
            CompletableFuture<PerfRun.Result> run = PerfRun.run(m, n, concurrency, ff.wrap(op));
            try {
                CompletableFuture.anyOf(run, ff.failed).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliFailure(CliErrors.EXIT_RPC, "interrupted");
            } catch (ExecutionException e) {
                throw new CliFailure(CliErrors.EXIT_RPC, CliErrors.message(e.getCause()) + " (" + phase + " call "
                        + (ff.succeeded.get() + 1) + " of " + n + " failed)");
            }
            PerfRun.Result r = run.join();
            if (r.failures() > 0) { // not reached with FailFast; kept for safety
                throw new CliFailure(CliErrors.EXIT_RPC, CliErrors.message(r.firstFailure()));
            }
            return r;
        }

        private void print(PerfRun.Result r, InetSocketAddress target, long bytes, long[] after, long[] before) {
            String per = switch (r.mode()) {
                case "rpc" -> bytes + " bytes out + " + bytes + " bytes in per call";
                case "send" -> bytes + " bytes out per call";
                default -> bytes + " bytes in per call";
            };
            var o = out();
            o.printf(Locale.ROOT, "rxperf %s to %s: %d calls, concurrency %d, %s, jumbograms on%n", r.mode(),
                    hostPort(target), r.calls(), r.concurrency(), per);
            o.printf(Locale.ROOT, "elapsed:  %.3f s%n", r.nanos() / 1e9);
            o.printf(Locale.ROOT, "calls/s:  %.1f%n", r.callsPerSecond());
            o.printf(Locale.ROOT, "MB/s:     %.2f  (10^6 bytes of rxperf data per second, both directions)%n",
                    r.megabytesPerSecond());
            o.printf(Locale.ROOT, "latency:  p50 %.0f us, p90 %.0f us, p99 %.0f us, max %.0f us%n",
                    r.percentileMicros(50), r.percentileMicros(90), r.percentileMicros(99), r.percentileMicros(100));
            long[] d = new long[after.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = after[i] - before[i];
            }
            // The transport counts DATA sent per packet (jumbo sub-packets included) but DATA read per
            // datagram (a jumbogram counts once).
            o.printf(Locale.ROOT, "client packets: data packets sent %d (resent %d; jumbograms sent %d), "
                    + "data datagrams read %d (jumbograms %d), acks sent %d, acks read %d, "
                    + "retransmission timeouts %d, fast retransmits %d%n",
                    d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8]);
        }

        /**
         * CPU time used so far: {process, event loop threads}, in ns (measured phase only, so
         * JVM start-up and warm-up are not in it); {-1, -1} where the JVM cannot tell.
         */
        private static long[] cpu() {
            long proc = -1;
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                proc = os.getProcessCpuTime();
            }
            ThreadMXBean tmx = ManagementFactory.getThreadMXBean();
            long loop = 0;
            if (!tmx.isThreadCpuTimeSupported()) {
                return new long[] {-1, -1};
            }
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().startsWith("rxgate-io")) {
                    loop += Math.max(0, tmx.getThreadCpuTime(t.getId()));
                }
            }
            return new long[] {proc, loop};
        }

        private static long[] snapshot(RxStats s) {
            return new long[] {s.get(Counter.DATA_PACKETS_SENT), s.get(Counter.DATA_PACKETS_RESENT),
                s.get(Counter.JUMBOGRAMS_SENT), s.get(Counter.DATA_PACKETS_READ), s.get(Counter.JUMBOGRAMS_READ),
                s.get(Counter.ACK_PACKETS_SENT), s.get(Counter.ACK_PACKETS_READ), s.get(Counter.RETRANSMIT_TIMEOUTS),
                s.get(Counter.FAST_RETRANSMITS)};
        }
    }

    /**
     * Stops starting calls after the first failure (so a dead server costs one timeout, not one
     * per call): later operations get a future that never completes and {@link #failed} fails.
     */
    static final class FailFast {
        final CompletableFuture<Void> failed = new CompletableFuture<>();
        final AtomicInteger succeeded = new AtomicInteger();

        Supplier<CompletableFuture<Long>> wrap(Supplier<CompletableFuture<Long>> op) {
            return () -> {
                if (failed.isDone()) {
                    return new CompletableFuture<>();
                }
                CompletableFuture<Long> f;
                try {
                    f = op.get();
                } catch (RuntimeException e) {
                    failed.completeExceptionally(e);
                    return new CompletableFuture<>();
                }
                return f.whenComplete((v, e) -> {
                    if (e != null) {
                        failed.completeExceptionally(e);
                    } else {
                        succeeded.incrementAndGet();
                    }
                });
            };
        }
    }

    // ------------------------------------------------------------------ perf memory (hidden)

    /**
     * {@code perf memory}: heap per idle connection and per active call, measured with
     * {@link MemoryMXBean} after {@code System.gc()}. Against {@code --host} it measures this
     * client's side only; without it, it starts an rxperf server in this JVM on 127.0.0.1 and
     * measures both sides together. Netty's pooled direct memory is not heap and not included.
     */
    @Command(name = "memory", hidden = true,
            description = "Heap per idle connection and per active call (benchmark helper).")
    static final class Memory extends CommandBase {
        /** Data bytes each held call announces; the first packet carries 1392 of them. */
        static final int CALL_DATA = 2000;
        private static final int FIRST_SEND = Math.min(CALL_DATA + 20, 1412 + 1);

        @Option(names = "--host", paramLabel = "HOST", converter = ServerSpecConverter.class,
                description = "An rxperf server (default: one started in this JVM on 127.0.0.1).")
        ServerSpec host;

        @Option(names = "--port", paramLabel = "PORT", description = "Its port (default 7009).")
        Integer port;

        @Option(names = "--calls", paramLabel = "N", defaultValue = "200",
                description = "Calls held open at once, 4..256 (default: ${DEFAULT-VALUE}; a server takes "
                        + "256 calls from one peer).")
        int calls;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
                description = "Dead time of the calls (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
        boolean help;

        record Sample(long base, long active, long idle, int connections, int activeCalls) {
        }

        @Override
        int run() throws CliFailure {
            if (calls < 4 || calls > 256) {
                throw new IllegalArgumentException("--calls must be 4..256");
            }
            checkPort(port);
            RxEndpoint server = null;
            InetSocketAddress target;
            if (host == null) {
                server = startServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                target = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.localAddress().getPort());
            } else {
                int p = port != null ? port : host.port().orElse(PerfProtocol.DEFAULT_PORT);
                target = resolve(List.of(host), p).get(0);
                if (port != null) {
                    target = new InetSocketAddress(target.getAddress(), port);
                }
            }
            try {
                scenario(target, server); // warm-up: classes, JIT, pools, server backlog
                Sample s = scenario(target, server);
                long idleDelta = s.idle() - s.base();
                long callDelta = s.active() - s.idle();
                var o = out();
                o.printf(Locale.ROOT, "rxperf memory (%s, %s): %d calls held on %d connections%n",
                        server != null ? "client + in-process server" : "client side only", hostPort(target),
                        s.activeCalls(), s.connections());
                o.printf(Locale.ROOT, "heap baseline: %d bytes, with calls held: %d, after they ended "
                        + "(connections idle): %d%n", s.base(), s.active(), s.idle());
                o.printf(Locale.ROOT, "heap per idle connection: %d bytes%n",
                        s.connections() > 0 ? idleDelta / s.connections() : 0);
                o.printf(Locale.ROOT, "heap per active call: %d bytes (beyond its connection)%n",
                        callDelta / s.activeCalls());
                o.printf(Locale.ROOT, "heap per active call incl. connection share: %d bytes%n",
                        (s.active() - s.base()) / s.activeCalls());
            } finally {
                if (server != null) {
                    server.close();
                }
            }
            return 0;
        }

        private Sample scenario(InetSocketAddress target, RxEndpoint server) throws CliFailure {
            Duration dead = Duration.ofSeconds(Math.max(1, timeoutSeconds));
            RxEndpoint client;
            try {
                client = RxEndpoint.builder().deadTime(dead).build();
            } catch (RuntimeException e) {
                throw new CliFailure(CliErrors.EXIT_RPC, "cannot open an Rx endpoint: " + CliErrors.message(e));
            }
            try {
                RxClient rx = client.client(target, PerfProtocol.SERVICE_ID);
                long base = heapUsed();
                List<RxCall> held = new ArrayList<>(calls);
                // Batches of 4, so the server's preallocated backlog keeps up (no BUSY).
                for (int i = 0; i < calls; i += 4) {
                    List<CompletableFuture<Void>> sent = new ArrayList<>();
                    for (int j = i; j < Math.min(calls, i + 4); j++) {
                        RxCall c = rx.newCall();
                        held.add(c);
                        // A SEND of CALL_DATA bytes; the transport sends only full packets before the
                        // last one, so write one full packet plus a byte: the server gets the first
                        // packet and waits for the rest.
                        ByteBuffer first = ByteBuffer.allocate(FIRST_SEND);
                        first.putInt(PerfProtocol.VERSION).putInt(PerfProtocol.TYPE_SEND).putInt(PerfProtocol.CHUNK)
                                .putInt(PerfProtocol.CHUNK).putInt(CALL_DATA).position(0);
                        sent.add(c.send(first, false));
                    }
                    waitFor(CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)), dead);
                    pause(5);
                }
                waitUntil(() -> activeOn(client, server, calls), dead);
                pause(200);
                long active = heapUsed();
                RxEndpointState st = waitFor(client.state(), dead);
                List<CompletableFuture<Void>> done = new ArrayList<>();
                for (RxCall c : held) {
                    int rest = CALL_DATA - (FIRST_SEND - 20);
                    done.add(c.send(ByteBuffer.allocate(rest), true).thenCompose(v -> drain(c))
                            .thenCompose(v -> c.completion()));
                }
                waitFor(CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)), dead);
                held.clear();
                done.clear();
                waitUntil(() -> activeOn(client, server, 0), dead);
                long idle = heapUsed();
                RxEndpointState after = waitFor(client.state(), dead);
                return new Sample(base, active, idle, after.clientConnections(), st.activeCalls());
            } finally {
                client.close();
            }
        }

        private static CompletableFuture<Void> drain(RxCall c) {
            return c.receive().thenCompose(b -> b.hasRemaining() ? drain(c) : CompletableFuture.completedFuture(null));
        }

        private static boolean activeOn(RxEndpoint client, RxEndpoint server, int n) {
            RxEndpointState c = client.state().join();
            if (c.activeCalls() != n) {
                return false;
            }
            return server == null || server.state().join().activeServiceCalls() == n;
        }

        private <T> T waitFor(CompletableFuture<T> f, Duration limit) throws CliFailure {
            try {
                return f.get(limit.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliFailure(CliErrors.EXIT_RPC, "interrupted");
            } catch (ExecutionException e) {
                throw new CliFailure(CliErrors.EXIT_RPC, CliErrors.message(e.getCause()));
            } catch (TimeoutException e) {
                throw new CliFailure(CliErrors.EXIT_RPC, CliErrors.message(e));
            }
        }

        private static void waitUntil(java.util.function.BooleanSupplier cond, Duration limit) throws CliFailure {
            long end = System.nanoTime() + limit.toNanos();
            while (!cond.getAsBoolean()) {
                if (System.nanoTime() - end > 0) {
                    throw new CliFailure(CliErrors.EXIT_RPC, "the calls did not reach the expected state in "
                            + limit.toSeconds() + " s");
                }
                pause(20);
            }
        }

        private static void pause(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Heap in use after full collections: the smallest of three readings. */
        static long heapUsed() {
            MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
            long min = Long.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                System.gc();
                pause(50);
                min = Math.min(min, mx.getHeapMemoryUsage().getUsed());
            }
            return min;
        }
    }
}
