package io.camgate.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** sharedLimits values become camgate.yaml's limits: section, with the Redis Secret mounted where it points. */
class SharedLimitsChartTest {
    private static JsonNode camgateYaml(RenderedChart chart) throws Exception {
        return RenderedChart.YAML.readTree(chart.one("ConfigMap").path("data").path("camgate.yaml").asText());
    }

    @Test
    void withoutAUriNothingChanges() throws Exception {
        assertThat(camgateYaml(ValueSets.defaults()).has("limits")).isFalse();
        assertThat(ValueSets.defaults().podSpec().toString()).doesNotContain("redis/");
    }

    @Test
    void aUriWithSecretsNamesRedisAndMountsThePasswordAndCa() throws Exception {
        RenderedChart chart = RenderedChart.render(List.of(), Map.of("sharedLimits.uri", "rediss://redis.cache:6380",
                "sharedLimits.passwordSecret", "redis-auth", "sharedLimits.caSecret", "redis-ca",
                "sharedLimits.exactBelow", "20", "replicaCount", "3"));
        JsonNode limits = camgateYaml(chart).path("limits");
        assertThat(limits.path("redis").path("uri").asText()).isEqualTo("rediss://redis.cache:6380");
        assertThat(limits.path("redis").path("passwordFile").asText()).isEqualTo("redis/password");
        assertThat(limits.path("redis").path("caFile").asText()).isEqualTo("redis/ca.pem");
        assertThat(limits.path("replicas").asInt()).isEqualTo(3);
        assertThat(limits.path("exactBelow").asInt()).isEqualTo(20);
        String sources = chart.podSpec().path("volumes").get(0).path("projected").path("sources").toString();
        assertThat(sources).contains("\"name\":\"redis-auth\"").contains("\"path\":\"redis/password\"")
                .contains("\"name\":\"redis-ca\"").contains("\"path\":\"redis/ca.pem\"");
    }
}
