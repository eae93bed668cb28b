package rxgate.rxrpc.cli;

import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import rxgate.rxrpc.RxCallException;
import rxgate.rxrpc.errors.AfsErrors;
import rxgate.rxrpc.services.RpcCalls;
import rxgate.rxrpc.services.debug.RxDebugUnsupportedException;

/** The error lines the CLI prints: {@code rxgate-cli: <command>: <AFS name> (<code>): <description>}. */
public final class CliErrors {
    /** Exit code of a failed RPC (or any other run-time failure). */
    public static final int EXIT_RPC = 1;
    /** Exit code of a usage error (bad option, bad argument). */
    public static final int EXIT_USAGE = 2;

    private CliErrors() {
    }

    /** The message part (after {@code rxgate-cli: <command>: }) for an Rx/AFS error code. */
    public static String codeMessage(int code) {
        String text = AfsErrors.describe(code);
        return AfsErrors.name(code) + " (" + code + "): " + (text != null ? text : "unknown error code");
    }

    /** The message part for any failure of a call. */
    public static String message(Throwable t) {
        Throwable c = RpcCalls.unwrap(t);
        if (c instanceof RxCallException rx) {
            return codeMessage(rx.code());
        }
        if (c instanceof TimeoutException) {
            return codeMessage(AfsErrors.RX_CALL_TIMEOUT);
        }
        if (c instanceof UnknownHostException) {
            return "unknown host: " + c.getMessage();
        }
        if (c instanceof RxDebugUnsupportedException) {
            return c.getMessage();
        }
        String m = c.getMessage();
        return m == null || m.isEmpty() ? c.getClass().getSimpleName() : c.getClass().getSimpleName() + ": " + m;
    }

    /** A full error line. */
    public static String line(String command, String message) {
        return "rxgate-cli: " + command + ": " + message;
    }
}
