package rxgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The REST read API over real HTTP, against the embedded demo cell (in-memory VL and PT servers
 * reached through rxgate's own RxRPC client and server transports over loopback UDP).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RestApiTest {

    @LocalServerPort
    int port;

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listsTheEmbeddedCell() throws Exception {
        HttpResponse<String> r = get("/api/v1/cells");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"name\":\"demo.rxgate\"").contains("\"embedded\":true");
    }

    @Test
    void looksUpAVolumeByNameAndById() throws Exception {
        HttpResponse<String> r = get("/api/v1/cells/demo.rxgate/volumes/demo.vol");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"name\":\"demo.vol\"").contains("\"rwId\":536870918")
                .contains("\"roId\":536870919").contains("\"partition\":\"/vicepa\"");
        HttpResponse<String> byId = get("/api/v1/cells/demo.rxgate/volumes/536870915");
        assertThat(byId.body()).contains("\"name\":\"root.cell\"");
    }

    @Test
    void aMissingVolumeIsA404ProblemNamingVlNoent() throws Exception {
        HttpResponse<String> r = get("/api/v1/cells/demo.rxgate/volumes/no.such.volume");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(r.body()).contains("\"afsError\":\"VL_NOENT\"").contains("\"afsCode\":363524");
    }

    @Test
    void badInputAndUnknownCellsAreRejectedPrecisely() throws Exception {
        HttpResponse<String> bad = get("/api/v1/cells/demo.rxgate/volumes/bad$name");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"nameOrId\"");
        HttpResponse<String> unknown = get("/api/v1/cells/nowhere.org/volumes/root.cell");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("UNKNOWN_CELL");
    }

    @Test
    void looksUpPtEntries() throws Exception {
        HttpResponse<String> r = get("/api/v1/cells/demo.rxgate/pts/entries/alice");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"name\":\"alice\"").contains("\"type\":\"user\"").contains("\"memberCount\":1");
        HttpResponse<String> g = get("/api/v1/cells/demo.rxgate/pts/entries/admin:staff");
        assertThat(g.body()).contains("\"type\":\"group\"");
        HttpResponse<String> missing = get("/api/v1/cells/demo.rxgate/pts/entries/ghost");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("PRNOENT");
        HttpResponse<String> byId = get("/api/v1/cells/demo.rxgate/pts/entries/-999");
        assertThat(byId.statusCode()).isEqualTo(404);
        assertThat(byId.body()).contains("\"afsError\":\"PRNOENT\"");
    }
}
