package io.camgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.config.GatewaySettings;
import io.camgate.config.GatewaySettingsLoader;
import io.camgate.proxy.RequestObserver;
import io.camgate.testing.ExampleConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingress listener spoken to the way Envoy's HTTP {@code ext_authz} and nginx's
 * {@code auth_request} speak: signed requests, the original client in the forwarded headers,
 * COS errors out.
 */
class IngressDecisionTest {
    private static final String ERIN_ID = "AKIDexampleERIN00000000000000000015";
    private static final String ERIN_KEY = "demoErinSecretKey00000000000015";

    @TempDir
    Path tmp;
    private OperatedGateway served;

    @BeforeEach
    void start() throws Exception {
        Path dir = ExampleConfig.copyTo(tmp.resolve("config"));
        Files.writeString(dir.resolve("camgate.yaml"), """
                listen: {address: 127.0.0.1, port: 0}
                admin: {address: 127.0.0.1, port: 0}
                ingress: {address: 127.0.0.1, port: 0}
                routes:
                  - {name: unused, buckets: [examplebucket-1250000001], upstream: "http://127.0.0.1:9", auth: none}
                """);
        GatewaySettings settings = new GatewaySettingsLoader(name -> null).load(dir);
        served = OperatedGateway.start(dir, settings, null, RequestObserver.NONE, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        served.close();
    }

    private DemoCall.Reply extAuthz(String method, String path, Map<String, String> forwarded, String id, String key)
            throws IOException {
        return new DemoCall(method, OperatedGatewayTest.HOST, path, new byte[0])
                .send(served.gateway().ingressPort().getAsInt(), "/v1/ext-authz", forwarded, id, key);
    }

    @Test
    void extAuthzAnswers200OrTheCosErrorForTheOriginalRequest() throws Exception {
        DemoCall.Reply allowed = extAuthz("GET", "/hello.txt", Map.of(), OperatedGatewayTest.CAROL[0],
                OperatedGatewayTest.CAROL[1]);
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.body()).isEmpty();
        DemoCall.Reply denied = extAuthz("PUT", "/carol.txt", Map.of(), OperatedGatewayTest.CAROL[0],
                OperatedGatewayTest.CAROL[1]);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.code()).isEqualTo("AccessDenied");
        assertThat(denied.body()).contains("<Resource>/carol.txt</Resource>");
        DemoCall.Reply forged = extAuthz("GET", "/hello.txt", Map.of(), OperatedGatewayTest.CAROL[0], "wrong");
        assertThat(forged.code()).isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void theOriginalClientIsTheOneTheForwardedHeadersName() throws Exception {
        // erin reads only from the office network and over TLS
        assertThat(extAuthz("GET", "/hello.txt", Map.of(), ERIN_ID, ERIN_KEY).status()).isEqualTo(403);
        assertThat(extAuthz("GET", "/hello.txt", Map.of("X-Real-IP", "10.1.2.3", "X-Forwarded-Proto", "https"),
                ERIN_ID, ERIN_KEY).status()).isEqualTo(200);
        assertThat(extAuthz("GET", "/hello.txt", Map.of("X-Forwarded-For", "203.0.113.9, 10.1.2.3",
                "X-Forwarded-Proto", "https"), ERIN_ID, ERIN_KEY).status()).isEqualTo(200);
        assertThat(extAuthz("GET", "/hello.txt", Map.of("X-Real-IP", "203.0.113.9", "X-Forwarded-Proto", "https"),
                ERIN_ID, ERIN_KEY).status()).isEqualTo(403);
    }

    @Test
    void anIpv4ClientNamedInItsMappedFormIsThatIpv4Client() throws Exception {
        // issue 16: an ingress may report an IPv4 client as ::ffff:a.b.c.d; erin's 10.0.0.0/8 must still hold
        assertThat(extAuthz("GET", "/hello.txt", Map.of("X-Real-IP", "::ffff:10.1.2.3", "X-Forwarded-Proto", "https"),
                ERIN_ID, ERIN_KEY).status()).isEqualTo(200);
        assertThat(extAuthz("GET", "/hello.txt", Map.of("X-Forwarded-For", "203.0.113.9, ::FFFF:a01:203",
                "X-Forwarded-Proto", "https"), ERIN_ID, ERIN_KEY).status()).isEqualTo(200);
        assertThat(extAuthz("GET", "/hello.txt", Map.of("X-Real-IP", "::ffff:cb00:7109", "X-Forwarded-Proto",
                "https"), ERIN_ID, ERIN_KEY).status()).isEqualTo(403);
        DemoCall.Reply unreadable = extAuthz("GET", "/hello.txt", Map.of("X-Real-IP", "unknown",
                "X-Forwarded-Proto", "https"), ERIN_ID, ERIN_KEY);
        assertThat(unreadable.status()).isEqualTo(400);
        assertThat(unreadable.code()).isEqualTo("InvalidRequest");
    }

    @Test
    void anAuthRequestWithoutTheOriginalTargetIsA400() throws Exception {
        DemoCall.Reply r = new DemoCall("GET", OperatedGatewayTest.HOST, "/v1/auth-request",
                "".getBytes(StandardCharsets.UTF_8)).send(served.gateway().ingressPort().getAsInt(), null, null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("InvalidRequest");
    }
}
