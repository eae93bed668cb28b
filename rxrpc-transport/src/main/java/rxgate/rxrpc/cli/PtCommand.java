package rxgate.rxrpc.cli;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
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
            PtCommand.Members.class, PtCommand.CreateUser.class, PtCommand.CreateGroup.class, PtCommand.Delete.class,
            PtCommand.AddUser.class, PtCommand.RemoveUser.class})
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

        /**
         * Runs {@code action} for each item, as pts does: a refusal is reported on stderr with its
         * error name and the item, and the others still run; exit 1 if any failed.
         */
        <T> int forEach(List<T> items, Action<T> action, java.util.function.Function<T, String> what)
                throws CliFailure {
            boolean failed = false;
            for (T item : items) {
                try {
                    action.run(item);
                } catch (CliFailure f) {
                    out().flush();
                    error(f.getMessage() + "; unable to " + what.apply(item));
                    failed = true;
                }
            }
            return failed ? CliErrors.EXIT_RPC : 0;
        }

        /** A name or id that must exist (PRNOENT otherwise). */
        int idOf(String nameOrId) throws CliFailure {
            int id = await(pt.nameToId(List.of(nameOrId))).get(0);
            if (id != PtConstants.ANONYMOUSID) {
                return id;
            }
            Integer n = parseInt(nameOrId);
            if (n != null) {
                return n;
            }
            throw new CliFailure(CliErrors.EXIT_RPC, CliErrors.codeMessage(AfsErrors.PRNOENT) + " (" + nameOrId + ")");
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

    /** One step of a pts-style loop that may fail with a {@link CliFailure}. */
    @FunctionalInterface
    interface Action<T> {
        void run(T item) throws CliFailure;
    }

    /** Base of createuser/creategroup: PR_NewEntry, or PR_INewEntry for names given an --id. */
    abstract static class Create extends PtBase {
        @Parameters(arity = "1..*", paramLabel = "NAME")
        List<String> names;

        @Option(names = "--id", split = ",", paramLabel = "ID",
                description = "Ids to give, in the order of the names (users positive, groups negative).")
        List<Integer> ids = new ArrayList<>();

        /** {@link PtConstants#PRUSER} or {@link PtConstants#PRGRP}. */
        abstract int flag();

        /** "User" or "group", as pts prints it. */
        abstract String kind();

        /** The owner id to pass (0 = the caller). */
        int owner() throws CliFailure {
            return 0;
        }

        @Override
        int runPt() throws CliFailure {
            if (ids.size() > names.size()) {
                throw new CliFailure(CliErrors.EXIT_USAGE, "more --id values than names");
            }
            boolean group = flag() == PtConstants.PRGRP;
            int oid = owner();
            return forEach(indexes(names.size()), i -> {
                String name = names.get(i);
                int id;
                if (i < ids.size()) {
                    id = ids.get(i);
                    if (id == 0 || (id < 0) != group) {
                        throw new CliFailure(CliErrors.EXIT_USAGE, kind() + " id " + id + " must be "
                                + (group ? "negative" : "positive"));
                    }
                    await(pt.newEntryWithId(name, id, oid));
                } else {
                    id = await(pt.newEntry(name, flag(), oid));
                }
                out().println(kind() + " " + name + " has id " + id);
            }, i -> "create " + kind().toLowerCase(java.util.Locale.ROOT) + " " + names.get(i));
        }
    }

    /** {@code pt createuser NAME… [--id ID…]}: like {@code pts createuser}. */
    @Command(name = "createuser", description = "Create users like 'pts createuser'; prints 'User NAME has id ID'.")
    static final class CreateUser extends Create {
        @Override
        int flag() {
            return PtConstants.PRUSER;
        }

        @Override
        String kind() {
            return "User";
        }
    }

    /** {@code pt creategroup NAME… [--owner NAME|ID] [--id ID…]}: like {@code pts creategroup}. */
    @Command(name = "creategroup", description = "Create groups like 'pts creategroup'; prints 'group NAME has id ID'.")
    static final class CreateGroup extends Create {
        @Option(names = "--owner", paramLabel = "NAME|ID", description = "Owner of the groups (default: the caller).")
        String ownerName;

        @Override
        int flag() {
            return PtConstants.PRGRP;
        }

        @Override
        String kind() {
            return "group";
        }

        @Override
        int owner() throws CliFailure {
            return ownerName == null ? 0 : idOf(ownerName);
        }
    }

    /** {@code pt delete NAME|ID…}: like {@code pts delete}. */
    @Command(name = "delete", description = "Delete users or groups like 'pts delete'.")
    static final class Delete extends PtBase {
        @Parameters(arity = "1..*", paramLabel = "NAME|ID")
        List<String> targets;

        @Override
        int runPt() throws CliFailure {
            return forEach(targets, t -> await(pt.delete(idOf(t))), t -> "delete " + t);
        }
    }

    /** Base of adduser/removeuser: every user against every group, as pts does. */
    abstract static class Membership extends PtBase {
        @Option(names = "--user", required = true, split = ",", paramLabel = "NAME|ID", description = "Users.")
        List<String> users;

        @Option(names = "--group", required = true, split = ",", paramLabel = "NAME|ID", description = "Groups.")
        List<String> groups;

        abstract CompletableFuture<Void> change(int uid, int gid);

        abstract String verb();

        @Override
        int runPt() throws CliFailure {
            List<String[]> pairs = new ArrayList<>();
            for (String g : groups) {
                for (String u : users) {
                    pairs.add(new String[] {u, g});
                }
            }
            return forEach(pairs, p -> await(change(idOf(p[0]), idOf(p[1]))),
                    p -> verb() + " " + p[0] + (verb().equals("add") ? " to " : " from ") + p[1]);
        }
    }

    /** {@code pt adduser --user U… --group G…}: like {@code pts adduser}. */
    @Command(name = "adduser", description = "Add users to groups like 'pts adduser'.")
    static final class AddUser extends Membership {
        @Override
        CompletableFuture<Void> change(int uid, int gid) {
            return pt.addToGroup(uid, gid);
        }

        @Override
        String verb() {
            return "add";
        }
    }

    /** {@code pt removeuser --user U… --group G…}: like {@code pts removeuser}. */
    @Command(name = "removeuser", description = "Remove users from groups like 'pts removeuser'.")
    static final class RemoveUser extends Membership {
        @Override
        CompletableFuture<Void> change(int uid, int gid) {
            return pt.removeFromGroup(uid, gid);
        }

        @Override
        String verb() {
            return "remove";
        }
    }

    static List<Integer> indexes(int n) {
        List<Integer> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(i);
        }
        return l;
    }
}
