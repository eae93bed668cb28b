package rxgate.rxrpc.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import rxgate.rxrpc.RxClient;
import rxgate.rxrpc.RxEndpoint;
import rxgate.rxrpc.security.NullSecurity;
import rxgate.rxrpc.security.RxSecurityClass;
import rxgate.rxrpc.security.rxkad.RxkadLevel;
import rxgate.rxrpc.security.rxkad.RxkadSecurityClass;
import rxgate.rxrpc.RxStats;
import rxgate.rxrpc.services.RpcCaller;
import rxgate.rxrpc.services.RpcCalls;
import rxgate.rxrpc.services.pt.PtClient;
import rxgate.rxrpc.services.vl.VlClient;

/**
 * Small-call benchmark of the rxgate client: VL_GetEntryByNameN (vlserver, port 7003, service 52)
 * or PR_NameToID (ptserver, port 7002, service 73) against one server, with C calls in flight at
 * all times.
 *
 * <p>The callers are futures, not threads: each of the C "lanes" starts its next call from the
 * completion of its previous one, so exactly C calls are outstanding until the count or the time
 * limit is reached. Every answer is checked against the first one (the VL entry's name, the PT
 * id). Prints one line,
 *
 * <pre>
 * rxgate &lt;rpc&gt; conc=&lt;C&gt; calls=&lt;N&gt; secs=&lt;s&gt; rate=&lt;calls/s&gt; p50_us=&lt;&gt; p99_us=&lt;&gt; errors=&lt;n&gt;
 * </pre>
 *
 * and exits 1 on any error (a failed call, a different answer, the time limit reached before N
 * calls). With {@code --stats} it also prints, to stderr, the process's CPU time and context
 * switches and the endpoint's packet counters per measured call. Used by {@code bench/small-calls.sh}; see {@code bench/README.md}.
 */
public final class SmallCallBench {
    private static final int VL_PORT = 7003;
    private static final int VL_SERVICE = 52;
    private static final int PT_PORT = 7002;
    private static final int PT_SERVICE = 73;
    private static final int PT_ANONYMOUS_ID = 32766;

    private SmallCallBench() {
    }

    /** Command-line settings. */
    record Options(String server, String rpc, String name, int calls, int concurrency, int warmup,
            double durationLimitSecs, boolean stats, String keyFile, String level) {

        static Options parse(String[] args) {
            String server = null;
            String rpc = null;
            String name = null;
            int calls = 20_000;
            int conc = 1;
            int warmup = 1_000;
            double limit = 60;
            boolean stats = false;
            String keyFile = null;
            String level = null;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--stats")) {
                    stats = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + a);
                }
                String v = args[++i];
                switch (a) {
                    case "--server" -> server = v;
                    case "--rpc" -> rpc = v;
                    case "--name" -> name = v;
                    case "--calls" -> calls = Integer.parseInt(v);
                    case "--concurrency" -> conc = Integer.parseInt(v);
                    case "--warmup" -> warmup = Integer.parseInt(v);
                    case "--duration-limit" -> limit = Double.parseDouble(v);
                    case "--keyfile" -> keyFile = v;
                    case "--level" -> level = v;
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (server == null || rpc == null || name == null) {
                throw new IllegalArgumentException("--server, --rpc and --name are required");
            }
            if (!rpc.equals("vl") && !rpc.equals("pt")) {
                throw new IllegalArgumentException("--rpc must be vl or pt");
            }
            if (calls < 1 || conc < 1 || conc > 4096 || warmup < 0 || !(limit > 0)) {
                throw new IllegalArgumentException("need calls >= 1, 1 <= concurrency <= 4096, warmup >= 0, "
                        + "duration-limit > 0");
            }
            if (level != null && keyFile == null) {
                throw new IllegalArgumentException("--level needs --keyfile");
            }
            return new Options(server, rpc, name, calls, conc, warmup, limit, stats, keyFile, level);
        }
    }

    /** The outcome of one phase. */
    record Phase(long calls, long nanos, long[] latencyNanos, long errors, Throwable firstError) {
    }

    public static void main(String[] args) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("SmallCallBench: " + e.getMessage());
            System.err.println("usage: SmallCallBench --server IP --rpc vl|pt --name NAME [--calls N] "
                    + "[--concurrency C] [--warmup W] [--duration-limit SECONDS] [--stats] "
                    + "[--keyfile KEYFILE [--level clear|auth|crypt]]");
            System.exit(2);
            return;
        }
        int code;
        try {
            code = run(o);
        } catch (Exception e) {
            System.err.println("SmallCallBench: " + e);
            code = 2;
        }
        System.out.flush();
        System.exit(code);
    }

    static int run(Options o) throws Exception {
        InetAddress addr = InetAddress.getByName(o.server()); // an IP literal: no lookup
        boolean vl = o.rpc().equals("vl");
        InetSocketAddress target = new InetSocketAddress(addr, vl ? VL_PORT : PT_PORT);
        long hardStop = System.nanoTime() + secsToNanos(o.durationLimitSecs());
        try (RxEndpoint ep = RxEndpoint.builder().build()) {
            // rxkad like -localauth when a KeyFile is given (level default crypt), else rxnull
            RxSecurityClass security = o.keyFile() == null ? NullSecurity.INSTANCE
                    : RxkadSecurityClass.localAuth(java.nio.file.Path.of(o.keyFile()), null,
                            o.level() == null ? RxkadLevel.CRYPT : RxkadLevel.parse(o.level()));
            RxClient client = ep.client(target, vl ? VL_SERVICE : PT_SERVICE, security, ep.defaultCallOptions());
            RpcCaller caller = RpcCaller.of(client);
            Supplier<CompletableFuture<Object>> call;
            if (vl) {
                VlClient v = new VlClient(caller);
                call = () -> v.getEntryByName(o.name()).thenApply(e -> (Object) e.name());
            } else {
                PtClient p = new PtClient(caller);
                List<String> names = List.of(o.name());
                call = () -> p.nameToId(names).thenApply(ids -> (Object) (ids.size() == 1 ? ids.get(0) : ids));
            }

            // The first call sets the expected answer.
            Object expected;
            try {
                expected = call.get().get(Math.max(1_000_000_000L, secsToNanos(o.durationLimitSecs())), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                System.err.println("SmallCallBench: first call failed: " + RpcCalls.unwrap(e));
                printLine(o, new Phase(0, 0, new long[0], 1, e));
                return 1;
            }
            String bad = vl ? (expected.equals(o.name()) ? null : "VL entry name " + expected + " != " + o.name())
                    : (expected instanceof Integer id && id != PT_ANONYMOUS_ID ? null
                            : "PR_NameToID gave " + expected + " for " + o.name());
            if (bad != null) {
                System.err.println("SmallCallBench: " + bad);
                printLine(o, new Phase(0, 0, new long[0], 1, null));
                return 1;
            }

            // Warm-up in two phases run exactly like the measured one, so that the JIT has also
            // seen a phase end and a phase start (lanes started from this thread) before measuring.
            int[] warm = {o.warmup() - o.warmup() / 2, o.warmup() / 2};
            for (int w : warm) {
                if (w == 0) {
                    continue;
                }
                snapshot(ep.stats());
                Phase wp = runPhase(call, expected, w, o.concurrency(), hardStop, true);
                if (wp.errors() > 0) {
                    System.err.println("SmallCallBench: warm-up failed: " + describe(wp.firstError()));
                    printLine(o, new Phase(0, 0, new long[0], wp.errors(), wp.firstError()));
                    return 1;
                }
            }

            long[] before = snapshot(ep.stats());
            long cpu0 = processCpuNanos();
            long csw0 = contextSwitches();
            Map<String, Long> threads0 = threadTicks();
            Phase p = runPhase(call, expected, o.calls(), o.concurrency(), hardStop, true);
            long cpu1 = processCpuNanos();
            long csw1 = contextSwitches();
            Map<String, Long> threads1 = threadTicks();
            long[] after = snapshot(ep.stats());
            printLine(o, p);
            if (o.stats()) {
                printStats(o, p, before, after, cpu1 - cpu0, csw1 - csw0, threads0, threads1);
            }
            if (p.errors() > 0) {
                System.err.println("SmallCallBench: first error: " + describe(p.firstError()));
                return 1;
            }
            if (p.calls() < o.calls()) {
                System.err.printf(Locale.ROOT, "SmallCallBench: time limit of %.0f s reached after %d of %d calls%n",
                        o.durationLimitSecs(), p.calls(), o.calls());
                return 1;
            }
            return 0;
        }
    }

    /**
     * Runs {@code count} calls with {@code conc} in flight at all times. Each lane issues its next
     * call from the completion of the previous one (on whichever thread completes the future: the
     * endpoint's event loop), until the count is used up, the time limit passes or a call fails.
     */
    static Phase runPhase(Supplier<CompletableFuture<Object>> call, Object expected, int count, int conc,
            long hardStopNanos, boolean record) throws InterruptedException {
        long[] lat = record ? new long[count] : null;
        AtomicInteger next = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        AtomicInteger lanesLeft = new AtomicInteger(conc);
        CompletableFuture<Void> finished = new CompletableFuture<>();
        Lane lane = new Lane(call, expected, count, hardStopNanos, lat, next, done, errors, firstError,
                lanesLeft, finished);
        long t0 = System.nanoTime();
        for (int i = 0; i < conc; i++) {
            lane.startNext();
        }
        long waitNanos = Math.max(0, hardStopNanos - System.nanoTime()) + TimeUnit.SECONDS.toNanos(15);
        try {
            finished.get(waitNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // Calls still outstanding long after the limit: count the missing ones as errors.
            errors.incrementAndGet();
            firstError.compareAndSet(null, new TimeoutException("calls still outstanding after the time limit"));
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
        long elapsed = System.nanoTime() - t0;
        long n = done.get();
        long[] kept = new long[0];
        if (record) {
            // Successful calls have a latency > 0; unused or failed slots stay 0.
            kept = Arrays.stream(lat).filter(x -> x > 0).toArray();
            n = kept.length;
        }
        return new Phase(n, elapsed, kept, errors.get(), firstError.get());
    }

    /** Shared state of the lanes of one phase; {@link #startNext()} is one lane's next step. */
    private static final class Lane {
        private final Supplier<CompletableFuture<Object>> call;
        private final Object expected;
        private final int count;
        private final long hardStopNanos;
        private final long[] lat;
        private final AtomicInteger next;
        private final AtomicLong done;
        private final AtomicLong errors;
        private final AtomicReference<Throwable> firstError;
        private final AtomicInteger lanesLeft;
        private final CompletableFuture<Void> finished;

        Lane(Supplier<CompletableFuture<Object>> call, Object expected, int count, long hardStopNanos, long[] lat,
                AtomicInteger next, AtomicLong done, AtomicLong errors, AtomicReference<Throwable> firstError,
                AtomicInteger lanesLeft, CompletableFuture<Void> finished) {
            this.call = call;
            this.expected = expected;
            this.count = count;
            this.hardStopNanos = hardStopNanos;
            this.lat = lat;
            this.next = next;
            this.done = done;
            this.errors = errors;
            this.firstError = firstError;
            this.lanesLeft = lanesLeft;
            this.finished = finished;
        }

        void startNext() {
            long start = System.nanoTime();
            int i = errors.get() == 0 && start - hardStopNanos < 0 ? next.getAndIncrement() : count;
            if (i >= count) {
                if (lanesLeft.decrementAndGet() == 0) {
                    finished.complete(null);
                }
                return;
            }
            CompletableFuture<Object> f;
            try {
                f = call.get();
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            f.whenComplete((answer, failure) -> {
                long end = System.nanoTime();
                if (failure != null) {
                    fail(failure);
                } else if (!Objects.equals(answer, expected)) {
                    fail(new IllegalStateException("answer " + answer + " differs from the first answer " + expected));
                } else {
                    if (lat != null) {
                        lat[i] = Math.max(1, end - start);
                    }
                    done.incrementAndGet();
                }
                startNext();
            });
        }

        private void fail(Throwable t) {
            errors.incrementAndGet();
            firstError.compareAndSet(null, t);
        }
    }

    private static void printLine(Options o, Phase p) {
        long[] sorted = p.latencyNanos().clone();
        Arrays.sort(sorted);
        double secs = p.nanos() / 1e9;
        double rate = secs > 0 ? p.calls() / secs : 0;
        System.out.printf(Locale.ROOT, "rxgate %s conc=%d calls=%d secs=%.3f rate=%.0f p50_us=%.0f p99_us=%.0f errors=%d%n",
                o.rpc(), o.concurrency(), p.calls(), secs, rate, percentileMicros(sorted, 0.50),
                percentileMicros(sorted, 0.99), p.errors());
    }

    /** Nearest-rank percentile of sorted nanosecond values, in microseconds. */
    static double percentileMicros(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int k = (int) Math.ceil(p * sorted.length) - 1;
        k = Math.max(0, Math.min(sorted.length - 1, k));
        return sorted[k] / 1e3;
    }

    private static final String[] TYPE_NAMES = {"?", "data", "ack", "busy", "abort", "ackall", "challenge",
            "response", "debug", "params", "10", "11", "12", "version"};
    private static final RxStats.Counter[] COUNTERS = {RxStats.Counter.ACK_PACKETS_SENT,
            RxStats.Counter.PING_PACKETS_SENT, RxStats.Counter.DATA_PACKETS_RESENT,
            RxStats.Counter.DUP_PACKETS_READ, RxStats.Counter.BUSIES_RECEIVED, RxStats.Counter.BYTES_SENT,
            RxStats.Counter.BYTES_READ};

    private static long[] snapshot(RxStats s) {
        long[] v = new long[2 * RxStats.TYPES + COUNTERS.length];
        for (int t = 1; t < RxStats.TYPES; t++) {
            v[t] = s.packetsSent(t);
            v[RxStats.TYPES + t] = s.packetsRead(t);
        }
        for (int i = 0; i < COUNTERS.length; i++) {
            v[2 * RxStats.TYPES + i] = s.get(COUNTERS[i]);
        }
        return v;
    }

    /** Per-call packet counts of the measured phase, from the endpoint's own counters (stderr). */
    private static void printStats(Options o, Phase p, long[] before, long[] after, long cpuNanos, long csw,
            Map<String, Long> threads0, Map<String, Long> threads1) {
        double n = Math.max(1, p.calls());
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "rxgate-stats %s conc=%d calls=%d cpu_us/call=%.1f ctxsw/call=%s",
                o.rpc(), o.concurrency(), p.calls(), cpuNanos / 1e3 / n,
                csw < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", csw / n)));
        for (int dir = 0; dir < 2; dir++) {
            for (int t = 1; t < RxStats.TYPES; t++) {
                long d = after[dir * RxStats.TYPES + t] - before[dir * RxStats.TYPES + t];
                if (d != 0) {
                    sb.append(String.format(Locale.ROOT, " %s_%s/call=%.3f", dir == 0 ? "sent" : "read",
                            TYPE_NAMES[t], d / n));
                }
            }
        }
        for (int i = 0; i < COUNTERS.length; i++) {
            long d = after[2 * RxStats.TYPES + i] - before[2 * RxStats.TYPES + i];
            sb.append(String.format(Locale.ROOT, " %s/call=%.3f", COUNTERS[i].name().toLowerCase(Locale.ROOT), d / n));
        }
        // CPU per call of the busiest threads (clock ticks from /proc; 10 ms resolution).
        long tick = 10_000; // µs per tick at USER_HZ=100
        Map<String, Long> byName = new TreeMap<>();
        threads1.forEach((k, v) -> byName.merge(k.substring(k.indexOf(' ') + 1), v - threads0.getOrDefault(k, 0L),
                Long::sum));
        sb.append(" top_threads_cpu_us/call=");
        byName.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(5)
                .forEach(e -> sb.append(String.format(Locale.ROOT, "[%s]%.1f,", e.getKey().replace(' ', '_'),
                        e.getValue() * tick / n)));
        System.err.println(sb);
    }

    /** CPU time of the whole process (all threads: event loop, JIT, GC), or 0 if unknown. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }

    /** Voluntary + involuntary context switches of the live threads (Linux /proc), or -1. */
    private static long contextSwitches() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return -1;
        }
        long sum = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(tasks)) {
            for (Path t : ds) {
                try {
                    for (String line : Files.readAllLines(t.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")
                                || line.startsWith("nonvoluntary_ctxt_switches:")) {
                            sum += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                } catch (IOException | NumberFormatException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return sum;
    }

    /** "tid name" -> utime+stime clock ticks of each live thread (Linux /proc), empty elsewhere. */
    private static Map<String, Long> threadTicks() {
        Map<String, Long> m = new HashMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return m;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(tasks)) {
            for (Path t : ds) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String comm = stat.substring(open + 1, close);
                    String[] f = stat.substring(close + 2).split(" ");
                    // after "(comm) ": state is f[0]; utime and stime are fields 14 and 15 of stat
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    m.put(t.getFileName() + " " + comm, ticks);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return m;
        }
        return m;
    }

    private static String describe(Throwable t) {
        return t == null ? "(none)" : String.valueOf(RpcCalls.unwrap(t));
    }

    private static long secsToNanos(double secs) {
        return (long) (secs * 1e9);
    }
}
