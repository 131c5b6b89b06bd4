package io.camgate.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pod template's checksum changes exactly when something camgate cannot reload changes, so
 * an upgrade restarts pods for listener and route changes and never for a policy edit.
 */
class RestartChecksumTest {
    @TempDir
    Path dir;

    private final RenderedChart base = RenderedChart.render(ValueSets.ALL_FEATURES);

    private RenderedChart with(String overrides) throws Exception {
        Path file = Files.writeString(dir.resolve("override-" + overrides.hashCode() + ".yaml"), overrides);
        return RenderedChart.render(List.of(ValueSets.ALL_FEATURES, file), Map.of());
    }

    private static String checksum(RenderedChart chart) {
        return chart.one("Deployment").path("spec").path("template").path("metadata").path("annotations")
                .path("checksum/restart-config").asText();
    }

    @Test
    void policyAccountAndUserKeyChangesReloadWithoutARestart() throws Exception {
        RenderedChart policy = with("""
                config:
                  policies:
                    uploads.json: {version: "2.0", statement: [{effect: deny, action: ["*"], resource: ["*"]}]}
                """);
        RenderedChart key = with("secrets: {keys: {alice.key: rotatedAliceSecretKey000000000011}}");
        RenderedChart shadow = with("shadow: {policies: {extra.json: {version: \"2.0\", statement: []}}}");

        assertThat(policy.configFile("policies_uploads.json")).isNotEqualTo(base.configFile("policies_uploads.json"));
        assertThat(checksum(base)).hasSize(64);
        assertThat(checksum(policy)).isEqualTo(checksum(base));
        assertThat(checksum(key)).isEqualTo(checksum(base));
        assertThat(checksum(shadow)).isEqualTo(checksum(base));
    }

    @Test
    void listenerSignatureAndRouteChangesRestart() throws Exception {
        assertThat(checksum(with("camgate: {listen: {port: 8444}}"))).isNotEqualTo(checksum(base));
        assertThat(checksum(with("camgate: {signature: {skew: 5m}}"))).isNotEqualTo(checksum(base));
        assertThat(checksum(with("tls: {enabled: false}"))).isNotEqualTo(checksum(base));
        assertThat(checksum(with("secrets: {keys: {upstream.key: rotatedUpstreamSecretKey00000000}}")))
                .isNotEqualTo(checksum(base));
        assertThat(checksum(with("secrets: {keys: {admin.token: rotatedAdminOperatorToken000001}}")))
                .as("the admin listener's operator token, read at start").isNotEqualTo(checksum(base));
    }
}
