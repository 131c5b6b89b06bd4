package io.camgate.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camgate.chart.ValueSets.ValueSet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every rendering of the chart must hold, for each value set it promises to render. */
class ChartContractTest {
    static List<ValueSet> valueSets() {
        return ValueSets.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void everyObjectIsAWellFormedKubernetesObject(ValueSet values) {
        RenderedChart chart = values.render();
        assertThat(chart.objects()).isNotEmpty();
        for (JsonNode o : chart.objects()) {
            assertThat(o.path("apiVersion").asText()).as("apiVersion of %s", o).isNotEmpty();
            assertThat(o.path("kind").asText()).as("kind of %s", o).isNotEmpty();
            assertThat(o.path("metadata").path("name").asText()).as("name of %s", o)
                    .matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
        }
        assertThat(chart.all("Deployment")).hasSize(1);
        assertThat(chart.all("ConfigMap")).isNotEmpty();
        assertThat(chart.all("Service")).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void probesAskTheAdminListenerThatCamgateYamlConfigures(ValueSet values) {
        RenderedChart chart = values.render();
        int admin = chart.camgateYaml().path("admin").path("port").asInt();
        JsonNode liveness = chart.container().path("livenessProbe").path("httpGet");
        JsonNode readiness = chart.container().path("readinessProbe").path("httpGet");
        assertThat(liveness.path("path").asText()).isEqualTo("/healthz");
        assertThat(readiness.path("path").asText()).isEqualTo("/readyz");
        assertThat(chart.containerPort(liveness.path("port"))).isEqualTo(admin);
        assertThat(chart.containerPort(readiness.path("port"))).isEqualTo(admin);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void servicePortsAreTheCamgateYamlPorts(ValueSet values) {
        RenderedChart chart = values.render();
        ObjectNode camgate = chart.camgateYaml();
        int data = camgate.path("listen").path("port").asInt();
        int admin = camgate.path("admin").path("port").asInt();
        Set<Integer> expected = new HashSet<>(List.of(data, admin));
        if (camgate.has("ingress")) {
            expected.add(camgate.path("ingress").path("port").asInt());
        }
        Set<Integer> servicePorts = new HashSet<>();
        for (JsonNode p : chart.one("Service").path("spec").path("ports")) {
            int port = p.path("port").asInt();
            assertThat(chart.containerPort(p.path("targetPort"))).as("target of Service port %s", p).isEqualTo(port);
            servicePorts.add(port);
        }
        assertThat(servicePorts).isEqualTo(expected);
        for (String listener : List.of("listen", "admin", "ingress")) {
            JsonNode address = camgate.path(listener).path("address");
            assertThat(address.isMissingNode() && !listener.equals("ingress")).as("%s has an address", listener).isFalse();
            assertThat(address.asText()).as("a pod listens on its own IP").doesNotStartWith("127.").isNotEqualTo("localhost");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void theConfigDirectoryIsMountedWholeWhereServeReadsIt(ValueSet values) {
        RenderedChart chart = values.render();
        JsonNode pod = chart.podSpec();
        for (JsonNode c : pod.path("containers")) {
            for (JsonNode m : c.path("volumeMounts")) {
                assertThat(m.has("subPath") || m.has("subPathExpr")).as("subPath mounts never update: %s", m).isFalse();
            }
        }
        List<String> args = StreamSupport.stream(chart.container().path("args").spliterator(), false)
                .map(JsonNode::asText).toList();
        String configDir = args.get(args.indexOf("--config") + 1);
        JsonNode mount = StreamSupport.stream(chart.container().path("volumeMounts").spliterator(), false)
                .filter(m -> m.path("mountPath").asText().equals(configDir)).findFirst().orElseThrow();
        JsonNode volume = StreamSupport.stream(pod.path("volumes").spliterator(), false)
                .filter(v -> v.path("name").equals(mount.path("name"))).findFirst().orElseThrow();
        assertThat(volume.path("projected").path("sources").findValuesAsText("name"))
                .contains(chart.one("Deployment").path("metadata").path("name").asText());
        assertThat(chart.configFile("camgate.yaml")).isNotEmpty();
        assertThat(mount.path("readOnly").asBoolean()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void everySecretKeyFileIsAFileOfTheMountedDirectory(ValueSet values) throws IOException {
        RenderedChart chart = values.render();
        Set<String> mounted = new HashSet<>(chart.configVolume().findValuesAsText("path"));
        List<String> referenced = new ArrayList<>();
        referenced.addAll(chart.camgateYaml().findValuesAsText("secretKeyFile"));
        referenced.addAll(RenderedChart.YAML.readTree(chart.configFile("accounts.yaml")).findValuesAsText("secretKeyFile"));
        assertThat(mounted).containsAll(referenced);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void thePodRunsLockedDown(ValueSet values) {
        RenderedChart chart = values.render();
        JsonNode pod = chart.podSpec();
        JsonNode c = chart.container();
        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.path("securityContext").path("runAsUser").asInt()).isPositive();
        assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
        JsonNode sc = c.path("securityContext");
        assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(sc.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(StreamSupport.stream(sc.path("capabilities").path("drop").spliterator(), false).map(JsonNode::asText))
                .containsExactly("ALL");
        assertThat(sc.path("capabilities").has("add")).isFalse();
        JsonNode tmp = StreamSupport.stream(c.path("volumeMounts").spliterator(), false)
                .filter(m -> m.path("mountPath").asText().equals("/tmp")).findFirst().orElseThrow();
        assertThat(StreamSupport.stream(pod.path("volumes").spliterator(), false)
                .filter(v -> v.path("name").equals(tmp.path("name"))).findFirst().orElseThrow().has("emptyDir")).isTrue();
        assertThat(c.path("resources").path("requests").path("cpu").asText()).isNotEmpty();
        assertThat(c.path("resources").path("requests").path("memory").asText()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void thePodPausesThenHasTimeToDrain(ValueSet values) {
        RenderedChart chart = values.render();
        JsonNode command = chart.container().path("lifecycle").path("preStop").path("exec").path("command");
        assertThat(command.path(0).asText()).isEqualTo("sleep");
        long pause = Long.parseLong(command.path(1).asText());
        long drain = chart.drainSeconds();
        assertThat(chart.podSpec().path("terminationGracePeriodSeconds").asLong()).isGreaterThan(pause + drain);
    }
}
