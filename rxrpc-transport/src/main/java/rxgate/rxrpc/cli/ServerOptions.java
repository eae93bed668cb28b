package rxgate.rxrpc.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by every command that talks to database servers. */
public final class ServerOptions {

    @Option(names = "--servers", required = true, split = ",", paramLabel = ServerSpec.SYNTAX,
            converter = ServerSpecConverter.class,
            description = "Database server(s), comma-separated; IP literals are never looked up, "
                    + "host names go through the system resolver. Default port: 7003 (vl), 7002 (pt).")
    List<ServerSpec> servers = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Give up on a call after this many seconds (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--noauth", description = "Unauthenticated calls (the only kind supported for now).")
    boolean noauth;
}
