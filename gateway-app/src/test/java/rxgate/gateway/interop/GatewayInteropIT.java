package rxgate.gateway.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import rxgate.gateway.api.Http;

/**
 * The gateway end to end against a real OpenAFS 1.8 cell with authorization on: the gateway
 * authenticates with the cell's KeyFile at rxkad crypt, and every answer is checked against
 * OpenAFS's own tools ({@code vos}, {@code pts -localauth}, {@code afsio}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayInteropIT {
    static final RealCell CELL = RealCell.load();
    static final String TOKEN = "interop-admin-token";
    static final String[] AUTH = {"Authorization", "Bearer " + TOKEN};
    static final Path TOKEN_FILE;
    static final Path BIG;
    static final int BIG_BYTES = 64 << 20;

    static {
        try {
            TOKEN_FILE = Files.createTempFile("rxgate-it", ".tokens");
            Files.writeString(TOKEN_FILE, TOKEN + "\n");
            BIG = Files.createTempFile("rxgate-it", ".bin");
            Random r = new Random(64);
            byte[] chunk = new byte[1 << 20];
            try (OutputStream out = Files.newOutputStream(BIG)) {
                for (int i = 0; i < BIG_BYTES / chunk.length; i++) {
                    r.nextBytes(chunk);
                    out.write(chunk);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void cell(DynamicPropertyRegistry r) {
        RealCell.registerCell(r, CELL);
        r.add("rxgate.cells[0].principal", () -> CELL.get("ADMIN_NAME")); // in system:administrators
        r.add("rxgate.admin.enabled", () -> "true");
        r.add("rxgate.admin.token-file", TOKEN_FILE::toString);
    }

    @BeforeAll
    static void roomForBigFiles() {
        // vos create gives a volume a 5 MB quota: lift it for the 64 MiB file
        RealCell.Result r = CELL.vos("setfields", "-id", CELL.get("RXG_VOL"), "-maxquota", "0");
        assertThat(r.exit()).as(r.out()).isZero();
    }

    @AfterAll
    static void cleanUp() throws IOException {
        Files.deleteIfExists(TOKEN_FILE);
        Files.deleteIfExists(BIG);
    }

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    private String cellPath() {
        return "/api/v1/cells/" + CELL.cell();
    }

    @Test
    void aVolumeLookupMatchesVos() throws Exception {
        String vol = CELL.get("RXG_VOL");
        HttpResponse<String> r = http.get(cellPath() + "/volumes/" + vol);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        RealCell.Result vos = CELL.vos("listvldb", "-name", vol);
        assertThat(vos.exit()).as(vos.out()).isZero();
        Matcher rw = Pattern.compile("RWrite: (\\d+)").matcher(vos.out());
        assertThat(rw.find()).isTrue();
        assertThat(r.body()).contains("\"rwId\":" + rw.group(1))
                .contains("\"server\":\"" + CELL.get("RXG_SERVER") + "\"").contains("\"partition\":\"/vicepa\"");
        assertThat(http.get(cellPath() + "/volumes/" + CELL.get("RXG_VOL_ID")).body()).contains("\"name\":\"" + vol + "\"");
        assertThat(http.get(cellPath() + "/volumes?prefix=r").body()).contains("\"name\":\"root.cell\"")
                .contains("\"name\":\"" + vol + "\"");
        HttpResponse<String> missing = http.get(cellPath() + "/volumes/no.such.vol");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("\"afsError\":\"VL_NOENT\"");
    }

    @Test
    void ptCreateAddRemoveDeleteAreSeenByPts() throws Exception {
        HttpResponse<String> user = http.post(cellPath() + "/pts/users", "{\"name\":\"gwuser\"}", AUTH);
        assertThat(user.statusCode()).as(user.body()).isEqualTo(201);
        Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(user.body());
        assertThat(id.find()).isTrue();
        RealCell.Result examine = CELL.pts("examine", "-nameorid", "gwuser");
        assertThat(examine.out()).contains("Name: gwuser, id: " + id.group(1));
        HttpResponse<String> group = http.post(cellPath() + "/pts/groups", "{\"name\":\"admin:gw\",\"owner\":\"admin\"}",
                AUTH);
        assertThat(group.statusCode()).as(group.body()).isEqualTo(201);
        assertThat(http.method("PUT", cellPath() + "/pts/groups/admin:gw/members/gwuser", AUTH).statusCode())
                .isEqualTo(204);
        assertThat(CELL.pts("membership", "-nameorid", "admin:gw").out()).contains("gwuser");
        assertThat(http.get(cellPath() + "/pts/entries/admin:gw/members").body()).contains("\"name\":\"gwuser\"");
        assertThat(http.get(cellPath() + "/pts/entries/gwuser/groups").body()).contains("\"name\":\"admin:gw\"");
        assertThat(http.method("DELETE", cellPath() + "/pts/groups/admin:gw/members/gwuser", AUTH).statusCode())
                .isEqualTo(204);
        assertThat(CELL.pts("membership", "-nameorid", "admin:gw").out()).doesNotContain("gwuser");
        assertThat(http.method("DELETE", cellPath() + "/pts/entries/admin:gw", AUTH).statusCode()).isEqualTo(204);
        assertThat(http.method("DELETE", cellPath() + "/pts/entries/gwuser", AUTH).statusCode()).isEqualTo(204);
        RealCell.Result gone = CELL.pts("examine", "-nameorid", "gwuser");
        assertThat(gone.exit()).isNotZero();
        assertThat(http.get(cellPath() + "/pts/entries/gwuser").body()).contains("PRNOENT");
        // the fixtures, read through the gateway, match pts
        assertThat(http.get(cellPath() + "/pts/entries/alice").body()).contains("\"id\":" + CELL.get("ALICE_ID"));
    }

    @Test
    void aSixtyFourMebibyteFilePutThenGetKeepsItsMd5AndRangesAndAfsioAgree() throws Exception {
        String path = cellPath() + "/files/" + CELL.get("RXG_VOL") + "/gw-big.bin";
        HttpResponse<String> put = http.send(http.request(path).headers(AUTH)
                .PUT(HttpRequest.BodyPublishers.ofFile(BIG)));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(put.body()).contains("\"length\":" + BIG_BYTES).contains("\"type\":\"file\"");
        String fid = put.headers().firstValue("X-AFS-FID").orElseThrow();
        String want = md5(Files.newInputStream(BIG), Long.MAX_VALUE);

        HttpResponse<InputStream> get = http.client().send(http.request(path).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.headers().firstValueAsLong("Content-Length")).hasValue(BIG_BYTES);
        String etag = get.headers().firstValue("ETag").orElseThrow();
        assertThat(md5(get.body(), Long.MAX_VALUE)).isEqualTo(want);

        HttpResponse<InputStream> range = http.client().send(http.request(path)
                .header("Range", "bytes=10000000-10999999").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 10000000-10999999/" + BIG_BYTES);
        try (InputStream in = Files.newInputStream(BIG)) {
            in.skipNBytes(10_000_000);
            assertThat(md5(range.body(), Long.MAX_VALUE)).isEqualTo(md5(in, 1_000_000));
        }
        HttpResponse<String> head = http.method("HEAD", path);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("ETag")).hasValue(etag);
        assertThat(http.get(path, "If-None-Match", etag).statusCode()).isEqualTo(304);

        // OpenAFS's afsio reads the same bytes by FID (anonymous: the volume root's ACL lets anyuser read)
        RealCell.Result afsio = RealCell.run(300, "afsio", "fidread", "-fid", fid, "-cell", CELL.cell(), "-clear",
                "-md5");
        assertThat(afsio.out()).as(afsio.out()).contains(want);
        assertThat(http.method("DELETE", path, AUTH).statusCode()).isEqualTo(204);
        assertThat(http.get(path).statusCode()).isEqualTo(404);
    }

    @Test
    void directoriesAreMadeListedAndRemoved() throws Exception {
        String base = cellPath() + "/files/" + CELL.get("RXG_VOL");
        HttpResponse<String> mkdir = http.post(base + "/gw-dir?mkdir", "", AUTH);
        assertThat(mkdir.statusCode()).as(mkdir.body()).isEqualTo(201);
        assertThat(mkdir.body()).contains("\"type\":\"directory\"");
        HttpResponse<String> put = http.send(http.request(base + "/gw-dir/note.txt").headers(AUTH)
                .PUT(HttpRequest.BodyPublishers.ofString("hello from the gateway\n")));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(http.get(base + "/gw-dir/note.txt").body()).isEqualTo("hello from the gateway\n");
        HttpResponse<String> list = http.get(base + "/gw-dir");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("\"name\":\"note.txt\"").doesNotContain("\"name\":\"..\"");
        assertThat(http.get(base + "/", "Accept", "application/x-ndjson").body()).contains("\"name\":\"gw-dir\"")
                .contains("\"name\":\"" + CELL.get("FILE_HELLO_NAME") + "\"");
        HttpResponse<String> notEmpty = http.method("DELETE", base + "/gw-dir", AUTH);
        assertThat(notEmpty.statusCode()).isEqualTo(409);
        assertThat(http.method("DELETE", base + "/gw-dir/note.txt", AUTH).statusCode()).isEqualTo(204);
        assertThat(http.method("DELETE", base + "/gw-dir", AUTH).statusCode()).isEqualTo(204);
        HttpResponse<String> gone = http.get(base + "/gw-dir");
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).contains("UAENOENT");
        // a fixture file written by the cell script reads back with its MD5
        HttpResponse<InputStream> hello = http.client().send(http.request(base + "/" + CELL.get("FILE_HELLO_NAME"))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(md5(hello.body(), Long.MAX_VALUE)).isEqualTo(CELL.get("FILE_HELLO_MD5"));
    }

    @Test
    void rxdebugOfTheCellsVlServerAndARawCall() throws Exception {
        String server = CELL.dbServers().get(0);
        HttpResponse<String> debug = http.get("/api/v1/servers/" + server + "/7003/debug");
        assertThat(debug.statusCode()).as(debug.body()).isEqualTo(200);
        assertThat(debug.body()).contains("OpenAFS").contains("\"dataPacketsRead\"");
        byte[] name = CELL.get("RXG_VOL").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer req = ByteBuffer.allocate(8 + (name.length + 3) / 4 * 4).putInt(519).putInt(name.length).put(name);
        String body = "{\"server\":\"" + server + "\",\"port\":7003,\"serviceId\":52,\"security\":\"cell\","
                + "\"request\":\"" + Base64.getEncoder().encodeToString(req.array()) + "\"}";
        HttpResponse<String> raw = http.post("/api/v1/rx/call", body, AUTH);
        assertThat(raw.statusCode()).as(raw.body()).isEqualTo(200);
        assertThat(raw.body()).contains("\"outcome\":\"reply\"");
    }

    static String md5(InputStream in, long max) throws Exception {
        MessageDigest md = MessageDigest.getInstance("MD5");
        try (DigestInputStream d = new DigestInputStream(in, md)) {
            byte[] buf = new byte[1 << 16];
            long left = max;
            int n;
            while (left > 0 && (n = d.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
                left -= n;
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
