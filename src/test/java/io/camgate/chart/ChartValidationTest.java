package io.camgate.chart;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Values that would give a pod that cannot work are refused when rendering, with the reason:
 * types, ranges and misspelt keys by values.schema.json, the rest by the templates.
 */
class ChartValidationTest {
    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            camgate.listen.address                 | 127.0.0.1 | camgate.listen.address must be a non-loopback address
            camgate.admin.address                  | localhost | camgate.admin.address must be a non-loopback address
            camgate.listen.port                    | 80        | at '/camgate/listen/port': minimum
            camgate.admin.port                     | 8080      | must differ
            camgate.listen.shutdownTimeout         | 30 sec    | is not a duration
            camgate.listen.bodyTimeout             | 1 minute  | at '/camgate/listen/bodyTimeout'
            shutdown.terminationGracePeriodSeconds | 35        | must exceed the preStop pause plus
            tls.enabled                            | true      | tls.enabled needs tls.secretName
            podDisruptionBudget.maxUnavailable     | 1         | set minAvailable or maxUnavailable, not both
            podAntiAffinity.type                   | strict    | at '/podAntiAffinity/type'
            config.policies.bad@name\\.json        | {}        | may hold only letters, digits
            resources.limits.memory                | null      | resources.limits.memory is required
            replicaCont                            | 3         | replicaCont
            camgate.admin.port                     | 70000     | at '/camgate/admin/port': maximum
            camgate.ingress.address                | 0.0.0.0   | camgate.ingress needs a port
            camgate.ingress.port                   | 8080      | camgate.ingress.port must differ
            camgate.ingress.port                   | 8081      | camgate.ingress.address must be a non-loopback address
            camgate.ingress.pot                    | 8081      | pot
            image.digest                           | latest    | at '/image/digest'
            prometheusRule.errorRatio              | 5         | at '/prometheusRule/errorRatio'
            grafanaDashboard.lable                 | x         | lable
            camgate.logging.level                  | verbose   | at '/camgate/logging/level'
            extraVolumeMounts[0].name              | x         | at '/extraVolumeMounts/0'
            """)
    void refused(String key, String value, String reason) {
        assertThatThrownBy(() -> RenderedChart.render(List.of(), Map.of(key, value)))
                .hasMessageContaining(reason);
    }

    @Test
    void anIngressListenerBehindANetworkPolicyNamesWhoMayReachIt() {
        assertThatThrownBy(() -> RenderedChart.render(List.of(ValueSets.ALL_FEATURES),
                Map.of("networkPolicy.ingressFrom", "null")))
                .hasMessageContaining("camgate.ingress with networkPolicy.enabled needs networkPolicy.ingressFrom");
    }

    @Test
    void noExtraMountInsideTheConfigurationDirectory() {
        assertThatThrownBy(() -> RenderedChart.render(List.of(), Map.of("extraVolumes[0].name", "x",
                "extraVolumes[0].emptyDir.medium", "Memory", "extraVolumeMounts[0].name", "x",
                "extraVolumeMounts[0].mountPath", "/etc/camgate/config/extra")))
                .hasMessageContaining("extraVolumeMounts: /etc/camgate/config/extra is inside /etc/camgate/config");
    }

    @Test
    void aConfigurationOverOneMebibyteIsRefusedWithItsSize() throws IOException {
        // one statement repeated: 7,000 of them are about 1.2 MB as the ConfigMap would store them
        String statement = "{\"effect\": \"allow\", \"action\": [\"name/cos:GetObject\"], \"resource\": "
                + "[\"qcs::cos:ap-shanghai:uid/1250000001:examplebucket-1250000001/home/user-000000/*\"]}";
        String policy = "{\"version\": \"2.0\", \"statement\": [" + String.join(", ",
                Collections.nCopies(7_000, statement)) + "]}";
        Path values = Files.createDirectories(Path.of("target", "chart-values")).resolve("over-one-mebibyte.yaml");
        Files.writeString(values, RenderedChart.YAML.writeValueAsString(
                Map.of("config", Map.of("policies", Map.of("big.json", policy)))));
        assertThatThrownBy(() -> RenderedChart.render(values))
                .hasMessageContaining("config.* renders a ConfigMap of 1")
                .hasMessageContaining("more than the 1 MiB (1048576 bytes) Kubernetes stores in one");
    }

    @Test
    void oneSecretOfKeysAtATime() {
        assertThatThrownBy(() -> RenderedChart.render(List.of(ValueSets.ALL_FEATURES),
                Map.of("secrets.existingSecret.name", "camgate-keys")))
                .hasMessageContaining("give secrets.keys or secrets.existingSecret, not both");
    }
}
