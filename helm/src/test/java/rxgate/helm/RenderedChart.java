package rxgate.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The chart rendered in-process by Helm ({@code helm template}) with given values, parsed into
 * fabric8 Kubernetes objects. Kinds fabric8 does not know (ServiceMonitor) come back as
 * {@link GenericKubernetesResource}.
 */
final class RenderedChart {

    static final Path CHART_DIR = Path.of(System.getProperty("rxgate.chart.dir", "rxgate"));
    static final String RELEASE = "rx";
    static final String NAMESPACE = "gateways";
    /**
     * The cluster version the tests render for. helm-java's in-process Helm defaults to v1.20,
     * older than the chart's kubeVersion (a helm binary defaults to its client-go version).
     */
    static final String KUBE_VERSION = "1.31.0";
    /** The release's full name: release name plus chart name. */
    static final String FULLNAME = "rx-rxgate";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final Pattern HOOK_ANNOTATION = Pattern.compile("(?m)^[ \\t]*helm\\.sh/hook[-a-z]*:.*\\n");

    private final String manifests;
    private final List<HasMetadata> objects;

    private RenderedChart(String manifests, List<HasMetadata> objects) {
        this.manifests = manifests;
        this.objects = objects;
    }

    /** Renders with the chart's default values. */
    static RenderedChart render() {
        return render("");
    }

    /** Renders with {@code valuesYaml} on top of the chart's values.yaml. */
    static RenderedChart render(String valuesYaml) {
        return render(valuesYaml, KUBE_VERSION);
    }

    /** As {@link #render(String)}, for a given cluster version. */
    static RenderedChart render(String valuesYaml, String kubeVersion) {
        String manifests = template(valuesYaml).withKubeVersion(kubeVersion).call();
        return new RenderedChart(manifests, parse(manifests));
    }

    /** Renders values that must be refused; returns Helm's error message. */
    static String renderError(String valuesYaml) {
        try {
            String manifests = template(valuesYaml).withKubeVersion(KUBE_VERSION).call();
            throw new AssertionError("expected the chart to refuse these values, but it rendered:\n" + manifests);
        } catch (IllegalStateException refused) {
            return refused.getMessage();
        }
    }

    /**
     * Renders the chart's {@code helm test} pods. Helm leaves hooks out of its template output,
     * so this renders a copy of the chart whose test templates have their hook annotations
     * removed; everything else is the chart as it is.
     */
    static RenderedChart renderHelmTests() {
        Path copy = copyWithoutTestHookAnnotations();
        String manifests = new Helm(copy).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION).call();
        return new RenderedChart(manifests, parse(manifests));
    }

    /** The chart's NOTES.txt as {@code helm install} prints it (client-side dry run, no cluster). */
    static String notes(String valuesYaml) {
        InstallCommand install = new Helm(CHART_DIR).install().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION).dryRun().clientOnly();
        if (!valuesYaml.isBlank()) {
            install.withValuesFile(writeTemp(valuesYaml));
        }
        String output = install.call().getOutput();
        return output.substring(output.indexOf("NOTES:"));
    }

    private static Path copyWithoutTestHookAnnotations() {
        try {
            Path copy = Files.createTempDirectory("rxgate-chart-");
            copy.toFile().deleteOnExit();
            try (Stream<Path> files = Files.walk(CHART_DIR)) {
                for (Path source : files.toList()) {
                    Path target = copy.resolve(CHART_DIR.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else if (source.getParent().endsWith(Path.of("templates", "tests"))) {
                        Files.writeString(target, HOOK_ANNOTATION.matcher(Files.readString(source)).replaceAll(""));
                    } else {
                        Files.copy(source, target);
                    }
                    target.toFile().deleteOnExit();
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TemplateCommand template(String valuesYaml) {
        TemplateCommand template = new Helm(CHART_DIR).template().withName(RELEASE).withNamespace(NAMESPACE);
        if (!valuesYaml.isBlank()) {
            template.withValuesFile(writeTemp(valuesYaml));
        }
        return template;
    }

    private static Path writeTemp(String valuesYaml) {
        try {
            Path file = Files.createTempFile("rxgate-values-", ".yaml");
            file.toFile().deleteOnExit();
            return Files.writeString(file, valuesYaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<HasMetadata> parse(String manifests) {
        List<HasMetadata> parsed = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(manifests)) {
            boolean onlyComments = document.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#"));
            if (!onlyComments) {
                parsed.add(SERIALIZATION.unmarshal(document, HasMetadata.class));
            }
        }
        return parsed;
    }

    /** The raw output of {@code helm template}. */
    String manifests() {
        return manifests;
    }

    List<HasMetadata> objects() {
        return objects;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " named " + name));
    }

    /** The one object of a kind fabric8 has no class for, e.g. ServiceMonitor, if rendered. */
    Optional<GenericKubernetesResource> generic(String kind) {
        return all(GenericKubernetesResource.class).stream().filter(o -> o.getKind().equals(kind)).findFirst();
    }

    Deployment deployment() {
        return get(Deployment.class, FULLNAME);
    }

    Container gateway() {
        return deployment().getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals("gateway")).findFirst().orElseThrow();
    }

    Service service(String suffix) {
        return get(Service.class, suffix.isEmpty() ? FULLNAME : FULLNAME + "-" + suffix);
    }

    ConfigMap configMap() {
        return get(ConfigMap.class, FULLNAME + "-config");
    }

    /** The rendered application.yaml of the ConfigMap, as nested maps. */
    @SuppressWarnings("unchecked")
    Map<String, Object> applicationConfig() {
        return YAML.readValue(configMap().getData().get("application.yaml"), Map.class);
    }

    /** A value of {@link #applicationConfig()} by its dotted path, e.g. {@code management.server.port}. */
    Object config(String dottedPath) {
        Object node = applicationConfig();
        for (String key : dottedPath.split("\\.")) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(key)) {
                throw new AssertionError("application.yaml has no " + dottedPath);
            }
            node = map.get(key);
        }
        return node;
    }

    String podAnnotation(String name) {
        return deployment().getSpec().getTemplate().getMetadata().getAnnotations().get(name);
    }
}
