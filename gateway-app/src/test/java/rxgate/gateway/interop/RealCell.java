package rxgate.gateway.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The real OpenAFS cell the interop profile brought up (interop/openafs-cell.sh): its fixtures,
 * and OpenAFS's own tools run against it (with -localauth, -noresolve: nothing leaves the machine).
 */
public final class RealCell {
    private final Map<String, String> env;

    private RealCell(Map<String, String> env) {
        this.env = env;
    }

    /** Reads $RXG_STATE/fixtures.env (default /tmp/rxgate-cell). */
    public static RealCell load() {
        String state = System.getenv().getOrDefault("RXG_STATE", "/tmp/rxgate-cell");
        Map<String, String> m = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of(state, "fixtures.env"), StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    m.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("no fixtures: is the cell up (interop/openafs-cell.sh up)?", e);
        }
        return new RealCell(m);
    }

    public String get(String key) {
        String v = env.get(key);
        if (v == null) {
            throw new IllegalStateException("fixtures.env has no " + key);
        }
        return v;
    }

    public String cell() {
        return get("RXG_CELL");
    }

    /** The database servers: RXG_DB_SERVERS when the cell has several, else RXG_SERVER. */
    public List<String> dbServers() {
        String many = env.get("RXG_DB_SERVERS");
        return many != null ? List.of(many.split(",")) : List.of(get("RXG_SERVER"));
    }

    /**
     * The gateway's {@code rxgate.cells[0]}: this cell, all its database servers, rxkad crypt
     * with the cell's KeyFile (for a {@code @DynamicPropertySource}).
     */
    public static void registerCell(DynamicPropertyRegistry r, RealCell cell) {
        r.add("rxgate.cells[0].name", cell::cell);
        for (int i = 0; i < cell.dbServers().size(); i++) {
            String s = cell.dbServers().get(i);
            r.add("rxgate.cells[0].db-servers[" + i + "]", () -> s);
        }
        r.add("rxgate.cells[0].security", () -> "crypt");
        r.add("rxgate.cells[0].key-file", () -> cell.get("RXG_KEYFILE"));
    }

    /** The result of a tool run. */
    public record Result(int exit, String out) {
    }

    /** Runs a command (bounded to {@code seconds}), stdout and stderr together. */
    public static Result run(long seconds, String... command) {
        try {
            Path out = Files.createTempFile("rxgate-tool", ".out");
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(out.toFile()).start();
                if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + ": no answer in " + seconds + " s");
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1)); // tools print raw bytes too
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code pts ARGS -cell CELL -localauth}. */
    public Result pts(String... args) {
        return tool("pts", List.of("-cell", cell(), "-localauth"), args);
    }

    /** {@code vos ARGS -cell CELL -localauth -noresolve}. */
    public Result vos(String... args) {
        return tool("vos", List.of("-cell", cell(), "-localauth", "-noresolve"), args);
    }

    private static Result tool(String name, List<String> tail, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(name);
        cmd.addAll(List.of(args));
        cmd.addAll(tail);
        return run(60, cmd.toArray(String[]::new));
    }
}
