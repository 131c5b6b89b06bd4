package io.camgate.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The image cannot be built here (no container engine), so this checks what the chart relies on
 * in the Dockerfile: a build stage and a JRE runtime stage, the user the pod's securityContext
 * names, the default ports and JVM flags the chart's defaults repeat.
 */
class DockerfileTest {
    private final String dockerfile = read();
    private final RenderedChart chart = ValueSets.defaults();

    private static String read() {
        try {
            return Files.readString(Path.of("Dockerfile"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String instruction(String name) {
        List<String> found = dockerfile.lines().filter(l -> l.startsWith(name + " ")).toList();
        assertThat(found).as(name).isNotEmpty();
        return found.get(found.size() - 1).substring(name.length() + 1).strip();
    }

    @Test
    void buildsWithMavenAndRunsOnAJre() {
        List<String> stages = dockerfile.lines().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(stages).hasSize(2);
        assertThat(stages.get(0)).startsWith("FROM maven:").endsWith(" AS build");
        assertThat(stages.get(1)).matches("FROM eclipse-temurin:\\d+-jre-.*");
        assertThat(dockerfile).contains("COPY --from=build /src/target/camgate.jar");
    }

    @Test
    void runsAsTheUserThePodDemands() {
        JsonNode pod = chart.podSpec().path("securityContext");
        assertThat(instruction("USER")).isEqualTo(pod.path("runAsUser").asInt() + ":" + pod.path("runAsGroup").asInt());
    }

    @Test
    void exposesTheDefaultPortsAndReadsTheDirectoryTheChartMounts() {
        JsonNode camgate = chart.camgateYaml();
        assertThat(instruction("EXPOSE")).isEqualTo(camgate.path("listen").path("port").asInt() + " "
                + camgate.path("admin").path("port").asInt());
        assertThat(instruction("CMD")).isEqualTo(chart.container().path("args").toString().replace(",", ", "));
    }

    @Test
    void theChartRepeatsTheImageJvmFlagsOnTheCommandLine() {
        String entrypoint = instruction("ENTRYPOINT");
        String command = chart.container().path("command").toString().replace(",", ", ");
        assertThat(entrypoint).startsWith("[\"java\"").endsWith("\"-jar\", \"/opt/camgate/camgate.jar\"]");
        // the chart's command is the image's with the processor count first
        assertThat(command).isEqualTo(entrypoint.replace("[\"java\", ", "[\"java\", \"-XX:ActiveProcessorCount=1\", "));
        // no JAVA_TOOL_OPTIONS: the JVM would announce it with a line that is not JSON
        assertThat(dockerfile).doesNotContain("ENV JAVA_TOOL_OPTIONS");
        assertThat(chart.container().path("env").findValuesAsText("name")).doesNotContain("JAVA_TOOL_OPTIONS");
    }
}
