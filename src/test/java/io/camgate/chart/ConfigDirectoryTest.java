package io.camgate.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camgate.authz.Snapshot;
import io.camgate.config.ConfigLoader;
import io.camgate.identity.AccessKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lays the rendered ConfigMap and Secret out as the projected volume does in the pod, and loads
 * the result with camgate's own loader: the mount layout and the loader agree on where keys are.
 */
class ConfigDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void theRenderedDirectoryLoadsWithEveryKeyFromTheSecret() throws Exception {
        RenderedChart chart = ValueSets.all().get(1).render();
        project(chart);

        Snapshot snapshot = new ConfigLoader(name -> null).load(dir, 1);

        assertThat(snapshot.directory().key("AKIDexampleALICE000000000000000011").map(AccessKey::secretKey))
                .contains("ciAliceSecretKey00000000000000011");
        assertThat(snapshot.directory().key("AKIDexampleROOT0000000000000000001").map(AccessKey::secretKey))
                .contains("ciRootSecretKey000000000000000001");
        assertThat(snapshot.policies().customPolicies()).containsKeys("uploads", "media-jobs");
        assertThat(snapshot.policies().bucketPolicy("examplebucket-1250000001")).isPresent();
        assertThat(Files.readString(dir.resolve("secrets/upstream.key"))).isEqualTo("ciUpstreamSecretKey0000000000000");
    }

    @Test
    void theDefaultDirectoryLoadsAndKnowsNobody() throws Exception {
        project(ValueSets.all().get(0).render());

        Snapshot snapshot = new ConfigLoader(name -> null).load(dir, 1);

        assertThat(snapshot.directory().accounts()).isEmpty();
    }

    /** Writes every item of the config volume whose source the chart renders to its path under dir. */
    private void project(RenderedChart chart) throws Exception {
        String configMap = chart.one("ConfigMap").path("metadata").path("name").asText();
        for (JsonNode source : chart.configVolume().path("sources")) {
            if (source.has("configMap")) {
                assertThat(source.path("configMap").path("name").asText()).isEqualTo(configMap);
                for (JsonNode item : source.path("configMap").path("items")) {
                    write(item.path("path").asText(), chart.configFile(item.path("key").asText()));
                }
            } else {
                JsonNode secret = source.path("secret");
                for (JsonNode rendered : chart.all("Secret")) {
                    if (rendered.path("metadata").path("name").equals(secret.path("name"))) {
                        for (JsonNode item : secret.path("items")) {
                            byte[] value = Base64.getDecoder().decode(rendered.path("data").path(item.path("key").asText()).asText());
                            write(item.path("path").asText(), new String(value, StandardCharsets.UTF_8));
                        }
                    }
                }
            }
        }
    }

    private void write(String relative, String text) throws Exception {
        Path file = dir.resolve(relative);
        assertThat(file.normalize()).startsWithRaw(dir);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
