package io.camgate.chart;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void oneSecretOfKeysAtATime() {
        assertThatThrownBy(() -> RenderedChart.render(List.of(ValueSets.ALL_FEATURES),
                Map.of("secrets.existingSecret.name", "camgate-keys")))
                .hasMessageContaining("give secrets.keys or secrets.existingSecret, not both");
    }
}
