package io.camgate.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chart as the embedded Helm engine renders it ({@code helm template}), split into its
 * Kubernetes objects, each parsed as YAML.
 */
final class RenderedChart {
    static final Path CHART = Path.of("helm", "camgate");
    static final YAMLMapper YAML = new YAMLMapper();
    /** The cluster version to render for; Helm's own default predates the chart's kubeVersion floor (1.27). */
    static final String KUBERNETES = "1.30.0";

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private final List<JsonNode> objects;

    private RenderedChart(List<JsonNode> objects) {
        this.objects = objects;
    }

    /** Renders with the given values files (in order) and then the {@code --set} pairs. */
    static RenderedChart render(List<Path> valuesFiles, Map<String, String> set) {
        TemplateCommand template = new Helm(CHART).template().withName("gw").withNamespace("storage").withKubeVersion(KUBERNETES);
        valuesFiles.forEach(template::withValuesFile);
        set.forEach(template::set);
        return parse(template.call());
    }

    static RenderedChart render(Path... valuesFiles) {
        return render(List.of(valuesFiles), Map.of());
    }

    /** Every document of {@code manifests} parsed; a document that is not YAML fails the parse. */
    static RenderedChart parse(String manifests) {
        List<JsonNode> out = new ArrayList<>();
        try (var docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(manifests)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    out.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RenderedChart(List.copyOf(out));
    }

    List<JsonNode> objects() {
        return objects;
    }

    /** The objects of one kind. */
    List<JsonNode> all(String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    /** The single object of {@code kind}; fails when there is none or more than one. */
    JsonNode one(String kind) {
        List<JsonNode> found = all(kind);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + ", found " + found.size());
        }
        return found.get(0);
    }

    JsonNode podSpec() {
        return one("Deployment").path("spec").path("template").path("spec");
    }

    JsonNode container() {
        return podSpec().path("containers").path(0);
    }

    /** A file of the release's main ConfigMap (the one holding camgate.yaml), by its key. */
    String configFile(String key) {
        return configFile(one("Deployment").path("metadata").path("name").asText(), key);
    }

    /** A file of the named ConfigMap, by its key. */
    String configFile(String configMap, String key) {
        JsonNode text = named("ConfigMap", configMap).path("data").path(key);
        if (!text.isTextual()) {
            throw new AssertionError("the ConfigMap " + configMap + " has no key " + key);
        }
        return text.asText();
    }

    /** The object of {@code kind} called {@code name}. */
    JsonNode named(String kind, String name) {
        return all(kind).stream().filter(o -> o.path("metadata").path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
    }

    /** camgate.yaml as the pods will read it. */
    ObjectNode camgateYaml() {
        try {
            return (ObjectNode) YAML.readTree(configFile("camgate.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The volume mounted where {@code serve --config} reads: ConfigMap and Secret items together. */
    JsonNode configVolume() {
        return projectedVolume("config");
    }

    /** The projected volume of the pod called {@code name}. */
    JsonNode projectedVolume(String name) {
        for (JsonNode v : podSpec().path("volumes")) {
            if (v.path("name").asText().equals(name)) {
                return v.path("projected");
            }
        }
        throw new AssertionError("no volume " + name);
    }

    /** camgate.yaml's listen.shutdownTimeout in seconds, rounded up; 30 when absent. */
    long drainSeconds() {
        String text = camgateYaml().path("listen").path("shutdownTimeout").asText("30s");
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new AssertionError("not a duration: " + text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> (n + 999) / 1000;
            case "s" -> n;
            case "m" -> n * 60;
            case "h" -> n * 3600;
            default -> n * 86400;
        };
    }

    /** The container port a probe or Service names, by name or number. */
    int containerPort(JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        for (JsonNode p : container().path("ports")) {
            if (p.path("name").asText().equals(port.asText())) {
                return p.path("containerPort").asInt();
            }
        }
        throw new AssertionError("no container port named " + port);
    }
}
