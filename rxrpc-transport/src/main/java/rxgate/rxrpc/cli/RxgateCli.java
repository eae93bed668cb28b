package rxgate.rxrpc.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code rxgate-cli}: talks to AFS servers through rxgate's Rx transport.
 *
 * <pre>
 * rxgate-cli vl entry   --servers HOST[:PORT][,HOST…] NAME|ID
 * rxgate-cli vl probe   --servers HOST[,HOST…]
 * rxgate-cli vl list    --servers … [--prefix P]
 * rxgate-cli pt examine --servers … NAME|ID…
 * rxgate-cli pt nametoid|idtoname|members --servers … ARGS…
 * rxgate-cli rxdebug HOST [PORT] [--version] [--rxstats] [--noconns] [--peers] [--allconnections] [--long]
 * rxgate-cli perf server [--port P] [--bind ADDR]
 * rxgate-cli perf client --host H [--port P] --rpc|--send|--recv [--count N] [--size BYTES] [--concurrency C]
 * </pre>
 *
 * Exit codes: 0 success, 1 a call failed ({@code rxgate-cli: <command>: <AFS name> (<code>):
 * <description>} on stderr), 2 usage error.
 */
@Command(name = "rxgate-cli", mixinStandardHelpOptions = true, versionProvider = RxgateCli.Version.class,
        description = "Talk to AFS servers (VL, PT, rxdebug, rxperf) over rxgate's pure-Java RxRPC.",
        subcommands = {VlCommand.class, PtCommand.class, RxDebugCommand.class, PerfCommand.class,
                FsCommand.class, CommandLine.HelpCommand.class})
public final class RxgateCli implements Runnable {

    @Spec
    CommandSpec spec;

    private final CliBackend.Factory backendFactory;
    private final Clock clock;
    private Duration waitSlack = Duration.ofSeconds(5);

    public RxgateCli() {
        this(EndpointBackend::open, Clock.systemUTC());
    }

    /** A CLI whose commands talk through {@code backendFactory} (tests pass canned replies). */
    public RxgateCli(CliBackend.Factory backendFactory, Clock clock) {
        this.backendFactory = Objects.requireNonNull(backendFactory);
        this.clock = Objects.requireNonNull(clock);
    }

    CliBackend.Factory backendFactory() {
        return backendFactory;
    }

    Clock clock() {
        return clock;
    }

    /** How much longer than the call timeout a command waits before giving up itself (default 5 s). */
    Duration waitSlack() {
        return waitSlack;
    }

    /** Sets {@link #waitSlack()} (tests shorten it). */
    RxgateCli waitSlack(Duration d) {
        this.waitSlack = Objects.requireNonNull(d);
        return this;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int rc = execute(new RxgateCli(), args, out, err);
        out.flush();
        err.flush();
        System.exit(rc);
    }

    /** Runs the CLI with the given output streams; returns the exit code. */
    public static int execute(RxgateCli cli, String[] args, PrintWriter out, PrintWriter err) {
        return commandLine(cli, out, err).execute(args);
    }

    /** The configured picocli command line (for tests and embedding). */
    public static CommandLine commandLine(RxgateCli cli, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(cli);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            String qn = c.getCommandSpec().qualifiedName(" ");
            int sp = qn.indexOf(' ');
            String cmd = sp < 0 ? qn : qn.substring(sp + 1);
            PrintWriter e = c.getErr();
            e.println(CliErrors.line(cmd, ex.getMessage()));
            e.println("Try '" + qn + " --help' for more information.");
            e.flush();
            return CliErrors.EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            PrintWriter e = c.getErr();
            String qn = c.getCommandSpec().qualifiedName(" ");
            int sp = qn.indexOf(' ');
            e.println(CliErrors.line(sp < 0 ? qn : qn.substring(sp + 1), CliErrors.message(ex)));
            e.flush();
            return CliErrors.EXIT_RPC;
        });
        return cl;
    }

    /** Version from the jar manifest, if any. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = RxgateCli.class.getPackage().getImplementationVersion();
            return new String[] {"rxgate-cli " + (v != null ? v : "0.1.0-SNAPSHOT")};
        }
    }
}
