package io.camgate.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camgate.authz.Snapshot;
import io.camgate.config.AdminSection;
import io.camgate.config.ConfigLoader;
import io.camgate.config.GatewaySettings;
import io.camgate.config.GatewaySettingsLoader;
import io.camgate.config.IngressSettings;
import io.camgate.config.OpsSettings;
import io.camgate.identity.AccessKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
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
        RenderedChart chart = ValueSets.allFeatures();
        project(chart, "config", dir);

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
    void theRenderedCamgateYamlIsAcceptedByCamgatesOwnReaderWithTheChartsPorts() throws Exception {
        Map<RenderedChart, Duration> bodyTimeouts = Map.of(ValueSets.defaults(), Duration.ofSeconds(60),
                ValueSets.allFeatures(), Duration.ofMinutes(2));
        for (RenderedChart chart : bodyTimeouts.keySet()) {
            Path config = dir.resolve(chart == ValueSets.allFeatures() ? "all-features" : "defaults").resolve("config");
            project(chart, "config", config);
            JsonNode shadow = chart.camgateYaml().path("shadow");
            if (!shadow.isMissingNode()) {
                // a volume of its own, mounted beside the configuration (see the shadow test below)
                Files.createDirectories(config.resolve(shadow.asText()).normalize());
            }

            GatewaySettings settings = new GatewaySettingsLoader(name -> null).load(config);
            AdminSection admin = OpsSettings.read(config, name -> null).admin();

            assertThat(admin.port()).isEqualTo(chart.camgateYaml().path("admin").path("port").asInt());
            assertThat(admin.token()).as("the operator token, from the Secret when tokenFile names it")
                    .isEqualTo(chart == ValueSets.allFeatures() ? "ciAdminOperatorToken000000000001" : null);

            assertThat(settings.listen().port()).isEqualTo(chart.camgateYaml().path("listen").path("port").asInt());
            assertThat(settings.routes()).isNotEmpty();
            assertThat(settings.listen().bodyTimeout()).isEqualTo(bodyTimeouts.get(chart));
            JsonNode ingress = chart.camgateYaml().path("ingress");
            assertThat(settings.ingress().map(IngressSettings::port))
                    .isEqualTo(ingress.isMissingNode() ? Optional.empty() : Optional.of(ingress.path("port").asInt()));
        }
    }

    @Test
    void theDefaultDirectoryLoadsAndKnowsNobody() throws Exception {
        project(ValueSets.defaults(), "config", dir);

        Snapshot snapshot = new ConfigLoader(name -> null).load(dir, 1);

        assertThat(snapshot.directory().accounts()).isEmpty();
    }

    @Test
    void theShadowDirectoryLoadsBesideTheLiveOneWhereCamgateYamlPointsToIt() throws Exception {
        RenderedChart chart = ValueSets.allFeatures();
        Path live = dir.resolve("config");
        project(chart, "config", live);
        Path shadow = live.resolve(chart.camgateYaml().path("shadow").asText()).normalize();
        JsonNode mounts = chart.container().path("volumeMounts");
        assertThat(mounts.findValuesAsText("mountPath")).contains("/etc/camgate/config", "/etc/camgate/" + shadow.getFileName());
        project(chart, "shadow", shadow);

        Snapshot next = new ConfigLoader(name -> null).load(shadow, 1);

        assertThat(next.directory().key("AKIDexampleALICE000000000000000011").map(AccessKey::secretKey))
                .contains("ciAliceSecretKey00000000000000011");
        assertThat(next.policies().customPolicies()).containsOnlyKeys("uploads");
        assertThat(uploadsResource(next)).endsWith("/incoming/*");
        assertThat(uploadsResource(new ConfigLoader(name -> null).load(live, 1))).endsWith("/uploads/*");
    }

    private static String uploadsResource(Snapshot snapshot) {
        return snapshot.policies().customPolicies().get("uploads").statements().get(0).resources().get(0).source();
    }

    /** Writes every item of a projected volume whose source the chart renders to its path under {@code root}. */
    private void project(RenderedChart chart, String volume, Path root) throws Exception {
        for (JsonNode source : chart.projectedVolume(volume).path("sources")) {
            if (source.has("configMap")) {
                String configMap = source.path("configMap").path("name").asText();
                for (JsonNode item : source.path("configMap").path("items")) {
                    write(root, item.path("path").asText(), chart.configFile(configMap, item.path("key").asText()));
                }
            } else {
                JsonNode secret = source.path("secret");
                boolean rendered = false;
                for (JsonNode r : chart.all("Secret")) {
                    if (r.path("metadata").path("name").equals(secret.path("name"))) {
                        rendered = true;
                        for (JsonNode item : secret.path("items")) {
                            byte[] value = Base64.getDecoder().decode(r.path("data").path(item.path("key").asText()).asText());
                            write(root, item.path("path").asText(), new String(value, StandardCharsets.UTF_8));
                        }
                    }
                }
                if (!rendered) {
                    // a Secret the operator creates (TLS, existingSecret): its files exist in the pod, with content we cannot know
                    for (JsonNode item : secret.path("items")) {
                        write(root, item.path("path").asText(), "provided by the operator's Secret\n");
                    }
                }
            }
        }
    }

    private static void write(Path root, String relative, String text) throws Exception {
        Path file = root.resolve(relative);
        assertThat(file.normalize()).startsWithRaw(root);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
