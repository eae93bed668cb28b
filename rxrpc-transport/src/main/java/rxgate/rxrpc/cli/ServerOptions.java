package rxgate.rxrpc.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import rxgate.rxrpc.security.RxSecurityClass;

/** Options shared by every command that talks to database servers: where, how long, and {@link SecurityOptions}. */
public final class ServerOptions {

    @Option(names = "--servers", required = true, split = ",", paramLabel = ServerSpec.SYNTAX,
            converter = ServerSpecConverter.class,
            description = "Database server(s), comma-separated; IP literals are never looked up, "
                    + "host names go through the system resolver. Default port: 7003 (vl), 7002 (pt).")
    List<ServerSpec> servers = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Give up on a call after this many seconds (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Mixin
    SecurityOptions auth = new SecurityOptions();

    /** The security class these options ask for; usage errors (exit 2) for bad combinations or files. */
    RxSecurityClass security() throws CliFailure {
        return auth.security();
    }
}
