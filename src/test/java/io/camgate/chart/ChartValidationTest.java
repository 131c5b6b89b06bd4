package io.camgate.chart;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Values that would give a pod that cannot work are refused when rendering, with the reason. */
class ChartValidationTest {
    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            camgate.listen.address                 | 127.0.0.1 | camgate.listen.address must be a non-loopback address
            camgate.admin.address                  | localhost | camgate.admin.address must be a non-loopback address
            camgate.listen.port                    | 80        | camgate.listen.port must be 1024 or above
            camgate.admin.port                     | 8080      | must differ
            camgate.listen.shutdownTimeout         | 30 sec    | is not a duration
            shutdown.terminationGracePeriodSeconds | 35        | must exceed the preStop pause plus
            tls.enabled                            | true      | tls.enabled needs tls.secretName
            podDisruptionBudget.maxUnavailable     | 1         | set minAvailable or maxUnavailable, not both
            podAntiAffinity.type                   | strict    | podAntiAffinity.type must be soft, hard or empty
            config.policies.bad@name\\.json        | {}        | may hold only letters, digits
            resources.limits.memory                | null      | resources.limits.memory is required
            """)
    void refused(String key, String value, String reason) {
        assertThatThrownBy(() -> RenderedChart.render(List.of(), Map.of(key, value)))
                .hasMessageContaining(reason);
    }
}
