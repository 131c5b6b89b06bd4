package io.camgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.config.GatewaySettings;
import io.camgate.config.GatewaySettingsLoader;
import io.camgate.proxy.RequestObserver;
import io.camgate.sign.HeaderOnlyRequest;
import io.camgate.sign.RequestSigner;
import io.camgate.testing.ExampleConfig;
import io.camgate.testing.RawHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingress listener spoken to the way Envoy's HTTP {@code ext_authz} and nginx's
 * {@code auth_request} speak: signed requests, the original client in the forwarded headers,
 * COS errors out. Two stock integrations are asked byte for byte as they ask: ingress-nginx's
 * {@code auth-url} annotation (its template's subrequest: {@code Host} is the decision
 * service's, the original request is in {@code X-Original-URL}, no body and no
 * {@code Content-Length}) and Envoy's HTTP {@code ext_authz} (the original method, the path
 * after {@code path_prefix}, {@code Content-Length: 0}, only the allowed headers, and those
 * its {@code headers_to_add} sets). Their clients sign as a COS SDK does: {@code host} and,
 * with a body, {@code content-length}.
 */
class IngressDecisionTest {
    private static final String ERIN_ID = "AKIDexampleERIN00000000000000000015";
    private static final String ERIN_KEY = "demoErinSecretKey00000000000015";
    private static final String AUTH_SERVICE = "camgate-ingress.camgate.svc.cluster.local";

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

    /** The Authorization a COS SDK sends for {@code method path} with {@code length} bytes of body (or none). */
    private static String signature(String[] key, String method, String path, int length) {
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("Host", OperatedGatewayTest.HOST);
        List<String> names = new ArrayList<>(List.of("host"));
        if (length >= 0) {
            signed.put("Content-Length", Integer.toString(length));
            names.add("content-length");
        }
        long now = System.currentTimeMillis() / 1000;
        return RequestSigner.authorization(new HeaderOnlyRequest(method, path, signed), key[0], key[1], now - 60,
                now + 600, names);
    }

    /**
     * ingress-nginx's subrequest for {@code method scheme://HOST path}, as its nginx.tmpl writes
     * the auth location; {@code originalLength} is what the {@code auth-proxy-set-headers}
     * ConfigMap line {@code X-Original-Content-Length: "$http_content_length"} adds (null: no
     * such line, or a request without a length).
     */
    private RawHttp.Reply ingressNginx(String[] key, String method, String scheme, String path, int length,
            String originalLength, String clientIp) throws IOException {
        StringBuilder r = new StringBuilder("GET /v1/auth-request HTTP/1.1\r\n")
                .append("Host: ").append(AUTH_SERVICE).append("\r\n")
                .append("X-Request-ID: 0f1e2d3c4b5a69788796a5b4c3d2e1f0\r\n")
                .append("X-Original-URL: ").append(scheme).append("://").append(OperatedGatewayTest.HOST).append(path)
                .append("\r\n")
                .append("X-Original-Method: ").append(method).append("\r\n")
                .append("X-Sent-From: nginx-ingress-controller\r\n")
                .append("X-Real-IP: ").append(clientIp).append("\r\n")
                .append("X-Forwarded-For: ").append(clientIp).append("\r\n")
                .append("X-Auth-Request-Redirect: ").append(path).append("\r\n");
        if (originalLength != null) {
            r.append("X-Original-Content-Length: ").append(originalLength).append("\r\n");
        }
        r.append("Connection: close\r\n");
        // proxy_pass_request_headers on: the client's own headers follow, Host and Content-Length excepted
        if (key != null) {
            r.append("Authorization: ").append(signature(key, method, path, length)).append("\r\n");
        }
        r.append("User-Agent: cos-java-sdk-v5.6.245\r\n\r\n");
        return RawHttp.exchange(served.gateway().ingressPort().getAsInt(), r.toString());
    }

    /**
     * Envoy's check for {@code method HOST path}: allowed_headers {@code x-forwarded-proto} and
     * the {@code x-cos-} prefix; headers_to_add {@code x-real-ip} from
     * {@code %DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT%} and {@code x-original-content-length}
     * from {@code %REQ(content-length)%} (null: not configured).
     */
    private RawHttp.Reply envoy(String[] key, String method, String path, int length, String originalLength,
            String proto, String clientIp) throws IOException {
        StringBuilder r = new StringBuilder(method).append(" /v1/ext-authz").append(path).append(" HTTP/1.1\r\n")
                .append("host: ").append(OperatedGatewayTest.HOST).append("\r\n")
                .append("authorization: ").append(signature(key, method, path, length)).append("\r\n")
                .append("content-length: 0\r\n")
                .append("x-forwarded-proto: ").append(proto).append("\r\n")
                .append("x-cos-meta-origin: ingress-test\r\n")
                .append("x-real-ip: ").append(clientIp).append("\r\n");
        if (originalLength != null) {
            r.append("x-original-content-length: ").append(originalLength).append("\r\n");
        }
        r.append("x-envoy-expected-rq-timeout-ms: 250\r\n\r\n");
        return RawHttp.exchange(served.gateway().ingressPort().getAsInt(), r.toString());
    }

    @Test
    void ingressNginxAuthUrlSubrequestsAreDecidedOnTheOriginalRequest() throws Exception {
        assertThat(ingressNginx(OperatedGatewayTest.BOB, "PUT", "http", "/notes.txt", 13, "13", "10.1.2.3").status())
                .isEqualTo(200);
        RawHttp.Reply carol = ingressNginx(OperatedGatewayTest.CAROL, "PUT", "http", "/carol.txt", 5, "5", "10.1.2.3");
        assertThat(carol.status()).isEqualTo(403);
        assertThat(carol.code()).isEqualTo("AccessDenied");
        assertThat(ingressNginx(OperatedGatewayTest.CAROL, "GET", "http", "/hello.txt", -1, null, "10.1.2.3").status())
                .as("a read with no length needs no ConfigMap line").isEqualTo(200);
        assertThat(ingressNginx(new String[] {OperatedGatewayTest.BOB[0], "notBobsKey"}, "PUT", "http", "/forged.txt",
                7, "7", "10.1.2.3").code()).isEqualTo("SignatureDoesNotMatch");
        assertThat(ingressNginx(null, "GET", "http", "/hello.txt", -1, null, "10.1.2.3").status())
                .as("anonymous").isEqualTo(403);
    }

    @Test
    void theSchemeAndClientOfTheSubrequestAreTheOriginals() throws Exception {
        // erin reads only from the office network and over TLS
        assertThat(ingressNginx(new String[] {ERIN_ID, ERIN_KEY}, "GET", "https", "/hello.txt", -1, null, "10.1.2.3")
                .status()).isEqualTo(200);
        assertThat(ingressNginx(new String[] {ERIN_ID, ERIN_KEY}, "GET", "http", "/hello.txt", -1, null, "10.1.2.3")
                .status()).isEqualTo(403);
        assertThat(ingressNginx(new String[] {ERIN_ID, ERIN_KEY}, "GET", "https", "/hello.txt", -1, null,
                "203.0.113.9").status()).isEqualTo(403);
    }

    @Test
    void aSignedLengthNeedsTheOriginalLengthLine() throws Exception {
        // without it the subrequest has no Content-Length, and a signature over one cannot check
        RawHttp.Reply r = ingressNginx(OperatedGatewayTest.BOB, "PUT", "http", "/notes.txt", 13, null, "10.1.2.3");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.code()).isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void aMalformedOriginalUrlIsA400ThatSaysWhatIsExpected() throws Exception {
        RawHttp.Reply r = RawHttp.exchange(served.gateway().ingressPort().getAsInt(), "GET /v1/auth-request HTTP/1.1\r\n"
                + "Host: " + AUTH_SERVICE + "\r\nX-Original-URL: /hello.txt\r\nX-Original-Method: GET\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("InvalidRequest");
        assertThat(r.body()).contains("X-Original-URL");
    }

    @Test
    void envoyHttpExtAuthzChecksAreDecidedOnTheOriginalRequest() throws Exception {
        assertThat(envoy(OperatedGatewayTest.BOB, "PUT", "/notes.txt", 13, "13", "http", "10.1.2.3").status())
                .isEqualTo(200);
        RawHttp.Reply carol = envoy(OperatedGatewayTest.CAROL, "PUT", "/carol.txt", 5, "5", "http", "10.1.2.3");
        assertThat(carol.status()).isEqualTo(403);
        assertThat(carol.code()).isEqualTo("AccessDenied");
        assertThat(envoy(OperatedGatewayTest.BOB, "PUT", "/notes.txt", 13, null, "http", "10.1.2.3").code())
                .as("Envoy sends content-length: 0; the signed length comes from headers_to_add")
                .isEqualTo("SignatureDoesNotMatch");
        assertThat(envoy(new String[] {ERIN_ID, ERIN_KEY}, "GET", "/hello.txt", -1, null, "https", "10.1.2.3")
                .status()).isEqualTo(200);
        assertThat(envoy(new String[] {ERIN_ID, ERIN_KEY}, "GET", "/hello.txt", -1, null, "http", "10.1.2.3")
                .status()).isEqualTo(403);
    }
}
