package io.camgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.authz.index.EngineKind;
import io.camgate.authz.index.Published;
import io.camgate.policy.PolicyProblem;
import io.camgate.testing.ExampleConfig;
import io.camgate.testing.TestCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reloads of a served directory over real files: each setting bound at start is refused with
 * its pointer, whole (the policies that came with it too), without printing a secret; what
 * may change in place is staged with its snapshot.
 */
class RestartOnlySettingsTest {
    private static final String BASE = """
            listen: {address: 127.0.0.1, port: 8080%s}
            admin: {address: 127.0.0.1, port: 9090, token: %s}
            %s
            signature: {skew: %s}
            routes:
              - {name: store, buckets: [examplebucket-1250000001], upstream: "%s", auth: none}
            """;

    @TempDir
    Path tmp;
    private Path dir;
    private TestCertificate certificate;
    private ConfigReloader reloader;
    private final List<Optional<GatewaySettings>> staged = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        dir = ExampleConfig.copyTo(tmp.resolve("config"));
        Files.createDirectories(dir.resolve("tls"));
        Files.createDirectories(dir.resolve("next"));
        certificate = TestCertificate.create(dir.resolve("tls"));
        write("", "first-operator-token", "", "15m", "http://127.0.0.1:9000");
        reloader = ConfigReloader.openServing(dir, new ConfigLoader(Map.<String, String>of()::get),
                new GatewaySettingsLoader(Map.<String, String>of()::get), EngineKind.INDEX);
        reloader.addListener(new ReloadListener() {
            @Override
            public void staging(Published next, Optional<GatewaySettings> settings) {
                staged.add(settings);
            }
        });
    }

    @AfterEach
    void close() {
        reloader.close();
    }

    private void write(String tls, String token, String shadow, String skew, String upstream) throws Exception {
        Files.writeString(dir.resolve("camgate.yaml"), BASE.formatted(tls, token, shadow, skew, upstream));
    }

    private PolicyProblem refused() {
        long generation = reloader.current().generation();
        ReloadOutcome outcome = reloader.reload();
        assertThat(outcome.result()).isEqualTo(ReloadOutcome.Result.REFUSED);
        assertThat(outcome.generation()).isEqualTo(generation);
        assertThat(reloader.current().generation()).isEqualTo(generation);
        assertThat(outcome.problems()).hasSize(1);
        PolicyProblem p = outcome.problems().get(0);
        assertThat(p.file()).isEqualTo(dir.resolve("camgate.yaml").toString());
        assertThat(p.reason()).endsWith("takes a restart; the running configuration stays in force");
        return p;
    }

    @Test
    void eachSettingBoundAtStartIsRefusedWithItsPointer() throws Exception {
        write(", tls: {certificate: " + certificate.certificate() + ", key: " + certificate.key() + "}",
                "first-operator-token", "", "15m", "http://127.0.0.1:9000");
        assertThat(refused().pointer()).isEqualTo("/listen/tls");

        write("", "second-operator-token", "", "15m", "http://127.0.0.1:9000");
        PolicyProblem token = refused();
        assertThat(token.pointer()).isEqualTo("/admin/token");
        assertThat(token.reason()).doesNotContain("operator-token");

        write("", "first-operator-token", "shadow: next", "15m", "http://127.0.0.1:9000");
        assertThat(refused().pointer()).isEqualTo("/shadow");

        write("", "first-operator-token", "", "5m", "http://127.0.0.1:9000");
        assertThat(refused().pointer()).isEqualTo("/signature");

        write("", "first-operator-token", "ingress: {address: 127.0.0.1, port: 8081}", "15m",
                "http://127.0.0.1:9000");
        assertThat(refused().pointer()).isEqualTo("/ingress");
        assertThat(reloader.refusals()).isEqualTo(5);
        assertThat(reloader.failures()).isZero();
        assertThat(staged).as("nothing refused reaches the listeners' staging").isEmpty();
    }

    @Test
    void aRefusalKeepsThePoliciesThatCameWithItAndARouteChangeIsStagedWithItsSnapshot() throws Exception {
        Published before = reloader.current();
        Files.writeString(dir.resolve("policies/deny-secret.json"), """
                {"version": "2.0", "statement": [{"effect": "deny", "action": ["name/cos:*"],
                  "resource": ["qcs::cos::uid/1250000001:examplebucket-1250000001/other/*"]}]}
                """);
        Files.writeString(dir.resolve("camgate.yaml"), Files.readString(dir.resolve("camgate.yaml"))
                .replace("port: 8080", "port: 8443"));
        assertThat(refused().pointer()).isEqualTo("/listen/port");
        assertThat(reloader.current()).as("the valid policy change is not applied either").isSameAs(before);

        write("", "first-operator-token", "", "15m", "http://127.0.0.1:9001");
        ReloadOutcome published = reloader.reload();
        assertThat(published.published()).as(published.problems().toString()).isTrue();
        assertThat(staged).singleElement().satisfies(s -> assertThat(s.orElseThrow().routes().get(0).upstream())
                .hasToString("http://127.0.0.1:9001"));
        assertThat(reloader.lastOutcome().orElseThrow().result()).isEqualTo(ReloadOutcome.Result.PUBLISHED);
    }
}
