package rxgate.rxrpc.errors;

import java.util.HashMap;
import java.util.Map;

/**
 * Names of Rx, rxgen and AFS service error codes (see shared docs: rxrpc-protocol.md §6.1,
 * afs-rpcs.md §1.5-§3.3). Unknown codes are named by their number.
 */
public final class AfsErrors {
    private static final Map<Integer, String[]> TABLE = new HashMap<>();

    static {
        add(-1, "RX_CALL_DEAD", "peer silent or call killed");
        add(-2, "RX_INVALID_OPERATION", "invalid operation (unknown service or security class)");
        add(-3, "RX_CALL_TIMEOUT", "call timed out");
        add(-4, "RX_EOF", "unexpected end of stream");
        add(-5, "RX_PROTOCOL_ERROR", "protocol error");
        add(-6, "RX_USER_ABORT", "call aborted by user");
        add(-7, "RX_ADDRINUSE", "address in use");
        add(-8, "RX_MSGSIZE", "message too large");
        add(-100, "RX_RESTARTING", "server restarting");
        add(-450, "RXGEN_CC_MARSHAL", "client failed to marshal arguments");
        add(-451, "RXGEN_CC_UNMARSHAL", "client failed to unmarshal reply");
        add(-452, "RXGEN_SS_MARSHAL", "server failed to marshal reply");
        add(-453, "RXGEN_SS_UNMARSHAL", "server failed to unmarshal arguments");
        add(-454, "RXGEN_DECODE", "server could not decode the opcode");
        add(-455, "RXGEN_OPCODE", "opcode not implemented by the server");
        add(-456, "RXGEN_SS_XDRFREE", "server XDR free failed");
        add(-457, "RXGEN_CC_XDRFREE", "client XDR free failed");
    }

    private AfsErrors() {
    }

    private static void add(int code, String name, String text) {
        TABLE.put(code, new String[] {name, text});
    }

    /** The symbolic name of {@code code}, or the number itself if unknown. */
    public static String name(int code) {
        String[] e = TABLE.get(code);
        return e != null ? e[0] : Integer.toString(code);
    }

    /** A short description of {@code code}, or {@code null} if unknown. */
    public static String describe(int code) {
        String[] e = TABLE.get(code);
        return e != null ? e[1] : null;
    }
}
