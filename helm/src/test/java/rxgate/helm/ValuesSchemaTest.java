package rxgate.helm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Wrong values are refused before anything is rendered, with a message that names the value:
 * by values.schema.json, or by the chart's cross-value checks (templates/_helpers.tpl).
 */
class ValuesSchemaTest {

    private static final String CELL = """
            cells:
              - name: example.org
                dbServers: [10.0.0.1]
                security: %s
                readAccess: open
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown security level     | CELL:bogus                                  | /cells/0/security
            host name as db server     | 'cells: [{name: e.org, dbServers: [afsdb1.e.org], security: none, readAccess: open}]' | /cells/0/dbServers/0
            rxkad cell without key     | CELL:crypt                                  | /cells/0
            negative port              | 'ports: {management: -1}'                   | /ports/management
            port above 65535           | 'rxrpc: {port: 70000}'                      | /rxrpc/port
            unknown top-level key      | 'replicas: 3'                               | replicas
            unknown nested key         | 'probes: {liveness: {initialDelay: 5}}'     | initialDelay
            duration without unit      | 'shutdown: {timeout: 20}'                   | /shutdown/timeout
            duration in words          | 'call: {timeout: thirty seconds}'           | /call/timeout
            unknown preStop mode       | 'shutdown: {preStopMode: kill}'             | /shutdown/preStopMode
            callback Service ClusterIP | 'rxrpc: {callbackService: {type: ClusterIP}}' | /rxrpc/callbackService/type
            secret data not base64     | 'secrets: {create: {keyFiles: {k: "%%%"}}}'  | /secrets/create/keyFiles/k
            pool key the gateway lacks | 'pool: {maxConnections: 256}'               | maxConnections
            call key the gateway lacks | 'call: {readTimeout: 10s}'                  | readTimeout
            zero call timeout          | 'call: {timeout: 0s}'                       | /call/timeout
            zero dead time             | 'rxrpc: {deadTime: 0ms}'                    | /rxrpc/deadTime
            no calls allowed           | 'rxrpc: {maxCalls: 0}'                      | /rxrpc/maxCalls
            negative waiting calls     | 'pool: {maxWaitingCallsPerServer: -1}'      | /pool/maxWaitingCallsPerServer
            lower-case size unit       | 'files: {maxUploadSize: 16gb}'              | /files/maxUploadSize
            host name as debug server  | 'debug: {allowedServers: [afsdb1.e.org]}'   | /debug/allowedServers/0
            """)
    void schemaRefusesWithAMessageNamingTheValue(String what, String values, String field) {
        String message = RenderedChart.renderError(values.startsWith("CELL:") ? CELL.formatted(values.substring(5)) : values);

        assertThat(message).as(what).contains("values don't meet the specifications of the schema").contains(field);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            abort after the shutdown phase  | 'shutdown: {timeout: 10s, abortAfter: 15s}' | shutdown.abortAfter
            both PDB bounds                 | 'podDisruptionBudget: {maxUnavailable: 1, minAvailable: 1}' | podDisruptionBudget
            min above max replicas          | 'autoscaling: {enabled: true, minReplicas: 5, maxReplicas: 2}' | autoscaling.minReplicas
            existing and created Secret     | 'secrets: {existingSecret: s, create: {tokenFiles: {t: dA==}}}' | secrets
            """)
    void crossValueChecksRefuseWithAMessageNamingTheValue(String what, String values, String field) {
        assertThat(RenderedChart.renderError(values)).as(what).contains(field);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            key missing from the created Secret | example.org.KeyFile | cells[0].keyFile.secretKey
            cell listed twice                   | twice               | cells[1].name
            token reads without admin tokens    | token-reads         | cells[0].readAccess
            """)
    void cellChecksNameTheCell(String what, String variant, String field) {
        String values = switch (variant) {
            case "twice" -> """
                    cells:
                      - {name: example.org, dbServers: [10.0.0.1], security: none, readAccess: open}
                      - {name: example.org, dbServers: [10.0.0.2], security: none, readAccess: open}
                    """;
            case "token-reads" -> """
                    cells:
                      - {name: example.org, dbServers: [10.0.0.1], security: none, readAccess: token}
                    """;
            default -> """
                    cells:
                      - name: example.org
                        dbServers: [10.0.0.1]
                        security: crypt
                        keyFile: {secretKey: %s}
                        kvno: 1
                        readAccess: open
                    secrets:
                      create:
                        keyFiles: {other: dA==}
                    """.formatted(variant);
        };

        assertThat(RenderedChart.renderError(values)).as(what).contains(field);
    }
}
