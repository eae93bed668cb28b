package rxgate.gateway.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for the tests: real requests to the gateway on loopback. */
public final class Http {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    }

    public HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws Exception {
        return send(request(path));
    }

    public HttpResponse<String> get(String path, String... headers) throws Exception {
        return send(request(path).headers(headers));
    }

    public HttpResponse<String> post(String path, String json, String... headers) throws Exception {
        HttpRequest.Builder b = request(path).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        return send(headers.length == 0 ? b : b.headers(headers));
    }

    public HttpResponse<String> method(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder b = request(path).method(method, HttpRequest.BodyPublishers.noBody());
        return send(headers.length == 0 ? b : b.headers(headers));
    }

    public HttpClient client() {
        return client;
    }
}
