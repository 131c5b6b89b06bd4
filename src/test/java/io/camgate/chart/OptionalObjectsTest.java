package io.camgate.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The optional objects are off by default, and when on they point at the release's own objects. */
class OptionalObjectsTest {
    private final RenderedChart defaults = ValueSets.defaults();
    private final RenderedChart all = ValueSets.allFeatures();

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private static Map<String, Object> podLabels(RenderedChart chart) {
        return map(chart.one("Deployment").path("spec").path("template").path("metadata").path("labels"));
    }

    private static Map<String, Object> map(JsonNode node) {
        return RenderedChart.YAML.convertValue(node, MAP);
    }

    @Test
    void defaultsRunTwoPodsWithABudgetAndNothingThatNeedsCrds() {
        assertThat(defaults.one("Deployment").path("spec").path("replicas").asInt()).isEqualTo(2);
        assertThat(defaults.all("HorizontalPodAutoscaler")).isEmpty();
        assertThat(defaults.all("ServiceMonitor")).isEmpty();
        assertThat(defaults.all("NetworkPolicy")).isEmpty();
        assertThat(defaults.one("PodDisruptionBudget").path("spec").path("minAvailable").asInt()).isEqualTo(1);
        assertThat(defaults.podSpec().path("affinity").path("podAntiAffinity")
                .has("preferredDuringSchedulingIgnoredDuringExecution")).isTrue();
    }

    @Test
    void oneReplicaGetsNoBudgetThatWouldBlockEveryDrain() {
        RenderedChart single = RenderedChart.render(List.of(), Map.of("replicaCount", "1"));
        assertThat(single.all("PodDisruptionBudget")).isEmpty();
    }

    @Test
    void selectorsMatchThePods() {
        for (RenderedChart chart : List.of(defaults, all)) {
            Map<String, Object> labels = podLabels(chart);
            assertThat(labels).containsAllEntriesOf(map(chart.one("Service").path("spec").path("selector")));
            assertThat(labels).containsAllEntriesOf(map(chart.one("Deployment").path("spec").path("selector").path("matchLabels")));
            assertThat(labels).containsAllEntriesOf(map(chart.one("PodDisruptionBudget").path("spec").path("selector").path("matchLabels")));
        }
        assertThat(podLabels(all)).containsAllEntriesOf(map(all.one("NetworkPolicy").path("spec").path("podSelector").path("matchLabels")));
        assertThat(map(all.one("Service").path("metadata").path("labels")))
                .containsAllEntriesOf(map(all.one("ServiceMonitor").path("spec").path("selector").path("matchLabels")));
    }

    @Test
    void theAutoscalerOwnsTheReplicaCount() {
        JsonNode hpa = all.one("HorizontalPodAutoscaler").path("spec");
        assertThat(hpa.path("scaleTargetRef").path("kind").asText()).isEqualTo("Deployment");
        assertThat(hpa.path("scaleTargetRef").path("name")).isEqualTo(all.one("Deployment").path("metadata").path("name"));
        assertThat(all.one("Deployment").path("spec").has("replicas")).isFalse();
        assertThat(hpa.path("metrics").findValuesAsText("name")).containsExactly("cpu", "memory");
        JsonNode pdb = all.one("PodDisruptionBudget").path("spec");
        assertThat(pdb.has("minAvailable")).isNotEqualTo(pdb.has("maxUnavailable"));
    }

    @Test
    void prometheusScrapesMetricsOnTheAdminPort() {
        JsonNode endpoint = all.one("ServiceMonitor").path("spec").path("endpoints").path(0);
        assertThat(endpoint.path("path").asText()).isEqualTo("/metrics");
        JsonNode servicePort = StreamSupport.stream(all.one("Service").path("spec").path("ports").spliterator(), false)
                .filter(p -> p.path("name").equals(endpoint.path("port"))).findFirst().orElseThrow();
        assertThat(servicePort.path("port").asInt()).isEqualTo(all.camgateYaml().path("admin").path("port").asInt());
    }

    @Test
    void theNetworkPolicyOpensExactlyTheCamgatePorts() {
        Set<Integer> opened = new HashSet<>();
        for (JsonNode rule : all.one("NetworkPolicy").path("spec").path("ingress")) {
            rule.path("ports").forEach(p -> opened.add(p.path("port").asInt()));
        }
        JsonNode camgate = all.camgateYaml();
        assertThat(opened).containsExactlyInAnyOrder(camgate.path("listen").path("port").asInt(),
                camgate.path("admin").path("port").asInt(), camgate.path("ingress").path("port").asInt());
    }

    @Test
    void onlyTheIngressControllerReachesTheIngressDecisionPort() {
        int ingress = all.camgateYaml().path("ingress").path("port").asInt();
        JsonNode rule = StreamSupport.stream(all.one("NetworkPolicy").path("spec").path("ingress").spliterator(), false)
                .filter(r -> r.path("ports").path(0).path("port").asInt() == ingress).findFirst().orElseThrow();
        assertThat(rule.path("from")).hasSize(1);
        assertThat(rule.path("from").path(0).path("namespaceSelector").path("matchLabels")
                .path("kubernetes.io/metadata.name").asText()).isEqualTo("ingress-nginx");
    }

    @Test
    void aDigestPinsTheImageAndExtraPartsJoinThePod() {
        assertThat(all.container().path("image").asText())
                .matches("camgate:0\\.1\\.0@sha256:[0-9a-f]{64}");
        assertThat(defaults.container().path("image").asText()).doesNotContain("@");
        JsonNode pod = all.podSpec();
        assertThat(pod.path("volumes").findValuesAsText("name")).contains("trust", "config", "tmp");
        assertThat(all.container().path("volumeMounts").findValuesAsText("mountPath")).contains("/etc/ssl/corporate");
        assertThat(pod.path("containers")).hasSize(2);
        assertThat(pod.path("containers").path(0).path("name").asText()).isEqualTo("camgate");
        assertThat(pod.path("containers").path(1).path("name").asText()).isEqualTo("log-shipper");
        assertThat(all.container().path("env").findValuesAsText("name")).containsExactly("UPSTREAM_REGION");
    }
}
