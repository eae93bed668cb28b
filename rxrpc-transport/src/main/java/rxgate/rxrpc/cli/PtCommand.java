package rxgate.rxrpc.cli;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import rxgate.rxrpc.errors.AfsErrors;
import rxgate.rxrpc.services.pt.PtClient;
import rxgate.rxrpc.services.pt.PtConstants;
import rxgate.rxrpc.services.pt.PtEntry;
import rxgate.rxrpc.services.pt.PtIdList;
import rxgate.rxrpc.services.pt.PtOpcodes;

/** {@code rxgate-cli pt …}: protection server commands. */
@Command(name = "pt", description = "Protection (PT) server commands.",
        subcommands = {PtCommand.Examine.class, PtCommand.NameToId.class, PtCommand.IdToName.class,
            PtCommand.Members.class})
final class PtCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    /** A user or group named on the command line, with its id. */
    record Target(String name, int id) {
    }

    /** Base of the PT leaf commands: server options and the pts name-or-id resolution. */
    abstract static class PtBase extends CommandBase {
        @Mixin
        ServerOptions server;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
        boolean help;

        CliBackend backend;
        PtClient pt;

        @Override
        final int run() throws CliFailure {
            List<InetSocketAddress> servers = resolve(server.servers, PtOpcodes.DEFAULT_PORT);
            try (CliBackend b = openBackend(server.timeoutSeconds, servers.size())) {
                backend = b;
                pt = new PtClient(caller(b, servers, PtOpcodes.SERVICE_ID));
                return runPt();
            }
        }

        abstract int runPt() throws CliFailure;

        /**
         * pts's GetNameOrId: an argument that NameToID knows is a name; otherwise a number is an
         * id; otherwise it is an unknown name (reported as PRNOENT). Names come first in the
         * result, then ids, as pts orders them.
         */
        List<Target> resolveTargets(List<String> args, List<Integer> failures) throws CliFailure {
            List<Integer> ids = await(pt.nameToId(args));
            List<Target> named = new ArrayList<>();
            List<Integer> numeric = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                int id = i < ids.size() ? ids.get(i) : PtConstants.ANONYMOUSID;
                if (id != PtConstants.ANONYMOUSID) {
                    named.add(new Target(a, id));
                } else {
                    Integer n = parseInt(a);
                    if (n != null) {
                        numeric.add(n);
                    } else {
                        error(CliErrors.codeMessage(AfsErrors.PRNOENT) + " (" + a + ")");
                        failures.add(AfsErrors.PRNOENT);
                    }
                }
            }
            if (!numeric.isEmpty()) {
                List<String> names = await(pt.idToName(numeric));
                for (int i = 0; i < numeric.size(); i++) {
                    named.add(new Target(i < names.size() ? names.get(i) : Integer.toString(numeric.get(i)),
                            numeric.get(i)));
                }
            }
            return named;
        }

        static Integer parseInt(String s) {
            try {
                return Integer.valueOf(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** {@code pt examine NAME|ID…}: like {@code pts examine}. */
    @Command(name = "examine", description = "Show a user or group like 'pts examine'.")
    static final class Examine extends PtBase {
        @Parameters(arity = "1..*", paramLabel = "NAME|ID", description = "User or group names or ids.")
        List<String> targets;

        @Override
        int runPt() throws CliFailure {
            List<Integer> failures = new ArrayList<>();
            for (Target t : resolveTargets(targets, failures)) {
                if (t.id() == PtConstants.ANONYMOUSID) {
                    continue; // as pts: never examined
                }
                try {
                    PtEntry e = await(pt.listEntry(t.id()));
                    List<String> oc = await(pt.idToName(List.of(e.owner(), e.creator())));
                    boolean admin = e.id() == PtConstants.SYSADMINID || isAdmin(e.id());
                    out().print(PtsFormat.examine(e, oc.get(0), oc.get(1), admin));
                } catch (CliFailure f) {
                    out().flush();
                    error(f.getMessage() + " (id: " + t.id() + ")");
                    failures.add(f.exitCode());
                }
            }
            return failures.isEmpty() ? 0 : CliErrors.EXIT_RPC;
        }

        /** pts ignores IsAMemberOf failures (the quota is then shown as a number). */
        private boolean isAdmin(int id) {
            try {
                return await(pt.isAMemberOf(id, PtConstants.SYSADMINID));
            } catch (CliFailure f) {
                return false;
            }
        }
    }

    /** {@code pt nametoid NAME…}: one "NAME ID" line per name (32766 = unknown). */
    @Command(name = "nametoid", description = "Translate names to ids (NameToID); prints 'NAME ID' lines.")
    static final class NameToId extends PtBase {
        @Parameters(arity = "1..*", paramLabel = "NAME")
        List<String> names;

        @Override
        int runPt() throws CliFailure {
            List<Integer> ids = await(pt.nameToId(names));
            for (int i = 0; i < names.size() && i < ids.size(); i++) {
                out().println(names.get(i) + " " + ids.get(i));
            }
            return 0;
        }
    }

    /** {@code pt idtoname ID…}: one "ID NAME" line per id (unknown ids come back as numbers). */
    @Command(name = "idtoname", description = "Translate ids to names (IDToName); prints 'ID NAME' lines.")
    static final class IdToName extends PtBase {
        @Parameters(arity = "1..*", paramLabel = "ID")
        List<Integer> ids;

        @Override
        int runPt() throws CliFailure {
            List<String> names = await(pt.idToName(ids));
            for (int i = 0; i < ids.size() && i < names.size(); i++) {
                out().println(ids.get(i) + " " + names.get(i));
            }
            return 0;
        }
    }

    /** {@code pt members NAME|ID}: like {@code pts membership}. */
    @Command(name = "members", description = "List a group's members or a user's groups like 'pts membership'.")
    static final class Members extends PtBase {
        @Parameters(arity = "1..*", paramLabel = "NAME|ID")
        List<String> targets;

        @Override
        int runPt() throws CliFailure {
            List<Integer> failures = new ArrayList<>();
            for (Target t : resolveTargets(targets, failures)) {
                if (t.id() == PtConstants.ANONYMOUSID) {
                    continue;
                }
                try {
                    PtIdList list = await(pt.listElements(t.id()));
                    List<String> names = list.ids().isEmpty() ? List.of() : await(pt.idToName(list.ids()));
                    out().print(PtsFormat.membership(t.name(), t.id(), names));
                } catch (CliFailure f) {
                    out().flush();
                    error(f.getMessage() + " (" + t.name() + ", id: " + t.id() + ")");
                    failures.add(f.exitCode());
                }
            }
            return failures.isEmpty() ? 0 : CliErrors.EXIT_RPC;
        }
    }
}
