package io.camgate.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** store.* values put a store: section in camgate.yaml and mount its Secrets where it names them; off by default. */
class StoreValuesTest {
    private static final Map<String, String> STORE = Map.of("store.enabled", "true",
            "store.endpoints[0]", "https://etcd-0.etcd:2379", "store.prefix", "/camgate/prod/",
            "store.user", "camgate", "store.authSecret", "etcd-auth", "store.tlsSecret", "etcd-tls",
            "store.clientCertificate", "true", "store.sealKeySecret", "camgate-seal");

    @Test
    void withoutStoreValuesCamgateYamlHasNoStore() {
        assertThat(ValueSets.defaults().camgateYaml().has("store")).isFalse();
    }

    @Test
    void storeValuesNameTheEndpointsAndTheMountedSecrets() {
        RenderedChart chart = RenderedChart.render(List.of(), STORE);
        ObjectNode yaml = chart.camgateYaml();
        JsonNode store = yaml.path("store");
        assertThat(store.path("endpoints").get(0).asText()).isEqualTo("https://etcd-0.etcd:2379");
        assertThat(store.path("prefix").asText()).isEqualTo("/camgate/prod/");
        assertThat(store.path("user").asText()).isEqualTo("camgate");
        assertThat(store.path("passwordFile").asText()).isEqualTo("store/password");
        assertThat(store.path("tls").path("ca").asText()).isEqualTo("store/ca.crt");
        assertThat(store.path("tls").path("cert").asText()).isEqualTo("store/tls.crt");
        assertThat(store.path("sealKeyFile").asText()).isEqualTo("store/seal.key");
        assertThat(store.path("workDir").asText()).startsWith("/tmp/");
        List<String> mounted = new ArrayList<>();
        for (JsonNode source : chart.configVolume().path("sources")) {
            for (JsonNode item : source.path("secret").path("items")) {
                mounted.add(source.path("secret").path("name").asText() + ":" + item.path("path").asText());
            }
        }
        assertThat(mounted).contains("etcd-auth:store/password", "etcd-tls:store/ca.crt", "etcd-tls:store/tls.key",
                "camgate-seal:store/seal.key");
        // the CAM API is on the admin port, which the Service carries: any pod takes a write
        assertThat(chart.one("Service").path("spec").path("ports").findValuesAsText("name")).contains("admin");
    }

    @Test
    void storeWithoutEndpointsIsRefused() {
        assertThatThrownBy(() -> RenderedChart.render(List.of(), Map.of("store.enabled", "true")))
                .hasMessageContaining("store.endpoints");
    }
}
