package rxgate.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/** Cells in values become application.yaml entries; their key material comes from the Secret. */
class CellConfigTest {

    /** Stand-ins for a KeyFile made by asetkey, a token file and admin tokens: unique text to search for. */
    private static final String KEYFILE = "KEYFILE-BYTES-of-example.org";
    private static final String TOKEN = "TOKEN-FILE-of-lab.example.net";
    private static final String ADMIN = "ADMIN-BEARER-TOKEN-1";

    static final String TWO_RXKAD_CELLS = """
            cells:
              - name: example.org
                dbServers: [10.0.0.1, "10.0.0.2:7003"]
                security: crypt
                keyFile: {secretKey: example.org.KeyFile}
                kvno: 3
                readAccess: open
              - name: lab.example.net
                dbServers: ["[2001:db8::7]:7003", "2001:db8::8"]
                security: auth
                tokenFile: {secretKey: lab-token}
                readAccess: token
            admin:
              enabled: true
              tokenFile: {secretKey: admin-tokens}
            secrets:
              create:
                keyFiles:
                  example.org.KeyFile: %s
                tokenFiles:
                  lab-token: %s
                adminTokens:
                  admin-tokens: %s
            """.formatted(base64(KEYFILE), base64(TOKEN), base64(ADMIN));

    private static final RenderedChart CHART = RenderedChart.render(TWO_RXKAD_CELLS);

    @Test
    void applicationConfigListsBothCellsWithFilePathsIntoTheSecretMounts() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> cells = (List<Map<String, Object>>) CHART.config("rxgate.cells");

        assertThat(cells).hasSize(2);
        assertThat(cells.get(0)).containsEntry("name", "example.org")
                .containsEntry("db-servers", List.of("10.0.0.1", "10.0.0.2:7003"))
                .containsEntry("security", "crypt")
                .containsEntry("kvno", 3)
                .containsEntry("read-access", "open")
                .containsEntry("key-file", "/etc/rxgate/keys/example.org.KeyFile")
                .doesNotContainKey("token-file");
        assertThat(cells.get(1)).containsEntry("name", "lab.example.net")
                .containsEntry("security", "auth")
                .containsEntry("read-access", "token")
                .containsEntry("token-file", "/etc/rxgate/tokens/lab.example.net")
                .doesNotContainKey("key-file");
        assertThat(CHART.config("rxgate.admin.enabled")).isEqualTo(true);
        assertThat(CHART.config("rxgate.admin.token-file")).isEqualTo("/etc/rxgate/admin/tokens");
    }

    @Test
    void everyConfiguredFilePathIsASecretKeyMountedReadOnly() {
        Secret secret = CHART.get(Secret.class, "rx-rxgate-secrets");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> cells = (List<Map<String, Object>>) CHART.config("rxgate.cells");

        assertThat(secretFile((String) cells.get(0).get("key-file"))).isEqualTo(secret.getMetadata().getName() + ":example.org.KeyFile");
        assertThat(secretFile((String) cells.get(1).get("token-file"))).isEqualTo(secret.getMetadata().getName() + ":lab-token");
        assertThat(secretFile((String) CHART.config("rxgate.admin.token-file"))).isEqualTo(secret.getMetadata().getName() + ":admin-tokens");
        assertThat(secret.getData()).containsOnlyKeys("example.org.KeyFile", "lab-token", "admin-tokens");
        assertThat(podSpec().getVolumes()).filteredOn(v -> v.getSecret() != null)
                .allSatisfy(v -> assertThat(v.getSecret().getDefaultMode()).isEqualTo(0440));
    }

    @Test
    void secretContentsAppearNeitherInTheConfigMapNorInEnvironmentVariables() {
        String configMap = CHART.configMap().getData().get("application.yaml");
        List<String> env = new ArrayList<>();
        for (EnvVar var : CHART.gateway().getEnv()) {
            env.add(var.getName() + "=" + var.getValue());
            assertThat(var.getValueFrom()).as("env %s", var.getName()).isNull();
        }
        assertThat(CHART.gateway().getEnvFrom()).isNullOrEmpty();

        for (String secret : List.of(KEYFILE, TOKEN, ADMIN)) {
            assertThat(configMap).doesNotContain(secret, base64(secret));
            assertThat(env).noneMatch(e -> e.contains(secret) || e.contains(base64(secret)));
        }
        assertThat(CHART.manifests()).containsOnlyOnce(base64(KEYFILE));
    }

    @Test
    void checksumAnnotationsFollowTheCellConfigurationAndTheCreatedSecret() {
        String config = CHART.podAnnotation("checksum/config");
        String secret = CHART.podAnnotation("checksum/secret");

        RenderedChart same = RenderedChart.render(TWO_RXKAD_CELLS);
        assertThat(same.podAnnotation("checksum/config")).isEqualTo(config);
        assertThat(same.podAnnotation("checksum/secret")).isEqualTo(secret);

        RenderedChart moreReplicas = RenderedChart.render(TWO_RXKAD_CELLS + "replicaCount: 5\n");
        assertThat(moreReplicas.podAnnotation("checksum/config")).as("not a configuration change").isEqualTo(config);

        RenderedChart otherLevel = RenderedChart.render(TWO_RXKAD_CELLS.replace("security: crypt", "security: clear"));
        assertThat(otherLevel.podAnnotation("checksum/config")).isNotEqualTo(config);
        assertThat(otherLevel.podAnnotation("checksum/secret")).isEqualTo(secret);

        RenderedChart otherServer = RenderedChart.render(TWO_RXKAD_CELLS.replace("10.0.0.2:7003", "10.0.0.3:7003"));
        assertThat(otherServer.podAnnotation("checksum/config")).isNotEqualTo(config);

        RenderedChart rekeyed = RenderedChart.render(TWO_RXKAD_CELLS.replace(base64(KEYFILE), base64("NEW-KEYFILE")));
        assertThat(rekeyed.podAnnotation("checksum/secret")).isNotEqualTo(secret);
        assertThat(rekeyed.podAnnotation("checksum/config")).isEqualTo(config);
    }

    @Test
    void anExistingSecretIsMountedByNameAndNothingIsCreated() {
        RenderedChart chart = RenderedChart.render("""
                cells:
                  - name: example.org
                    dbServers: [10.0.0.1]
                    security: crypt
                    keyFile: {secretKey: example.org.KeyFile}
                    kvno: 1
                    readAccess: open
                secrets:
                  existingSecret: afs-keys
                """);

        assertThat(chart.all(Secret.class)).isEmpty();
        assertThat(chart.podAnnotation("checksum/secret")).isNull();
        assertThat(chart.deployment().getSpec().getTemplate().getSpec().getVolumes())
                .filteredOn(v -> v.getSecret() != null).singleElement()
                .satisfies(v -> {
                    assertThat(v.getSecret().getSecretName()).isEqualTo("afs-keys");
                    assertThat(v.getSecret().getItems()).extracting(KeyToPath::getKey, KeyToPath::getPath)
                            .containsExactly(tuple("example.org.KeyFile", "example.org.KeyFile"));
                });
    }

    @Test
    void extraConfigIsMergedButTheChartKeepsThePortsItsProbesUse() {
        RenderedChart chart = RenderedChart.render("""
                extraConfig:
                  logging: {level: {rxgate: DEBUG}}
                  management: {server: {port: 9999}}
                """);

        assertThat(chart.config("logging.level.rxgate")).isEqualTo("DEBUG");
        assertThat(chart.config("management.server.port")).isEqualTo(8081);
        assertThat(chart.config("management.endpoint.health.probes.enabled")).isEqualTo(true);
    }

    @Test
    void resilience4jValuesPassThroughVerbatim() {
        RenderedChart chart = RenderedChart.render("""
                resilience4j:
                  circuitbreaker:
                    configs:
                      default: {failure-rate-threshold: 25, sliding-window-size: 40}
                    instances:
                      "[rx-10.0.0.1:7000]": {wait-duration-in-open-state: 30s}
                  retry:
                    instances:
                      rxRead: {max-attempts: 2}
                """);

        assertThat(chart.config("resilience4j.circuitbreaker.configs.default"))
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsOnly(entry("failure-rate-threshold", 25), entry("sliding-window-size", 40));
        assertThat(chart.config("resilience4j.circuitbreaker.instances"))
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsOnlyKeys("[rx-10.0.0.1:7000]");
        assertThat(chart.config("resilience4j.retry.instances.rxRead.max-attempts")).isEqualTo(2);
        // By default the chart adds nothing: the gateway's own resilience4j defaults apply.
        assertThat(RenderedChart.render().applicationConfig()).doesNotContainKey("resilience4j");
    }

    /** "secret:key" for a file path in the container, following its volume mount and item. */
    private static String secretFile(String path) {
        for (VolumeMount mount : CHART.gateway().getVolumeMounts()) {
            if (path.startsWith(mount.getMountPath() + "/")) {
                assertThat(mount.getReadOnly()).as("mount of %s", path).isTrue();
                Volume volume = podSpec().getVolumes().stream()
                        .filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
                String file = path.substring(mount.getMountPath().length() + 1);
                KeyToPath item = volume.getSecret().getItems().stream()
                        .filter(i -> i.getPath().equals(file)).findFirst()
                        .orElseThrow(() -> new AssertionError(path + " is no item of volume " + volume.getName()));
                return volume.getSecret().getSecretName() + ":" + item.getKey();
            }
        }
        throw new AssertionError(path + " lies under no volume mount");
    }

    private static PodSpec podSpec() {
        return CHART.deployment().getSpec().getTemplate().getSpec();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
