package rxgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import rxgate.rxrpc.RxEndpoint;

/** The application starts, binds its RxRPC endpoint and reports it in the health endpoint. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayApplicationTest {

    @LocalServerPort
    int port;

    @Autowired
    RxEndpoint endpoint;

    @Test
    void healthShowsTheRxEndpoint() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"status\":\"UP\"").contains("rxEndpoint")
                .contains(Integer.toString(endpoint.localAddress().getPort()));
    }

    @Test
    void healthHasAnEntryPerCellAndDatabaseServer() throws Exception {
        String body = "";
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (body.contains("VL_ProbeServer")) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(body).contains("\"cells\"").contains("demo.rxgate").contains("VL_ProbeServer")
                .contains("latencyMicros");
    }

    @Test
    void theEndpointAnswersRxVersionQueries() throws Exception {
        try (RxEndpoint client = RxEndpoint.builder().build()) {
            String v = client.version(new java.net.InetSocketAddress("127.0.0.1", endpoint.localAddress().getPort()),
                    java.time.Duration.ofSeconds(5)).get();
            assertThat(v).startsWith("rxgate");
        }
    }
}
