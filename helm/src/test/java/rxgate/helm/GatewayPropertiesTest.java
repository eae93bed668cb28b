package rxgate.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The chart writes only properties the gateway has under {@code rxgate}: Spring binds
 * {@code @ConfigurationProperties} leniently and would silently ignore a misspelt or removed
 * name, so a value would seem to be set and have no effect.
 */
class GatewayPropertiesTest {

    /**
     * Every property path under {@code rxgate} the gateway binds, list elements as {@code [*]}.
     * Keep in sync with gateway-app's {@code rxgate.gateway.config.RxgateProperties} (prefix
     * {@code rxgate}) and {@code TransportProperties} (prefix {@code rxgate.transport}): a
     * property added, renamed or removed there is added, renamed or removed here, and in the
     * chart's values, schema, template and README.
     */
    static final Set<String> GATEWAY_PROPERTIES = Set.of(
            // RxgateProperties.Cell
            "rxgate.cells[*].name",
            "rxgate.cells[*].db-servers[*]",
            "rxgate.cells[*].security",
            "rxgate.cells[*].key-file",
            "rxgate.cells[*].kvno",
            "rxgate.cells[*].token-file",
            "rxgate.cells[*].read-access",
            // RxgateProperties.Embedded
            "rxgate.embedded.enabled",
            "rxgate.embedded.cell-name",
            // RxgateProperties.Admin
            "rxgate.admin.enabled",
            "rxgate.admin.token-file",
            // RxgateProperties.Pool
            "rxgate.pool.max-connections-per-server",
            "rxgate.pool.max-waiting-calls-per-server",
            "rxgate.pool.max-servers",
            "rxgate.pool.idle-timeout",
            // RxgateProperties.Call
            "rxgate.call.timeout",
            "rxgate.call.transfer-idle-timeout",
            // RxgateProperties.Debug
            "rxgate.debug.allowed-servers[*]",
            // RxgateProperties.Files
            "rxgate.files.max-upload-size",
            // RxgateProperties.Shutdown
            "rxgate.shutdown.abort-after",
            // TransportProperties
            "rxgate.transport.port",
            "rxgate.transport.dead-time",
            "rxgate.transport.max-calls",
            "rxgate.transport.nat-keepalive");

    /** Gateway properties the chart leaves to the gateway: the demo cell runs only when no cell is configured. */
    private static final Set<String> NOT_FROM_VALUES = Set.of("rxgate.embedded.enabled", "rxgate.embedded.cell-name");

    /**
     * Values that make the chart write every property it knows, each different from its
     * default: two rxkad cells (one with a KeyFile and kvno, one with a token file), admin tokens,
     * and the rest.
     */
    private static final String EVERYTHING = CellConfigTest.TWO_RXKAD_CELLS + """
            rxrpc:
              port: 7101
              deadTime: 20s
              maxCalls: 1000000
              natKeepalive: 25s
            pool:
              maxConnectionsPerServer: 4
              maxWaitingCallsPerServer: 0
              maxServers: 64
              idleTimeout: 2m
            call:
              timeout: 45s
              transferIdleTimeout: 90s
            files:
              maxUploadSize: 512MB
            debug:
              allowedServers: [192.0.2.10, "192.0.2.11:7007"]
            shutdown:
              abortAfter: 5s
            """;

    @Test
    void defaultValuesWriteOnlyGatewayProperties() {
        Set<String> rendered = rxgatePaths(RenderedChart.render());

        assertThat(GATEWAY_PROPERTIES).containsAll(rendered);
        assertThat(rendered).doesNotContain("rxgate.embedded.enabled")
                .noneMatch(p -> p.startsWith("rxgate.cells") || p.startsWith("rxgate.debug"));
    }

    @Test
    void allValuesWriteEveryGatewayPropertyAndNothingElse() {
        Set<String> expected = new TreeSet<>(GATEWAY_PROPERTIES);
        expected.removeAll(NOT_FROM_VALUES);

        assertThat(rxgatePaths(RenderedChart.render(EVERYTHING))).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void valuesReachTheirProperties() {
        RenderedChart chart = RenderedChart.render(EVERYTHING);

        assertThat(chart.config("rxgate.transport")).isEqualTo(Map.of(
                "port", 7101, "dead-time", "20s", "max-calls", 1000000, "nat-keepalive", "25s"));
        assertThat(chart.config("rxgate.pool")).isEqualTo(Map.of(
                "max-connections-per-server", 4, "max-waiting-calls-per-server", 0,
                "max-servers", 64, "idle-timeout", "2m"));
        assertThat(chart.config("rxgate.call")).isEqualTo(Map.of("timeout", "45s", "transfer-idle-timeout", "90s"));
        assertThat(chart.config("rxgate.files.max-upload-size")).isEqualTo("512MB");
        assertThat(chart.config("rxgate.debug.allowed-servers")).isEqualTo(List.of("192.0.2.10", "192.0.2.11:7007"));
        assertThat(chart.config("rxgate.shutdown.abort-after")).isEqualTo("5s");
    }

    @Test
    void defaultsAreTheGatewaysExceptThePortAndNatKeepalivesKubernetesNeeds() {
        RenderedChart chart = RenderedChart.render();

        // RxgateProperties' and TransportProperties' defaults
        assertThat(chart.config("rxgate.pool")).isEqualTo(Map.of(
                "max-connections-per-server", 8, "max-waiting-calls-per-server", 256,
                "max-servers", 1024, "idle-timeout", "60s"));
        assertThat(chart.config("rxgate.call")).isEqualTo(Map.of("timeout", "30s", "transfer-idle-timeout", "60s"));
        assertThat(chart.config("rxgate.transport.dead-time")).isEqualTo("12s");
        assertThat(chart.config("rxgate.transport.max-calls")).isEqualTo(10000);
        assertThat(chart.config("rxgate.files.max-upload-size")).isEqualTo("16GB");
        assertThat(chart.config("rxgate.admin")).isEqualTo(Map.of("enabled", false));
        // the chart's: a fixed port for callbacks, and keepalives for the NAT in front of pods
        assertThat(chart.config("rxgate.transport.port")).isEqualTo(7001);
        assertThat(chart.config("rxgate.transport.nat-keepalive")).isEqualTo("20s");
    }

    /** The leaf paths under {@code rxgate} of the rendered application.yaml, list elements as {@code [*]}. */
    private static Set<String> rxgatePaths(RenderedChart chart) {
        Set<String> paths = new TreeSet<>();
        collect("rxgate", chart.config("rxgate"), paths);
        return paths;
    }

    private static void collect(String path, Object node, Set<String> paths) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> collect(path + "." + key, value, paths));
        } else if (node instanceof List<?> list) {
            list.forEach(element -> collect(path + "[*]", element, paths));
        } else {
            paths.add(path);
        }
    }
}
