package rxgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import rxgate.gateway.api.Http;
import rxgate.gateway.cells.CellDirectory;

/**
 * The administrative REST endpoints with {@code rxgate.admin.enabled}: bearer tokens from a token
 * file, PT writes against the embedded cell, the raw call, and upload limits.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminApiTest {
    static final String TOKEN = "s3cret-admin-token";
    static final Path TOKEN_FILE;

    static {
        try {
            TOKEN_FILE = Files.createTempFile("rxgate-admin", ".tokens");
            Files.writeString(TOKEN_FILE, "# admin tokens\n\nother-token\n" + TOKEN + "\n");
            TOKEN_FILE.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void admin(DynamicPropertyRegistry r) {
        r.add("rxgate.admin.enabled", () -> "true");
        r.add("rxgate.admin.token-file", TOKEN_FILE::toString);
        r.add("rxgate.files.max-upload-size", () -> "1KB");
    }

    @LocalServerPort
    int port;

    @Autowired
    CellDirectory cells;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    static final String[] AUTH = {"Authorization", "Bearer " + TOKEN};

    @Test
    void writesNeedAValidBearerToken() throws Exception {
        HttpResponse<String> none = http.post("/api/v1/cells/demo.rxgate/pts/users", "{\"name\":\"eve\"}");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(none.body()).contains("\"error\":\"UNAUTHENTICATED\"").doesNotContain(TOKEN);
        HttpResponse<String> wrong = http.post("/api/v1/cells/demo.rxgate/pts/users", "{\"name\":\"eve\"}",
                "Authorization", "Bearer not-the-token");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).contains("\"error\":\"FORBIDDEN\"");
        assertThat(http.get("/api/v1/cells/demo.rxgate/pts/entries/eve").statusCode()).isEqualTo(404);
    }

    @Test
    void ptCreateAddRemoveDeleteRoundTrip() throws Exception {
        HttpResponse<String> user = http.post("/api/v1/cells/demo.rxgate/pts/users", "{\"name\":\"carol\",\"id\":4242}",
                AUTH);
        assertThat(user.statusCode()).as(user.body()).isEqualTo(201);
        assertThat(user.body()).contains("\"name\":\"carol\"").contains("\"id\":4242").contains("\"type\":\"user\"");
        HttpResponse<String> again = http.post("/api/v1/cells/demo.rxgate/pts/users", "{\"name\":\"carol\"}", AUTH);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("\"afsError\":\"PREXIST\"");
        HttpResponse<String> group = http.post("/api/v1/cells/demo.rxgate/pts/groups",
                "{\"name\":\"admin:ops\",\"owner\":\"admin\"}", AUTH);
        assertThat(group.statusCode()).as(group.body()).isEqualTo(201);
        assertThat(group.body()).contains("\"type\":\"group\"");
        assertThat(http.method("PUT", "/api/v1/cells/demo.rxgate/pts/groups/admin:ops/members/carol", AUTH)
                .statusCode()).isEqualTo(204);
        assertThat(http.get("/api/v1/cells/demo.rxgate/pts/entries/admin:ops/members").body())
                .contains("{\"name\":\"carol\",\"id\":4242}");
        assertThat(http.get("/api/v1/cells/demo.rxgate/pts/entries/carol/groups").body()).contains("admin:ops");
        assertThat(http.method("DELETE", "/api/v1/cells/demo.rxgate/pts/groups/admin:ops/members/carol", AUTH)
                .statusCode()).isEqualTo(204);
        assertThat(http.get("/api/v1/cells/demo.rxgate/pts/entries/admin:ops/members").body()).doesNotContain("carol");
        assertThat(http.method("DELETE", "/api/v1/cells/demo.rxgate/pts/entries/admin:ops", AUTH).statusCode())
                .isEqualTo(204);
        assertThat(http.method("DELETE", "/api/v1/cells/demo.rxgate/pts/entries/carol", AUTH).statusCode())
                .isEqualTo(204);
        assertThat(http.get("/api/v1/cells/demo.rxgate/pts/entries/carol").statusCode()).isEqualTo(404);
    }

    @Test
    void badPtWriteBodiesNameTheField() throws Exception {
        HttpResponse<String> blank = http.post("/api/v1/cells/demo.rxgate/pts/users", "{\"name\":\"\"}", AUTH);
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(blank.body()).contains("name");
        HttpResponse<String> colon = http.post("/api/v1/cells/demo.rxgate/pts/users", "{\"name\":\"a:b\"}", AUTH);
        assertThat(colon.statusCode()).isEqualTo(400);
        assertThat(colon.body()).contains("\"field\":\"name\"");
        HttpResponse<String> notJson = http.post("/api/v1/cells/demo.rxgate/pts/users", "{name", AUTH);
        assertThat(notJson.statusCode()).isEqualTo(400);
    }

    /** VL_GetEntryByNameN (519) with an XDR string argument. */
    static String getEntryByName(String name) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(8 + (n.length + 3) / 4 * 4);
        b.putInt(519).putInt(n.length).put(n);
        return Base64.getEncoder().encodeToString(b.array());
    }

    @Test
    void theRawCallReturnsReplyBytesOrTheAbortByName() throws Exception {
        int vlPort = cells.require("demo.rxgate").vlServers().get(0).getPort();
        String ok = "{\"server\":\"127.0.0.1\",\"port\":" + vlPort + ",\"serviceId\":52,\"security\":\"none\","
                + "\"request\":\"" + getEntryByName("root.cell") + "\"}";
        HttpResponse<String> r = http.post("/api/v1/rx/call", ok, AUTH);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"outcome\":\"reply\"");
        String reply = r.body().replaceAll(".*\"reply\":\"([^\"]+)\".*", "$1");
        byte[] entry = Base64.getDecoder().decode(reply);
        StringBuilder name = new StringBuilder(); // nvldbentry.name is char[65], one XDR word per char
        for (int i = 3; i < entry.length && entry[i] != 0; i += 4) {
            name.append((char) entry[i]);
        }
        assertThat(name.toString()).isEqualTo("root.cell");
        String missing = ok.replace(getEntryByName("root.cell"), getEntryByName("nothing.here"));
        HttpResponse<String> aborted = http.post("/api/v1/rx/call", missing, AUTH);
        assertThat(aborted.body()).contains("\"outcome\":\"aborted\"").contains("\"abortCode\":363524")
                .contains("\"abortName\":\"VL_NOENT\"");
        HttpResponse<String> badBase64 = http.post("/api/v1/rx/call", ok.replace(getEntryByName("root.cell"), "@@@"),
                AUTH);
        assertThat(badBase64.statusCode()).isEqualTo(400);
        assertThat(badBase64.body()).contains("\"field\":\"request\"");
        HttpResponse<String> elsewhere = http.post("/api/v1/rx/call", ok.replace("127.0.0.1", "192.0.2.7"), AUTH);
        assertThat(elsewhere.statusCode()).isEqualTo(403);
        assertThat(elsewhere.body()).contains("SERVER_NOT_ALLOWED");
        HttpResponse<String> noAuth = http.post("/api/v1/rx/call", ok);
        assertThat(noAuth.statusCode()).isEqualTo(401);
    }

    @Test
    void uploadsNeedALengthWithinTheLimit() throws Exception {
        HttpResponse<String> big = http.send(http.request("/api/v1/cells/demo.rxgate/files/root.cell/big")
                .headers(AUTH).PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[2048])));
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(big.body()).contains("\"field\":\"Content-Length\"");
        HttpResponse<String> chunked = http.send(http.request("/api/v1/cells/demo.rxgate/files/root.cell/x")
                .headers(AUTH).PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[10]))));
        assertThat(chunked.statusCode()).isEqualTo(400);
        assertThat(chunked.body()).contains("\"field\":\"Content-Length\"");
    }
}
