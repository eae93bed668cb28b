package rxgate.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chart as installed with no values given. */
class DefaultValuesTest {

    private static final RenderedChart CHART = RenderedChart.render();

    @Test
    void rendersTheAlwaysPresentObjectsAndNoOptionalOnes() {
        assertThat(CHART.objects()).extracting(HasMetadata::getKind, o -> o.getMetadata().getName())
                .containsExactlyInAnyOrder(
                        tuple("ServiceAccount", "rx-rxgate"),
                        tuple("ConfigMap", "rx-rxgate-config"),
                        tuple("Service", "rx-rxgate"),
                        tuple("Service", "rx-rxgate-management"),
                        tuple("Deployment", "rx-rxgate"),
                        tuple("PodDisruptionBudget", "rx-rxgate"));
        assertThat(CHART.all(Secret.class)).isEmpty();
        assertThat(CHART.all(HorizontalPodAutoscaler.class)).isEmpty();
        assertThat(CHART.all(Ingress.class)).isEmpty();
        assertThat(CHART.all(NetworkPolicy.class)).isEmpty();
        assertThat(CHART.generic("ServiceMonitor")).isEmpty();
        assertThat(CHART.deployment().getSpec().getReplicas()).isEqualTo(2);
        assertThat(CHART.get(ServiceAccount.class, "rx-rxgate").getAutomountServiceAccountToken()).isFalse();
    }

    @Test
    void probesUseActuatorHealthGroupsOnTheManagementPortOfTheApplicationConfig() {
        Container gateway = CHART.gateway();
        int managementPort = ((Number) CHART.config("management.server.port")).intValue();
        ContainerPort management = port(gateway, "management");

        assertThat(management.getContainerPort()).isEqualTo(managementPort);
        assertThat(CHART.config("management.endpoint.health.probes.enabled")).isEqualTo(true);
        assertThat(httpGet(gateway.getLivenessProbe())).isEqualTo("management /actuator/health/liveness");
        assertThat(httpGet(gateway.getReadinessProbe())).isEqualTo("management /actuator/health/readiness");
        assertThat(httpGet(gateway.getStartupProbe())).isEqualTo("management /actuator/health/liveness");
        Probe startup = gateway.getStartupProbe();
        assertThat(startup.getPeriodSeconds() * startup.getFailureThreshold())
                .as("seconds the JVM gets to start (it needs about 9)").isGreaterThanOrEqualTo(120);
    }

    @Test
    void containerPortsMatchTheApplicationConfig() {
        Container gateway = CHART.gateway();

        assertThat(port(gateway, "http").getContainerPort()).isEqualTo(CHART.config("server.port"));
        assertThat(port(gateway, "grpc").getContainerPort()).isEqualTo(CHART.config("spring.grpc.server.port"));
        assertThat(port(gateway, "rxrpc").getContainerPort()).isEqualTo(CHART.config("rxgate.transport.port"));
        assertThat(port(gateway, "rxrpc").getProtocol()).isEqualTo("UDP");
        assertThat(CHART.config("management.endpoints.web.exposure.include")).isEqualTo("health,info,prometheus");
    }

    @Test
    void servicesExposeHttpAndGrpcAndKeepManagementApart() {
        Service service = CHART.service("");
        assertThat(service.getSpec().getPorts()).extracting(ServicePort::getName).containsExactly("http", "grpc");
        ServicePort grpc = service.getSpec().getPorts().get(1);
        assertThat(grpc.getPort()).isEqualTo(9090);
        assertThat(grpc.getTargetPort().getStrVal()).isEqualTo("grpc");
        assertThat(grpc.getAppProtocol()).isNotBlank();
        assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(8080);

        Service management = CHART.service("management");
        assertThat(management.getSpec().getPorts()).singleElement()
                .satisfies(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo("management"));
        assertThat(service.getSpec().getSelector()).isEqualTo(podLabelsSelectedBy(CHART.deployment()));
    }

    @Test
    void podAndContainerRunNonRootWithoutPrivilegesOnAReadOnlyRoot() {
        PodSecurityContext pod = podSpec().getSecurityContext();
        assertThat(pod.getRunAsNonRoot()).isTrue();
        assertThat(pod.getRunAsUser()).isEqualTo(10001L);
        assertThat(pod.getFsGroup()).isEqualTo(10001L);
        assertThat(pod.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");

        SecurityContext container = CHART.gateway().getSecurityContext();
        assertThat(container.getRunAsNonRoot()).isTrue();
        assertThat(container.getRunAsUser()).isEqualTo(10001L);
        assertThat(container.getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(container.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    }

    @Test
    void tmpIsAnEmptyDirAndTheOnlyWritableMount() {
        Volume tmp = volume("tmp");
        assertThat(tmp.getEmptyDir()).isNotNull();
        assertThat(CHART.gateway().getVolumeMounts())
                .filteredOn(m -> !Boolean.TRUE.equals(m.getReadOnly()))
                .extracting(VolumeMount::getMountPath).containsExactly("/tmp");
    }

    @Test
    void applicationConfigIsMountedAtConfigAndFoundThroughSpringConfigAdditionalLocation() {
        assertThat(CHART.gateway().getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo("/config");
            assertThat(volume(m.getName()).getConfigMap().getName()).isEqualTo(CHART.configMap().getMetadata().getName());
        });
        assertThat(CHART.gateway().getEnv()).extracting(EnvVar::getName, EnvVar::getValue)
                .contains(tuple("SPRING_CONFIG_ADDITIONAL_LOCATION", "optional:file:/config/"));
        ConfigMap config = CHART.configMap();
        assertThat(config.getData()).containsOnlyKeys("application.yaml");
        assertThat(CHART.podAnnotation("checksum/config")).matches("[0-9a-f]{64}");
        assertThat(CHART.podAnnotation("checksum/secret")).isNull();
    }

    @Test
    void jvmSizesItsHeapFromTheContainerLimit() {
        assertThat(CHART.gateway().getEnv()).filteredOn(e -> e.getName().equals("JDK_JAVA_OPTIONS"))
                .singleElement().satisfies(e -> assertThat(e.getValue())
                        .contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError"));
        assertThat(CHART.gateway().getResources().getLimits()).containsKey("memory");
        assertThat(CHART.gateway().getResources().getRequests()).containsKeys("cpu", "memory");
    }

    @Test
    void terminationGraceCoversPreStopSleepAndTheShutdownPhase() {
        PodSpec spec = podSpec();
        long preStop = CHART.gateway().getLifecycle().getPreStop().getSleep().getSeconds();
        int shutdownPhase = seconds((String) CHART.config("spring.lifecycle.timeout-per-shutdown-phase"));
        int abortAfter = seconds((String) CHART.config("rxgate.shutdown.abort-after"));

        assertThat(CHART.config("server.shutdown")).isEqualTo("graceful");
        assertThat(preStop).isPositive();
        assertThat(abortAfter).isLessThanOrEqualTo(shutdownPhase);
        assertThat(spec.getTerminationGracePeriodSeconds()).isGreaterThanOrEqualTo(preStop + shutdownPhase);
        assertThat(spec.getTerminationGracePeriodSeconds()).isEqualTo(10L + 20 + 10);
    }

    @Test
    void preStopFallsBackToShellSleepBeforeKubernetes130() {
        Container gateway = RenderedChart.render("", "1.29.4").gateway();

        assertThat(gateway.getLifecycle().getPreStop().getSleep()).isNull();
        assertThat(gateway.getLifecycle().getPreStop().getExec().getCommand()).containsExactly("/bin/sh", "-c", "sleep 10");
    }

    @Test
    void podsSpreadOverNodesAndZonesWithoutBlockingScheduling() {
        List<TopologySpreadConstraint> spread = podSpec().getTopologySpreadConstraints();

        assertThat(spread).extracting(TopologySpreadConstraint::getTopologyKey)
                .containsExactly("kubernetes.io/hostname", "topology.kubernetes.io/zone");
        assertThat(spread).allSatisfy(c -> {
            assertThat(c.getWhenUnsatisfiable()).isEqualTo("ScheduleAnyway");
            assertThat(c.getLabelSelector().getMatchLabels()).isEqualTo(podLabelsSelectedBy(CHART.deployment()));
        });
        assertThat(podSpec().getHostNetwork()).isNull();
    }

    @Test
    void disruptionBudgetSelectsTheGatewayPods() {
        PodDisruptionBudget pdb = CHART.get(PodDisruptionBudget.class, "rx-rxgate");

        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(pdb.getSpec().getMinAvailable()).isNull();
        assertThat(pdb.getSpec().getSelector().getMatchLabels()).isEqualTo(podLabelsSelectedBy(CHART.deployment()));
    }

    @Test
    void helmTestPodCallsReadinessThroughTheManagementServiceAsNonRoot() throws IOException {
        Pod test = RenderedChart.renderHelmTests().get(Pod.class, "rx-rxgate-test-health");
        Container curl = test.getSpec().getContainers().get(0);

        assertThat(Files.readString(RenderedChart.CHART_DIR.resolve("templates/tests/test-health.yaml")))
                .contains("helm.sh/hook: test");
        assertThat(curl.getImage()).startsWith("curlimages/curl:");
        assertThat(curl.getArgs()).contains("--fail")
                .last().isEqualTo("http://rx-rxgate-management:8081/actuator/health/readiness");
        assertThat(test.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(curl.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(curl.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(curl.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        Map<String, String> selector = CHART.service("").getSpec().getSelector();
        assertThat(test.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                .as("the test pod must not become an endpoint of the gateway's Services").isFalse();
    }

    @Test
    void notesSayHowToReachTheGatewayAndWarnWithoutCells() {
        String notes = RenderedChart.notes("");

        assertThat(notes).contains("http://rx-rxgate.gateways.svc:8080/api/v1/cells",
                "port-forward svc/rx-rxgate-management 8081:8081", "helm test rx",
                "WARNING: no cells are configured");
    }

    private static PodSpec podSpec() {
        return CHART.deployment().getSpec().getTemplate().getSpec();
    }

    private static Map<String, String> podLabelsSelectedBy(Deployment deployment) {
        Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(selector);
        return selector;
    }

    private static Volume volume(String name) {
        return podSpec().getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    private static ContainerPort port(Container container, String name) {
        return container.getPorts().stream().filter(p -> p.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no container port " + name));
    }

    private static String httpGet(Probe probe) {
        return probe.getHttpGet().getPort().getStrVal() + " " + probe.getHttpGet().getPath();
    }

    /** A Spring duration of the forms the chart allows (ms, s, m), in whole seconds rounded up. */
    static int seconds(String duration) {
        if (duration.endsWith("ms")) {
            return (Integer.parseInt(duration.substring(0, duration.length() - 2)) + 999) / 1000;
        }
        int value = Integer.parseInt(duration.substring(0, duration.length() - 1));
        return duration.endsWith("m") ? value * 60 : value;
    }
}
