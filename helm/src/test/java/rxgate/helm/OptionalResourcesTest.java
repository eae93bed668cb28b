package rxgate.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Autoscaling, Ingress, ServiceMonitor, NetworkPolicy, PDB variants and the callback networking modes. */
class OptionalResourcesTest {

    private static final RenderedChart ALL_ON = RenderedChart.render("""
            autoscaling:
              enabled: true
              minReplicas: 3
              maxReplicas: 12
              targetCPUUtilizationPercentage: 60
              targetMemoryUtilizationPercentage: 80
            ingress:
              enabled: true
              className: nginx
              hosts:
                - host: rxgate.example.org
                  paths: [{path: /api, pathType: Prefix}]
              tls:
                - secretName: rxgate-tls
                  hosts: [rxgate.example.org]
            metrics:
              serviceMonitor:
                enabled: true
                labels: {release: prometheus}
            networkPolicy:
              enabled: true
              ingress:
                from:
                  - namespaceSelector: {matchLabels: {team: web}}
                managementFrom:
                  - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}
              egress:
                cellCidrs: [10.0.0.0/24, 192.0.2.0/28]
                dns: {enabled: true}
            """);

    @Test
    void autoscalerTargetsTheDeploymentWhichLeavesReplicasToIt() {
        HorizontalPodAutoscaler hpa = ALL_ON.get(HorizontalPodAutoscaler.class, "rx-rxgate");

        assertThat(hpa.getApiVersion()).isEqualTo("autoscaling/v2");
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(ALL_ON.deployment().getMetadata().getName());
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(3);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(12);
        assertThat(hpa.getSpec().getMetrics()).extracting(m -> m.getResource().getName() + "="
                + m.getResource().getTarget().getAverageUtilization()).containsExactly("cpu=60", "memory=80");
        assertThat(ALL_ON.deployment().getSpec().getReplicas()).as("replicas belong to the HPA").isNull();
        assertThat(ALL_ON.all(PodDisruptionBudget.class)).hasSize(1);
    }

    @Test
    void ingressRoutesToTheHttpPortOfTheService() {
        Ingress ingress = ALL_ON.get(Ingress.class, "rx-rxgate");

        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(ingress.getSpec().getTls()).singleElement()
                .satisfies(t -> assertThat(t.getSecretName()).isEqualTo("rxgate-tls"));
        IngressServiceBackend backend = ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService();
        assertThat(backend.getName()).isEqualTo("rx-rxgate");
        assertThat(backend.getPort().getName()).isEqualTo("http");
        assertThat(ALL_ON.service("").getSpec().getPorts()).extracting(ServicePort::getName).contains("http");
    }

    @Test
    void serviceMonitorScrapesPrometheusOnTheManagementServiceOnly() {
        GenericKubernetesResource monitor = ALL_ON.generic("ServiceMonitor").orElseThrow();

        assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
        List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
        assertThat(endpoints).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("port", "management").containsEntry("path", "/actuator/prometheus"));
        Map<String, String> selector = monitor.get("spec", "selector", "matchLabels");
        List<Service> selected = ALL_ON.all(Service.class).stream()
                .filter(s -> s.getMetadata().getLabels().entrySet().containsAll(selector.entrySet())).toList();
        assertThat(selected).singleElement().satisfies(s -> {
            assertThat(s.getMetadata().getName()).isEqualTo("rx-rxgate-management");
            assertThat(s.getSpec().getPorts()).extracting(ServicePort::getName).containsExactly("management");
        });
    }

    @Test
    void networkPolicyAdmitsClientsAndPrometheusAndLetsRxOutToTheCells() {
        NetworkPolicy policy = ALL_ON.get(NetworkPolicy.class, "rx-rxgate");
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
        assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                .isEqualTo(ALL_ON.deployment().getSpec().getSelector().getMatchLabels());

        List<NetworkPolicyIngressRule> ingress = policy.getSpec().getIngress();
        assertThat(ingress).extracting(r -> ports(r.getPorts()))
                .containsExactly("TCP:http,TCP:grpc", "TCP:management", "UDP:rxrpc");
        assertThat(ingress.get(0).getFrom()).singleElement()
                .satisfies(p -> assertThat(p.getNamespaceSelector().getMatchLabels()).containsEntry("team", "web"));
        assertThat(ingress.get(1).getFrom()).as("Prometheus and the helm test pod").hasSize(2)
                .last().satisfies(p -> assertThat(p.getPodSelector().getMatchLabels())
                        .containsEntry("app.kubernetes.io/component", "test"));

        List<NetworkPolicyEgressRule> egress = policy.getSpec().getEgress();
        NetworkPolicyEgressRule rx = egress.get(0);
        assertThat(rx.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getProtocol()).isEqualTo("UDP");
            assertThat(p.getPort().getIntVal()).isEqualTo(7000);
            assertThat(p.getEndPort()).isEqualTo(7007);
        });
        assertThat(rx.getTo()).extracting(p -> p.getIpBlock().getCidr()).containsExactly("10.0.0.0/24", "192.0.2.0/28");
        assertThat(egress.get(1).getPorts()).extracting(p -> p.getProtocol() + ":" + p.getPort().getIntVal())
                .containsExactly("UDP:53", "TCP:53");
    }

    @Test
    void byDefaultTheOnlyEgressIsRxToTheCells() {
        NetworkPolicy policy = RenderedChart.render("networkPolicy: {enabled: true}\n").get(NetworkPolicy.class, "rx-rxgate");

        assertThat(policy.getSpec().getEgress()).singleElement()
                .satisfies(r -> assertThat(r.getTo()).as("no cellCidrs: any address").isNullOrEmpty());
    }

    @Test
    void disruptionBudgetCanUseMinAvailableOrBeOff() {
        PodDisruptionBudget pdb = RenderedChart.render("""
                podDisruptionBudget: {enabled: true, maxUnavailable: null, minAvailable: "50%"}
                """).get(PodDisruptionBudget.class, "rx-rxgate");
        assertThat(pdb.getSpec().getMinAvailable().getStrVal()).isEqualTo("50%");
        assertThat(pdb.getSpec().getMaxUnavailable()).isNull();

        assertThat(RenderedChart.render("podDisruptionBudget: {enabled: false}\n").all(PodDisruptionBudget.class)).isEmpty();
    }

    @Test
    void hostNetworkUsesClusterDnsAndKeepsOnePodPerNode() {
        RenderedChart chart = RenderedChart.render("rxrpc: {hostNetwork: true}\n");
        Deployment deployment = chart.deployment();
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();

        assertThat(pod.getHostNetwork()).isTrue();
        assertThat(pod.getDnsPolicy()).isEqualTo("ClusterFirstWithHostNet");
        List<PodAffinityTerm> required = pod.getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
        assertThat(required).singleElement().satisfies(term -> {
            assertThat(term.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
            assertThat(term.getLabelSelector().getMatchLabels()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
        });
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntVal())
                .as("a surge pod could not bind the node's ports").isZero();
    }

    @Test
    void callbackServicePublishesTheRxPortOverUdp() {
        RenderedChart chart = RenderedChart.render("""
                rxrpc:
                  callbackService: {enabled: true, type: NodePort, nodePort: 31001}
                """);
        Service callbacks = chart.service("rxrpc");

        assertThat(callbacks.getSpec().getType()).isEqualTo("NodePort");
        assertThat(callbacks.getSpec().getExternalTrafficPolicy()).isEqualTo("Local");
        assertThat(callbacks.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getProtocol()).isEqualTo("UDP");
            assertThat(p.getPort()).isEqualTo(7001);
            assertThat(p.getTargetPort().getStrVal()).isEqualTo("rxrpc");
            assertThat(p.getNodePort()).isEqualTo(31001);
        });
        assertThat(chart.service("").getSpec().getPorts()).noneMatch(p -> "UDP".equals(p.getProtocol()));
    }

    private static String ports(List<NetworkPolicyPort> ports) {
        return String.join(",", ports.stream().map(p -> p.getProtocol() + ":" + p.getPort().getStrVal()).toList());
    }
}
