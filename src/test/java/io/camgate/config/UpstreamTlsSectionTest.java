package io.camgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.camgate.policy.PolicyException;
import io.camgate.policy.PolicyProblem;
import io.camgate.testing.TestCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A route's {@code tls} section: files relative to the configuration directory, each one read
 * and used when the configuration is loaded, and a bad one reported with its pointer and why
 * (never with a key's content).
 */
class UpstreamTlsSectionTest {
    private static final String ROUTE = "routes:\n  - {name: cos, buckets: [b-1250000001], upstream: \"%s\", auth: none%s}\n";

    @TempDir
    Path dir;

    private final GatewaySettingsLoader loader = new GatewaySettingsLoader(Map.<String, String>of()::get);

    private RouteSettings route(String upstream, String tls) throws Exception {
        Files.writeString(dir.resolve(GatewaySettingsLoader.FILE), ROUTE.formatted(upstream, tls));
        return loader.load(dir).routes().get(0);
    }

    private List<PolicyProblem> problems(String upstream, String tls) throws Exception {
        Files.writeString(dir.resolve(GatewaySettingsLoader.FILE), ROUTE.formatted(upstream, tls));
        return catchThrowableOfType(PolicyException.class, () -> loader.load(dir)).problems();
    }

    @Test
    void anHttpsRouteTrustsTheJdkStoreUnlessGivenABundle() throws Exception {
        assertThat(route("https://cos.ap-shanghai.myqcloud.com", "").tls()).isEqualTo(UpstreamTlsSettings.DEFAULT);
        assertThat(route("http://127.0.0.1:9", "").tls()).isNull();
        TestCertificate ca = TestCertificate.authority(dir.resolve("tls/ca"));
        TestCertificate client = TestCertificate.issue(dir.resolve("tls/client"), ca, "camgate", "dns:camgate.test",
                null);
        RouteSettings r = route("https://127.0.0.1:9443", ", tls: {ca: tls/ca/cert.pem, certificate: "
                + "tls/client/cert.pem, key: tls/client/key.pem}");
        assertThat(r.tls()).isEqualTo(new UpstreamTlsSettings(ca.certificate(), client.certificate(), client.key()));
    }

    @Test
    void aBadFileIsReportedWithItsPointer() throws Exception {
        TestCertificate ca = TestCertificate.authority(dir.resolve("tls/ca"));
        Files.writeString(dir.resolve("garbage.pem"), "not a certificate\n");
        assertThat(problems("https://127.0.0.1:9443", ", tls: {ca: missing.pem}")).singleElement().satisfies(p -> {
            assertThat(p.pointer()).isEqualTo("/routes/0/tls/ca");
            assertThat(p.reason()).contains("cannot read the file").contains("missing.pem");
        });
        assertThat(problems("https://127.0.0.1:9443", ", tls: {ca: garbage.pem}")).singleElement().satisfies(p -> {
            assertThat(p.pointer()).isEqualTo("/routes/0/tls/ca");
            assertThat(p.reason()).contains("cannot use").contains("garbage.pem");
        });
        assertThat(problems("https://127.0.0.1:9443", ", tls: {certificate: tls/ca/cert.pem}")).singleElement()
                .satisfies(p -> assertThat(p.pointer()).isEqualTo("/routes/0/tls"));
        String key = Files.readString(ca.key());
        // the key's first line of base64 alone: a truncated key
        Files.writeString(dir.resolve("broken-key.pem"), String.join("\n", key.lines().limit(2).toList())
                + "\n-----END PRIVATE KEY-----\n");
        assertThat(problems("https://127.0.0.1:9443", ", tls: {certificate: tls/ca/cert.pem, key: broken-key.pem}"))
                .singleElement().satisfies(p -> {
                    assertThat(p.pointer()).isEqualTo("/routes/0/tls/certificate");
                    assertThat(p.reason()).contains("broken-key.pem").doesNotContain(key.lines().skip(1).findFirst()
                            .orElseThrow().substring(0, 16));
                });
    }

    @Test
    void onlyHttpAndHttpsUpstreamsAndTlsOnlyForHttps() throws Exception {
        assertThat(problems("http://127.0.0.1:9", ", tls: {}")).singleElement()
                .satisfies(p -> assertThat(p.pointer()).isEqualTo("/routes/0/tls"));
        assertThat(problems("ftp://127.0.0.1:9", "")).singleElement()
                .satisfies(p -> assertThat(p.pointer()).isEqualTo("/routes/0/upstream"));
    }
}
