package rxgate.rxrpc.cli;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import rxgate.rxrpc.services.vl.NvldbEntry;
import rxgate.rxrpc.services.vl.VlClient;
import rxgate.rxrpc.services.vl.VlListByAttributes;
import rxgate.rxrpc.services.vl.VlNames;
import rxgate.rxrpc.services.vl.VlOpcodes;

/** {@code rxgate-cli vl …}: volume location server commands. */
@Command(name = "vl", description = "Volume location (VL) server commands.",
        subcommands = {VlCommand.Probe.class, VlCommand.Entry.class, VlCommand.ListEntries.class})
final class VlCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    /** {@code vl probe}: ProbeServer to each listed server. */
    @Command(name = "probe", description = "Check that each VL server answers (ProbeServer).")
    static final class Probe extends CommandBase {
        @Mixin
        ServerOptions server;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
        boolean help;

        @Override
        int run() throws CliFailure {
            List<InetSocketAddress> servers = resolve(server.servers, VlOpcodes.DEFAULT_PORT);
            int rc = 0;
            try (CliBackend backend = openBackend(server.timeoutSeconds, 1)) {
                for (InetSocketAddress s : servers) {
                    VlClient vl = new VlClient(backend.caller(s, VlOpcodes.SERVICE_ID));
                    String where = s.getAddress().getHostAddress() + ":" + s.getPort();
                    try {
                        await(vl.probe());
                        out().println(where + ": ok");
                    } catch (CliFailure f) {
                        out().flush();
                        error(where + ": " + f.getMessage());
                        rc = CliErrors.EXIT_RPC;
                    }
                }
            }
            return rc;
        }
    }

    /** {@code vl entry NAME|ID}: GetEntryByNameN, printed like {@code vos listvldb -name}. */
    @Command(name = "entry", description = "Show a VLDB entry like 'vos listvldb -name NAME -noresolve'.")
    static final class Entry extends CommandBase {
        @Mixin
        ServerOptions server;

        @Parameters(index = "0", paramLabel = "NAME|ID",
                description = "Volume name (also NAME.readonly / NAME.backup) or numeric volume id.")
        String volume;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
        boolean help;

        @Override
        int run() throws CliFailure {
            VlNames.requireLegal(volume);
            List<InetSocketAddress> servers = resolve(server.servers, VlOpcodes.DEFAULT_PORT);
            try (CliBackend backend = openBackend(server.timeoutSeconds, servers.size())) {
                VlClient vl = new VlClient(caller(backend, servers, VlOpcodes.SERVICE_ID));
                NvldbEntry e = await(vl.getEntryByName(volume));
                out().print(VosFormat.entry(e));
            }
            return 0;
        }
    }

    /** {@code vl list [--prefix P]}: ListAttributesN (mask 0), filtered here. */
    @Command(name = "list", description = "List VLDB entries like 'vos listvldb -noresolve' (ListAttributesN).")
    static final class ListEntries extends CommandBase {
        @Mixin
        ServerOptions server;

        @Option(names = "--prefix", paramLabel = "P", description = "Only names starting with P.")
        String prefix;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
        boolean help;

        @Override
        int run() throws CliFailure {
            List<InetSocketAddress> servers = resolve(server.servers, VlOpcodes.DEFAULT_PORT);
            try (CliBackend backend = openBackend(server.timeoutSeconds, servers.size())) {
                VlClient vl = new VlClient(caller(backend, servers, VlOpcodes.SERVICE_ID));
                List<NvldbEntry> all = await(vl.listAttributes(VlListByAttributes.all()));
                List<NvldbEntry> shown = prefix == null ? all
                        : all.stream().filter(e -> e.name().startsWith(prefix)).toList();
                out().print(VosFormat.list(shown));
            }
            return 0;
        }
    }
}
