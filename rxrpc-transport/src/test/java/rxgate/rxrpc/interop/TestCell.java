package rxgate.rxrpc.interop;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The real OpenAFS cell that {@code interop/openafs-cell.sh up} started in a network namespace,
 * described by the {@code fixtures.env} it wrote ({@code $RXG_STATE}, default /tmp/rxgate-cell).
 */
final class TestCell {
    private final Path state;
    private final Map<String, String> values;

    private TestCell(Path state, Map<String, String> values) {
        this.state = state;
        this.values = values;
    }

    static TestCell load() {
        String dir = System.getenv().getOrDefault("RXG_STATE", "/tmp/rxgate-cell");
        Path state = Path.of(dir);
        Path env = state.resolve("fixtures.env");
        if (!Files.isRegularFile(env)) {
            throw new IllegalStateException("no OpenAFS test cell: " + env
                    + " is missing; run 'interop/openafs-cell.sh up' as root (the interop profile does)");
        }
        Map<String, String> v = new HashMap<>();
        try {
            for (String line : Files.readAllLines(env)) {
                line = line.trim();
                if (line.isEmpty() || line.startsWith("#") || !line.contains("=")) {
                    continue;
                }
                int eq = line.indexOf('=');
                String value = line.substring(eq + 1).trim();
                if (value.length() >= 2 && (value.startsWith("'") || value.startsWith("\""))) {
                    value = value.substring(1, value.length() - 1);
                }
                v.put(line.substring(0, eq).trim(), value);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + env, e);
        }
        return new TestCell(state, v);
    }

    String get(String key) {
        String s = values.get(key);
        if (s == null) {
            throw new IllegalStateException("fixtures.env has no " + key);
        }
        return s;
    }

    int getInt(String key) {
        return Integer.parseInt(get(key));
    }

    Path state() {
        return state;
    }

    String cellName() {
        return get("RXG_CELL");
    }

    /** The database/file server's address inside the namespace (an IP literal: no DNS). */
    InetAddress serverAddress() {
        try {
            return InetAddress.getByAddress(parseIpv4(get("RXG_SERVER")));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    InetSocketAddress vl() {
        return new InetSocketAddress(serverAddress(), getInt("RXG_VL_PORT"));
    }

    InetSocketAddress pt() {
        return new InetSocketAddress(serverAddress(), getInt("RXG_PT_PORT"));
    }

    InetSocketAddress fs() {
        return new InetSocketAddress(serverAddress(), getInt("RXG_FS_PORT"));
    }

    static byte[] parseIpv4(String s) {
        String[] parts = s.split("\\.");
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 literal: " + s);
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) Integer.parseInt(parts[i]);
        }
        return b;
    }
}
