package rxgate.rxrpc.cli;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import rxgate.rxrpc.security.NullSecurity;
import rxgate.rxrpc.security.RxSecurityClass;
import rxgate.rxrpc.services.RpcCaller;
import rxgate.rxrpc.services.ubik.UbikCaller;

/**
 * Shared plumbing of the leaf commands: one backend per run (closed at the end), waiting with a
 * deadline, and the error/exit-code conventions (1 for failed calls, 2 for usage errors).
 */
abstract class CommandBase implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private Duration waitLimit = Duration.ofSeconds(35);

    /** "vl entry", "pt examine", "rxdebug". */
    String commandName() {
        String q = spec.qualifiedName(" ");
        int sp = q.indexOf(' ');
        return sp < 0 ? q : q.substring(sp + 1);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    RxgateCli root() {
        return (RxgateCli) spec.root().userObject();
    }

    /** Prints an error line for this command. */
    void error(String message) {
        err().println(CliErrors.line(commandName(), message));
        err().flush();
    }

    @Override
    public final Integer call() {
        try {
            int rc = run();
            out().flush();
            return rc;
        } catch (ParameterException e) {
            throw e;
        } catch (CliFailure e) {
            out().flush();
            error(e.getMessage());
            return e.exitCode();
        } catch (IllegalArgumentException e) {
            out().flush();
            error(e.getMessage());
            return CliErrors.EXIT_USAGE;
        } catch (RuntimeException e) {
            out().flush();
            error(CliErrors.message(e));
            return CliErrors.EXIT_RPC;
        }
    }

    abstract int run() throws CliFailure;

    /**
     * Opens the command's backend (one endpoint) for calls limited to {@code timeoutSeconds}, with
     * the security class of the command's {@link ServerOptions} ({@code --keyfile}, {@code --token}).
     */
    CliBackend openBackend(int timeoutSeconds, int attemptsPerCall) throws CliFailure {
        if (timeoutSeconds <= 0) {
            throw new IllegalArgumentException("--timeout must be at least 1 second");
        }
        RxSecurityClass security = security();
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        waitLimit = timeout.multipliedBy(Math.max(1, attemptsPerCall)).plus(root().waitSlack());
        CliBackend backend;
        try {
            backend = root().backendFactory().open(timeout);
        } catch (RuntimeException e) {
            throw new CliFailure(CliErrors.EXIT_RPC, "cannot open an Rx endpoint: " + CliErrors.message(e));
        }
        if (security != NullSecurity.INSTANCE) {
            if (!(backend instanceof EndpointBackend eb)) {
                backend.close();
                throw new CliFailure(CliErrors.EXIT_USAGE, "this backend cannot authenticate");
            }
            eb.secure(security);
        }
        return backend;
    }

    /**
     * The security class the command's {@link ServerOptions} or {@link SecurityOptions} ask for
     * (null security without any).
     */
    RxSecurityClass security() throws CliFailure {
        if (spec != null) {
            for (CommandSpec m : spec.mixins().values()) {
                if (m.userObject() instanceof ServerOptions o) {
                    return o.security();
                }
                if (m.userObject() instanceof SecurityOptions o) {
                    return o.security();
                }
            }
        }
        return NullSecurity.INSTANCE;
    }

    /** Resolves the servers (IP literals directly, names through the resolver). */
    static List<InetSocketAddress> resolve(List<ServerSpec> specs, int defaultPort) throws CliFailure {
        List<InetSocketAddress> out = new ArrayList<>(specs.size());
        for (ServerSpec s : specs) {
            try {
                out.add(s.resolve(defaultPort));
            } catch (UnknownHostException e) {
                throw new CliFailure(CliErrors.EXIT_RPC, "unknown host: " + s.host());
            }
        }
        return out;
    }

    /** One server: calls go straight to it; several: ubik fail-over across them. */
    static RpcCaller caller(CliBackend backend, List<InetSocketAddress> servers, int serviceId) {
        if (servers.size() == 1) {
            return backend.caller(servers.get(0), serviceId);
        }
        List<RpcCaller> each = new ArrayList<>();
        for (InetSocketAddress s : servers) {
            each.add(backend.caller(s, serviceId));
        }
        return UbikCaller.builder(each).startPolicy(UbikCaller.StartPolicy.IN_ORDER).build();
    }

    /** Waits for {@code f}; a failure becomes a {@link CliFailure} with exit code 1. */
    <T> T await(CompletableFuture<T> f) throws CliFailure {
        try {
            return f.get(waitLimit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(CliErrors.EXIT_RPC, "interrupted");
        } catch (ExecutionException e) {
            throw new CliFailure(CliErrors.EXIT_RPC, CliErrors.message(e.getCause()));
        } catch (TimeoutException e) {
            f.cancel(false);
            throw new CliFailure(CliErrors.EXIT_RPC, CliErrors.message(e));
        }
    }
}
