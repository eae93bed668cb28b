package rxgate.rxrpc.cli;

import java.net.InetSocketAddress;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import rxgate.rxrpc.services.debug.RxDebugClient;
import rxgate.rxrpc.services.debug.RxDebugConstants;
import rxgate.rxrpc.services.debug.RxDebugReport;

/**
 * {@code rxgate-cli rxdebug HOST [PORT] …}: the same queries and output as OpenAFS's rxdebug.
 * rxdebug's single-dash option spellings are accepted too.
 */
@Command(name = "rxdebug", description = "Query an Rx server's debug interface, printing what OpenAFS rxdebug prints.")
final class RxDebugCommand extends CommandBase {

    @Parameters(index = "0", paramLabel = "HOST", converter = ServerSpecConverter.class,
            description = "Server (IP literal or host name; HOST:PORT also accepted).")
    ServerSpec host;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PORT", description = "UDP port (default 7000).")
    Integer port;

    @Option(names = {"--version", "-version"}, description = "Show the server's version string only.")
    boolean version;

    @Option(names = {"--rxstats", "--stats", "-rxstats"}, description = "Show Rx statistics.")
    boolean rxStats;

    @Option(names = {"--noconns", "-noconns"}, description = "Do not list connections.")
    boolean noConns;

    @Option(names = {"--allconnections", "-allconnections"}, description = "List all connections, not only interesting ones.")
    boolean allConnections;

    @Option(names = {"--peers", "-peers"}, description = "List peers.")
    boolean peers;

    @Option(names = {"--long", "-long"}, description = "More peer detail.")
    boolean showLong;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Give up on each query after this many seconds (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Override
    int run() throws CliFailure {
        if (port != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("port out of range 1..65535: " + port);
        }
        int defaultPort = port != null ? port : host.port().orElse(RxDebugConstants.DEFAULT_PORT);
        InetSocketAddress target = resolve(List.of(host), defaultPort).get(0);
        if (port != null) {
            target = new InetSocketAddress(target.getAddress(), port);
        }
        try (CliBackend backend = openBackend(timeoutSeconds, 1)) {
            RxDebugReport report = new RxDebugReport(new RxDebugClient(backend.debugChannel(target)), root().clock());
            RxDebugReport.Result r = await(report.run(new RxDebugReport.Options(version, rxStats, noConns,
                    allConnections, peers, showLong)));
            out().print(r.stdout());
            out().flush();
            if (!r.stderr().isEmpty()) {
                err().print(r.stderr());
                err().flush();
            }
            if (r.failure() != null) {
                error(CliErrors.message(r.failure()));
                return CliErrors.EXIT_RPC;
            }
        }
        return 0;
    }
}
