package io.camgate.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Settings the chart derives from other values instead of asking for them twice. */
class DerivedSettingsTest {
    @ParameterizedTest(name = "shutdownTimeout {0}, preStop {1} s -> grace {2} s")
    @CsvSource({"30s, 5, 45", "2m, 5, 135", "500ms, 0, 11", "007s, 3, 20", "1h, 10, 3620"})
    void theGracePeriodCoversThePauseAndTheDrain(String shutdownTimeout, int preStop, int grace) {
        RenderedChart chart = RenderedChart.render(List.of(), Map.of("camgate.listen.shutdownTimeout", shutdownTimeout,
                "shutdown.preStopSleepSeconds", String.valueOf(preStop)));
        assertThat(chart.podSpec().path("terminationGracePeriodSeconds").asInt()).isEqualTo(grace);
        assertThat(chart.camgateYaml().path("listen").path("shutdownTimeout").asText()).isEqualTo(shutdownTimeout);
    }

    @ParameterizedTest(name = "cpu {0}, activeProcessorCount {1} -> {2}")
    @CsvSource({"1, 0, 1", "250m, 0, 1", "2500m, 0, 3", "2, 0, 2", "1.5, 0, 2", "1, 4, 4"})
    void theJvmSeesTheCoresThePodRequested(String cpu, int given, int processors) {
        RenderedChart chart = RenderedChart.render(List.of(), Map.of("resources.requests.cpu", cpu,
                "activeProcessorCount", String.valueOf(given)));
        JsonNode command = chart.container().path("command");
        assertThat(command.path(0).asText()).isEqualTo("java");
        assertThat(command.path(1).asText()).isEqualTo("-XX:ActiveProcessorCount=" + processors);
    }
}
