package rxgate.gateway.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import rxgate.gateway.api.Http;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A database server of the real cell (three of them, each in its own network namespace:
 * {@code RXG_DBSERVERS=3}) stops while the gateway serves: lookups fail over to the other
 * servers, health reports the stopped one DOWN and the others UP, and its circuit breaker opens.
 * When it is started again, the probes through its breaker close the breaker and health says UP.
 * Stopping one of three keeps ubik's quorum, and VL/PT reads are served by any server holding
 * the database, so the lookups never need a new election.
 *
 * <p>Three ubik servers need about 80 s to elect a sync site, too long for every interop run,
 * so the interop profile's cell has one database server and this class brings up its own
 * three-server cell (same authorization mode and key) and puts the previous layout back
 * afterwards. A cell that already has three database servers is used as it is.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class DbFailoverIT {
    static RealCell CELL;
    /** The cell found before ours (null: none), to put back afterwards; null when ours is not needed. */
    static RealCell before;
    static boolean ownCell;
    static final Path SCRIPT = Path.of(System.getProperty("user.dir")).resolve("../interop/openafs-cell.sh")
            .normalize();
    static final int VL_PORT = 7003;
    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void cell(DynamicPropertyRegistry r) {
        RealCell.registerCell(r, CELL);
        // quick to notice and quick to forgive, so the test takes seconds, not minutes
        r.add("resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state", () -> "2s");
        r.add("resilience4j.circuitbreaker.configs.default.minimum-number-of-calls", () -> "3");
        r.add("resilience4j.circuitbreaker.configs.default.sliding-window-size", () -> "5");
        r.add("resilience4j.timelimiter.configs.default.timeout-duration", () -> "3s");
        r.add("rxgate.transport.dead-time", () -> "3s");
        r.add("rxgate.pool.probe-interval", () -> "2s");
    }

    @BeforeAll
    static void threeDatabaseServers() {
        try {
            before = RealCell.load();
        } catch (UncheckedIOException noCell) {
            before = null;
        }
        if (before != null && before.dbServers().size() >= 3) {
            CELL = before;
            return;
        }
        ownCell = true;
        List<String> up = new ArrayList<>(List.of("env", "RXG_DBSERVERS=3"));
        up.add("RXG_AUTH=" + (before == null ? "1" : before.get("RXG_AUTH")));
        if (before != null) {
            up.add("RXG_KEY_HEX=" + before.get("RXG_KEY_HEX")); // contexts of other classes keep working
        }
        long t0 = System.nanoTime();
        run(300, up, "up");
        System.out.printf("[DbFailoverIT] three-server cell up in %d ms%n", millisSince(t0));
        CELL = RealCell.load();
    }

    @AfterAll
    static void previousLayout() {
        if (!ownCell) {
            return;
        }
        if (before == null) {
            run(120, List.of(), "down");
        } else {
            run(300, List.of("env", "RXG_AUTH=" + before.get("RXG_AUTH"), "RXG_KEY_HEX=" + before.get("RXG_KEY_HEX")),
                    "up");
        }
    }

    @LocalServerPort
    int port;

    Http http;
    String stopped;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @AfterEach
    void restartIfNeeded() {
        if (stopped != null) {
            script("start-dbserver", stopped);
            stopped = null;
        }
    }

    @Test
    void aStoppedDatabaseServerIsFailedOverReportedDownAndProbedBack() throws Exception {
        List<String> servers = CELL.dbServers();
        assertThat(servers).as("this test needs the cell with several database servers (RXG_DBSERVERS=3)")
                .hasSizeGreaterThanOrEqualTo(3);

        // all lookups work, and every server is healthy with a closed breaker
        for (int i = 0; i < 10; i++) {
            lookups(Duration.ofSeconds(10));
        }
        await("every database server UP with a CLOSED breaker", Duration.ofSeconds(30), () -> {
            JsonNode h = health();
            return servers.stream().allMatch(s -> "UP".equals(dbStatus(h, s)) && "closed".equals(breaker(s)));
        });

        // stop the server the VL calls stick to
        String victim = busiestVlServer(servers);
        List<String> others = new ArrayList<>(servers);
        others.remove(victim);
        long t0 = System.nanoTime();
        script("stop-dbserver", victim);
        stopped = victim;
        System.out.printf("[DbFailoverIT] stopped database server %s (%d ms)%n", victim, millisSince(t0));

        // lookups keep working: the first pays for the fail-over, the next go to a live server
        t0 = System.nanoTime();
        long worst = 0;
        for (int i = 0; i < 10; i++) {
            long t = System.nanoTime();
            lookups(Duration.ofSeconds(20));
            worst = Math.max(worst, millisSince(t));
        }
        System.out.printf("[DbFailoverIT] 10 lookup rounds after the stop in %d ms, slowest %d ms%n",
                millisSince(t0), worst);

        // health: the stopped one DOWN, the others UP (probes every 2 s, results cached)
        t0 = System.nanoTime();
        await(victim + " DOWN and the others UP in health", Duration.ofSeconds(20), () -> {
            JsonNode h = health();
            return "DOWN".equals(dbStatus(h, victim)) && others.stream().allMatch(s -> "UP".equals(dbStatus(h, s)));
        });
        System.out.printf("[DbFailoverIT] health DOWN after %d ms%n", millisSince(t0));

        // its breaker opens (failed probes and calls); it may flip to half_open and back meanwhile
        await("the breaker of " + victim + " OPEN", Duration.ofSeconds(30), () -> "open".equals(breaker(victim)));
        System.out.printf("[DbFailoverIT] breaker open after %d ms%n", millisSince(t0));
        lookups(Duration.ofSeconds(20));
        assertThat(others).allSatisfy(s -> assertThat(breaker(s)).isEqualTo("closed"));

        // started again: the probes through the breaker close it, and health is UP again
        t0 = System.nanoTime();
        script("start-dbserver", victim);
        stopped = null;
        System.out.printf("[DbFailoverIT] %s started again (%d ms)%n", victim, millisSince(t0));
        t0 = System.nanoTime();
        await("the breaker of " + victim + " CLOSED and health UP", Duration.ofSeconds(40), () -> {
            JsonNode h = health();
            return "closed".equals(breaker(victim)) && servers.stream().allMatch(s -> "UP".equals(dbStatus(h, s)));
        });
        System.out.printf("[DbFailoverIT] breaker closed and health UP %d ms after the restart%n", millisSince(t0));
        lookups(Duration.ofSeconds(10));
    }

    /** A volume lookup and a PT lookup, each answered 200 within {@code limit}. */
    private void lookups(Duration limit) throws Exception {
        String base = "/api/v1/cells/" + CELL.cell();
        long t = System.nanoTime();
        HttpResponse<String> vol = http.get(base + "/volumes/" + CELL.get("RXG_ROOT_VOL"));
        assertThat(vol.statusCode()).as(vol.body()).isEqualTo(200);
        assertThat(vol.body()).contains("\"name\":\"" + CELL.get("RXG_ROOT_VOL") + "\"");
        HttpResponse<String> pt = http.get(base + "/pts/entries/" + CELL.get("ADMIN_NAME"));
        assertThat(pt.statusCode()).as(pt.body()).isEqualTo(200);
        assertThat(pt.body()).contains("\"id\":" + CELL.get("ADMIN_ID"));
        assertThat(millisSince(t)).as("two lookups").isLessThan(limit.toMillis());
    }

    /** The VL server with the most calls: the one the ubik caller sticks to. */
    private String busiestVlServer(List<String> servers) throws Exception {
        String best = null;
        long most = -1;
        for (JsonNode k : health().path("components").path("rxPool").path("details").path("keys")) {
            String server = k.path("server").asString();
            long calls = k.path("calls").asLong();
            for (String s : servers) {
                if (server.equals(s + ":" + VL_PORT) && calls > most) {
                    best = s;
                    most = calls;
                }
            }
        }
        assertThat(best).as("pool keys in health").isNotNull();
        return best;
    }

    private JsonNode health() {
        try {
            return JSON.readTree(http.get("/actuator/health").body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Status of {@code server}'s VL probe in health ({@code cells.<cell>.<ip:7003>}). */
    private static String dbStatus(JsonNode health, String server) {
        return health.path("components").path("cells").path("components").path(CELL.cell()).path("components")
                .path(server + ":" + VL_PORT).path("status").asString("");
    }

    /** The state of breaker {@code rx-<server>:7003} whose gauge is 1 in /actuator/prometheus. */
    private String breaker(String server) {
        String body;
        try {
            body = http.get("/actuator/prometheus").body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String name = "name=\"rx-" + server + ":" + VL_PORT + "\"";
        for (String line : body.split("\n")) {
            if (line.startsWith("resilience4j_circuitbreaker_state{") && line.contains(name) && line.endsWith(" 1.0")) {
                int i = line.indexOf("state=\"") + 7;
                return line.substring(i, line.indexOf('"', i));
            }
        }
        return "";
    }

    private static void script(String... args) {
        run(240, List.of(), args);
    }

    /** {@code PREFIX... bash openafs-cell.sh ARGS...}, which must succeed within {@code seconds}. */
    private static void run(long seconds, List<String> prefix, String... args) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of("bash", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        RealCell.Result r = RealCell.run(seconds, cmd.toArray(String[]::new));
        assertThat(r.exit()).as(String.join(" ", cmd) + ":\n" + r.out()).isZero();
    }

    /** Polls {@code condition} every 250 ms until it holds, at most {@code limit}. */
    private static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("no " + what + " within " + limit).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    private static long millisSince(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }
}
