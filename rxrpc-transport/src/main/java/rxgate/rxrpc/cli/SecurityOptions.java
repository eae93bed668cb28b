package rxgate.rxrpc.cli;

import java.io.IOException;
import java.nio.file.Path;
import rxgate.rxrpc.security.NullSecurity;
import rxgate.rxrpc.security.RxSecurityClass;
import rxgate.rxrpc.security.rxkad.RxkadLevel;
import rxgate.rxrpc.security.rxkad.RxkadSecurityClass;
import picocli.CommandLine.Option;

/**
 * How a command authenticates to the servers it calls: {@code --noauth}, {@code --keyfile} (with
 * {@code --kvno}) like {@code -localauth}, or {@code --token}, at {@code --level}. Every command
 * that talks to a server takes these (through {@link ServerOptions}, or directly).
 */
public final class SecurityOptions {

    @Option(names = "--noauth", description = "Unauthenticated calls (the default without --keyfile/--token).")
    boolean noauth;

    @Option(names = "--keyfile", paramLabel = "PATH",
            description = "rxkad like -localauth: forge a ticket for the superuser 'afs' from this OpenAFS KeyFile "
                    + "(e.g. /etc/openafs/server/KeyFile).")
    Path keyFile;

    @Option(names = "--kvno", paramLabel = "N", description = "With --keyfile: the key version (default: the highest).")
    Integer kvno;

    @Option(names = "--token", paramLabel = "PATH",
            description = "rxkad with the credentials of a token file (kvno, session-key, ticket, expires).")
    Path tokenFile;

    @Option(names = "--level", paramLabel = "clear|auth|crypt",
            description = "rxkad protection level with --keyfile or --token (default: crypt).")
    String level;

    /** The security class these options ask for; usage errors (exit 2) for bad combinations or files. */
    RxSecurityClass security() throws CliFailure {
        if (keyFile != null && tokenFile != null) {
            throw usage("--keyfile and --token exclude each other");
        }
        if (noauth && (keyFile != null || tokenFile != null)) {
            throw usage("--noauth excludes --keyfile and --token");
        }
        if (keyFile == null && tokenFile == null) {
            if (kvno != null || level != null) {
                throw usage((kvno != null ? "--kvno" : "--level") + " needs --keyfile or --token");
            }
            return NullSecurity.INSTANCE;
        }
        if (kvno != null && keyFile == null) {
            throw usage("--kvno needs --keyfile");
        }
        RxkadLevel l;
        try {
            l = level == null ? RxkadLevel.CRYPT : RxkadLevel.parse(level);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        try {
            if (keyFile != null) {
                return RxkadSecurityClass.localAuth(keyFile, kvno, l);
            }
            return RxkadSecurityClass.fromTokenFile(tokenFile, l);
        } catch (IOException | IllegalArgumentException e) { // messages name files and kvnos, never secrets
            throw usage(e.getMessage());
        }
    }

    private static CliFailure usage(String message) {
        return new CliFailure(CliErrors.EXIT_USAGE, message);
    }
}
