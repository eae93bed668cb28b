package rxgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import rxgate.gateway.api.Http;
import rxgate.gateway.cells.CellDirectory;

/**
 * The REST API over real HTTP, against the embedded demo cell (in-memory VL and PT servers
 * reached through rxgate's own RxRPC client and server transports over loopback UDP), with the
 * administrative endpoints disabled (the default).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RestApiTest {

    @LocalServerPort
    int port;

    @Autowired
    CellDirectory cells;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    private void assertProblem(HttpResponse<String> r, int status, String error) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(r.body()).contains("\"error\":\"" + error + "\"");
    }

    @Test
    void listsTheEmbeddedCell() throws Exception {
        HttpResponse<String> r = http.get("/api/v1/cells");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"name\":\"demo.rxgate\"").contains("\"embedded\":true");
    }

    @Test
    void looksUpAVolumeByNameAndById() throws Exception {
        HttpResponse<String> r = http.get("/api/v1/cells/demo.rxgate/volumes/demo.vol");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"name\":\"demo.vol\"").contains("\"rwId\":536870918")
                .contains("\"roId\":536870919").contains("\"partition\":\"/vicepa\"");
        HttpResponse<String> byId = http.get("/api/v1/cells/demo.rxgate/volumes/536870915");
        assertThat(byId.body()).contains("\"name\":\"root.cell\"");
    }

    @Test
    void aMissingVolumeIsA404ProblemNamingVlNoent() throws Exception {
        HttpResponse<String> r = http.get("/api/v1/cells/demo.rxgate/volumes/no.such.volume");
        assertProblem(r, 404, "VL_NOENT");
        assertThat(r.body()).contains("\"afsError\":\"VL_NOENT\"").contains("\"afsCode\":363524");
    }

    @Test
    void badInputAndUnknownCellsAreRejectedPrecisely() throws Exception {
        HttpResponse<String> bad = http.get("/api/v1/cells/demo.rxgate/volumes/bad$name");
        assertProblem(bad, 400, "BAD_REQUEST");
        assertThat(bad.body()).contains("\"field\":\"nameOrId\"");
        assertProblem(http.get("/api/v1/cells/nowhere.org/volumes/root.cell"), 404, "UNKNOWN_CELL");
        HttpResponse<String> limit = http.get("/api/v1/cells/demo.rxgate/volumes?limit=0");
        assertProblem(limit, 400, "BAD_REQUEST");
        assertThat(limit.body()).contains("\"field\":\"limit\"");
        HttpResponse<String> notANumber = http.get("/api/v1/cells/demo.rxgate/volumes?limit=many");
        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertThat(notANumber.body()).contains("\"field\":\"limit\"");
        HttpResponse<String> cursor = http.get("/api/v1/cells/demo.rxgate/volumes?cursor=garbage");
        assertProblem(cursor, 400, "BAD_REQUEST");
        assertThat(cursor.body()).contains("\"field\":\"cursor\"");
    }

    @Test
    void volumeListingsPageWithACursor() throws Exception {
        HttpResponse<String> first = http.get("/api/v1/cells/demo.rxgate/volumes?prefix=root.&limit=1");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"name\":\"root.afs\"").doesNotContain("root.cell");
        Matcher m = Pattern.compile("\"nextCursor\":\"([^\"]+)\"").matcher(first.body());
        assertThat(m.find()).isTrue();
        HttpResponse<String> second = http.get("/api/v1/cells/demo.rxgate/volumes?prefix=root.&limit=1&cursor="
                + m.group(1));
        assertThat(second.body()).contains("\"name\":\"root.cell\"").contains("\"nextCursor\":null")
                .doesNotContain("root.afs");
    }

    @Test
    void volumeListingsStreamAsNdjson() throws Exception {
        HttpResponse<String> r = http.get("/api/v1/cells/demo.rxgate/volumes", "Accept", "application/x-ndjson");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/x-ndjson"));
        String[] lines = r.body().strip().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("{\"name\":\"demo.vol\"");
        assertThat(lines[2]).startsWith("{\"name\":\"root.cell\"");
        assertProblem(http.get("/api/v1/cells/nowhere/volumes", "Accept", "application/x-ndjson"), 404,
                "UNKNOWN_CELL");
    }

    @Test
    void looksUpPtEntriesMembersAndGroups() throws Exception {
        HttpResponse<String> r = http.get("/api/v1/cells/demo.rxgate/pts/entries/alice");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"name\":\"alice\"").contains("\"type\":\"user\"").contains("\"memberCount\":1");
        assertThat(http.get("/api/v1/cells/demo.rxgate/pts/entries/admin:staff").body()).contains("\"type\":\"group\"");
        assertProblem(http.get("/api/v1/cells/demo.rxgate/pts/entries/ghost"), 404, "PRNOENT");
        HttpResponse<String> byId = http.get("/api/v1/cells/demo.rxgate/pts/entries/-999");
        assertProblem(byId, 404, "PRNOENT");
        assertThat(byId.body()).contains("\"afsCode\":267268");
        assertThat(http.get("/api/v1/cells/demo.rxgate/pts/entries/admin:staff/members").body())
                .contains("{\"name\":\"alice\",\"id\":").contains("\"nextCursor\":null");
        assertThat(http.get("/api/v1/cells/demo.rxgate/pts/entries/alice/groups").body())
                .contains("\"name\":\"admin:staff\"");
        assertThat(http.get("/api/v1/cells/demo.rxgate/pts/entries/admin/groups", "Accept", "application/x-ndjson")
                .body()).contains("\"name\":\"system:administrators\"");
        assertProblem(http.get("/api/v1/cells/demo.rxgate/pts/entries/alice/members"), 400, "BAD_REQUEST");
        assertProblem(http.get("/api/v1/cells/demo.rxgate/pts/entries/bad%20name"), 400, "BAD_REQUEST");
    }

    @Test
    void administrativeEndpointsAreOffByDefault() throws Exception {
        HttpResponse<String> create = http.post("/api/v1/cells/demo.rxgate/pts/users", "{\"name\":\"mallory\"}");
        assertProblem(create, 403, "ADMIN_DISABLED");
        assertProblem(http.method("DELETE", "/api/v1/cells/demo.rxgate/pts/entries/alice"), 403, "ADMIN_DISABLED");
        assertProblem(http.post("/api/v1/rx/call", "{\"server\":\"127.0.0.1\",\"port\":7003,\"serviceId\":52,"
                + "\"request\":\"AAAB/w==\"}"), 403, "ADMIN_DISABLED");
        // nothing was created
        assertProblem(http.get("/api/v1/cells/demo.rxgate/pts/entries/mallory"), 404, "PRNOENT");
    }

    @Test
    void theEmbeddedCellHasNoFileserver() throws Exception {
        assertProblem(http.get("/api/v1/cells/demo.rxgate/files/root.cell/"), 404, "NO_FILESERVER");
        assertProblem(http.get("/api/v1/cells/demo.rxgate/files/root.cell/../etc"), 400, "BAD_REQUEST");
    }

    @Test
    void rxdebugOfTheEmbeddedCellsServerAndOnlyOfConfiguredServers() throws Exception {
        int demoPort = cells.require("demo.rxgate").vlServers().get(0).getPort();
        HttpResponse<String> r = http.get("/api/v1/servers/127.0.0.1/" + demoPort + "/debug");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"version\":\"rxgate embedded demo cell demo.rxgate\"")
                .contains("\"callsExecuted\"").contains("\"peers\"").contains("\"connections\"");
        HttpResponse<String> elsewhere = http.get("/api/v1/servers/10.0.0.1/7003/debug");
        assertProblem(elsewhere, 403, "SERVER_NOT_ALLOWED");
        assertProblem(http.get("/api/v1/servers/example.org/7003/debug"), 400, "BAD_REQUEST");
        assertProblem(http.get("/api/v1/servers/127.0.0.1/70000/debug"), 400, "BAD_REQUEST");
    }

    @Test
    void metricsAndOpenApiAreServed() throws Exception {
        http.get("/api/v1/cells/demo.rxgate/volumes/root.cell");
        HttpResponse<String> prom = http.get("/actuator/prometheus");
        assertThat(prom.statusCode()).isEqualTo(200);
        assertThat(prom.body()).contains("rxgate_rx_calls_seconds_count{").contains("service=\"vl\"")
                .contains("rxgate_pool_calls_waiting")
                .contains("outcome=\"ok\"").contains("rxgate_rx_retransmissions_total")
                .contains("resilience4j_circuitbreaker_state");
        assertThat(http.send(http.request("/swagger-ui.html")).statusCode()).isIn(200, 302);
        HttpResponse<String> api = http.get("/v3/api-docs");
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.body()).contains("/api/v1/cells/{cell}/volumes/{nameOrId}")
                .contains("/api/v1/cells/{cell}/pts/users").contains("/api/v1/rx/call");
    }

    @Test
    void healthHasLivenessReadinessAndThePool() throws Exception {
        assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        http.get("/api/v1/cells/demo.rxgate/volumes/root.cell");
        assertThat(http.get("/actuator/health").body()).contains("\"rxPool\"").contains("\"circuit\":\"CLOSED\"");
    }
}
