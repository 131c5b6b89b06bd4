package io.camgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.camgate.policy.PolicyException;
import io.camgate.policy.PolicyProblem;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewaySettingsLoaderTest {
    @TempDir
    Path dir;

    private final GatewaySettingsLoader loader = new GatewaySettingsLoader(Map.of("UPSTREAM_SECRET", "s3cr3t")::get);

    private List<PolicyProblem> problems(String yaml) throws Exception {
        Files.writeString(dir.resolve(GatewaySettingsLoader.FILE), yaml);
        return catchThrowableOfType(PolicyException.class, () -> loader.load(dir)).problems();
    }

    @Test
    void theExampleLoads() throws Exception {
        GatewaySettings s = loader.load(Path.of("config"));
        assertThat(s.listen().address()).isEqualTo("127.0.0.1");
        assertThat(s.listen().port()).isEqualTo(8080);
        assertThat(s.listen().tls()).isFalse();
        assertThat(s.listen().bodyTimeout()).as("the default").isEqualTo(Duration.ofSeconds(60));
        assertThat(s.signature().maxWindow()).isEqualTo(Duration.ofDays(7));
        assertThat(s.signature().clockSkew()).isEqualTo(Duration.ofMinutes(15));
        RouteSettings r = s.routes().get(0);
        assertThat(r.buckets()).contains("examplebucket-1250000001");
        assertThat(r.auth()).isEqualTo(RouteSettings.UpstreamAuth.SIGV4);
        assertThat(r.addressing()).isEqualTo(RouteSettings.Addressing.PATH);
        assertThat(r.secretKey()).isEqualTo("demo-upstream-credential");
        assertThat(r.toString()).doesNotContain("demo-upstream-credential");
        assertThat(r.authorize()).isTrue();
    }

    @Test
    void storesThatKeepFilesFoldKeysUnlessTheRouteSaysOtherwise() throws Exception {
        Files.writeString(dir.resolve(GatewaySettingsLoader.FILE), """
                routes:
                  - {name: s3, buckets: [a-1250000001], upstream: "http://127.0.0.1:9", auth: none}
                  - {name: cos, buckets: [b-1250000001], upstream: "http://127.0.0.1:9", auth: passthrough}
                  - {name: cos-folding, buckets: [c-1250000001], upstream: "http://127.0.0.1:9", auth: passthrough,
                     foldsKeys: true}
                  - {name: s3-opaque, buckets: [d-1250000001], upstream: "http://127.0.0.1:9", auth: none,
                     foldsKeys: false}
                """);
        assertThat(loader.load(dir).routes()).extracting(RouteSettings::foldsKeys).containsExactly(true, false, true,
                false);
        assertThat(loader.load(Path.of("config")).routes().get(0).foldsKeys()).as("sigv4").isTrue();
        assertThat(problems("routes:\n  - {name: s3, buckets: [a-1250000001], upstream: \"http://127.0.0.1:9\", "
                + "auth: none, foldsKeys: sometimes}\n")).singleElement()
                .satisfies(p -> assertThat(p.pointer()).isEqualTo("/routes/0/foldsKeys"));
    }

    @Test
    void theIngressListenerIsOptionalAndNeedsAPort() throws Exception {
        assertThat(loader.load(Path.of("config")).ingress()).isEmpty();
        String route = "routes:\n  - {name: s3, buckets: [b-1250000001], upstream: \"http://127.0.0.1:9\", auth: none}\n";
        Files.writeString(dir.resolve(GatewaySettingsLoader.FILE), "ingress: {port: 8081}\n" + route);
        assertThat(loader.load(dir).ingress()).contains(new IngressSettings("127.0.0.1", 8081));
        assertThat(problems("ingress: {address: 0.0.0.0}\n" + route)).singleElement()
                .satisfies(p -> assertThat(p.pointer()).isEqualTo("/ingress/port"));
        assertThat(problems("ingress: {port: 70000, tls: true}\n" + route)).hasSize(2);
    }

    @Test
    void secretsComeFromTheEnvironmentAndTlsFilesFromTheDirectory() throws Exception {
        Files.writeString(dir.resolve("cert.pem"), "x");
        Files.writeString(dir.resolve("key.pem"), "y");
        Files.writeString(dir.resolve(GatewaySettingsLoader.FILE), """
                listen: {address: 127.0.0.1, port: 8443, tls: {certificate: cert.pem, key: key.pem}, shutdownTimeout: 5s,
                         bodyTimeout: 90s}
                signature: {debug: true}
                routes:
                  - {name: cos, hosts: [Service.COS.myqcloud.com], upstream: "http://10.0.0.1", auth: cos,
                     accessKey: AKIDsvc, secretKeyEnv: UPSTREAM_SECRET, addressing: virtual, authorize: false}
                """);
        GatewaySettings s = loader.load(dir);
        assertThat(s.listen().certificate()).isEqualTo(dir.resolve("cert.pem"));
        assertThat(s.listen().shutdownTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.listen().bodyTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.signature().debugMismatch()).isTrue();
        RouteSettings r = s.routes().get(0);
        assertThat(r.hosts()).containsExactly("service.cos.myqcloud.com");
        assertThat(r.upstream()).isEqualTo(URI.create("http://10.0.0.1"));
        assertThat(r.secretKey()).isEqualTo("s3cr3t");
        assertThat(r.authorize()).isFalse();
    }

    @Test
    void everyProblemIsReportedWithItsPointer() throws Exception {
        List<PolicyProblem> p = problems("""
                listen: {port: 99999, colour: blue, headerTimeout: soon, bodyTimeout: 1 minute}
                signature: {skew: 15 minutes}
                routes:
                  - {name: a, buckets: [b-1250000001], upstream: "ftp://x", auth: magic, accessKey: k}
                  - {name: a, buckets: [b-1250000001], upstream: "http://h:9000", auth: sigv4, accessKey: k}
                  - {name: c, upstream: "http://h:9000", auth: none}
                """);
        assertThat(p).extracting(PolicyProblem::pointer).contains("/listen/port", "/listen/colour",
                "/listen/headerTimeout", "/listen/bodyTimeout", "/signature/skew", "/routes/0/upstream", "/routes/0/auth", "/routes/1",
                "/routes/2");
        assertThat(p).allSatisfy(x -> assertThat(x.file()).endsWith(GatewaySettingsLoader.FILE));
        assertThat(p.toString()).contains("exactly one of secretKey").contains("a route needs buckets or hosts");
    }

    @Test
    void aBucketRoutedTwiceIsAProblem() throws Exception {
        List<PolicyProblem> p = problems("""
                routes:
                  - {name: a, buckets: [b-1250000001], upstream: "http://h:1", auth: none}
                  - {name: b, buckets: [b-1250000001], upstream: "http://h:2", auth: none}
                """);
        assertThat(p).singleElement().satisfies(x -> {
            assertThat(x.pointer()).isEqualTo("/routes/1/buckets");
            assertThat(x.reason()).contains("routed twice");
        });
    }

    @Test
    void noRoutesIsAProblemAndBadYamlSaysWhere() throws Exception {
        assertThat(problems("listen: {port: 1}\n")).extracting(PolicyProblem::pointer).containsExactly("/routes");
        assertThat(problems("routes: [\n")).singleElement().satisfies(x -> assertThat(x.reason()).contains("YAML"));
    }

    @Test
    void durationsAreReadWithTheirUnits() {
        assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationText.parse("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(DurationText.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(DurationText.parse("15")).isNull();
        assertThat(DurationText.parse("m")).isNull();
        assertThat(DurationText.parse("-1s")).isNull();
    }
}
