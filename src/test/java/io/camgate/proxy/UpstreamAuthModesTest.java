package io.camgate.proxy;

import static io.camgate.proxy.ExampleGateway.BOB_ID;
import static io.camgate.proxy.ExampleGateway.BOB_KEY;
import static io.camgate.proxy.ExampleGateway.BUCKET;
import static io.camgate.proxy.ExampleGateway.CAROL_ID;
import static io.camgate.proxy.ExampleGateway.CAROL_KEY;
import static io.camgate.proxy.ExampleGateway.HOST;
import static io.camgate.proxy.ExampleGateway.ROOT_ID;
import static io.camgate.proxy.ExampleGateway.ROOT_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.qcloud.cos.COSClient;
import com.qcloud.cos.exception.CosServiceException;
import com.qcloud.cos.model.ObjectMetadata;
import io.camgate.authz.index.SnapshotHolder;
import io.camgate.config.GatewaySettings;
import io.camgate.config.RouteSettings;
import io.camgate.cos.CosSettings;
import io.camgate.cos.RequestClassifier;
import io.camgate.limits.Limiter;
import io.camgate.proxy.upstream.RouteTable;
import io.camgate.proxy.upstream.Verdict;
import io.camgate.sign.SignatureRules;
import io.camgate.testing.S3ProxyServer;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code passthrough} and {@code cos} route modes over real sockets: the COS SDK talks to
 * an outer camgate whose route sends to an inner camgate, which verifies COS signatures as
 * real COS would and forwards to s3proxy. Both gateways record the request heads they admit
 * and who each one authenticated, so the tests see exactly what the upstream received.
 *
 * <pre>
 * COS SDK ─▶ outer camgate (passthrough | cos) ─▶ inner camgate (verifies, authorizes) ─▶ s3proxy
 * </pre>
 */
class UpstreamAuthModesTest {
    /** The inner gateway's custom domain for the example bucket, so that virtual-hosted requests to loopback classify. */
    private static final String INNER_DOMAIN = BUCKET + ".127.0.0.1";
    private static final String ROOT_UIN = "100000000001";
    private static final String BOB_UIN = "100000000012";

    @TempDir
    static Path dir;

    private static S3ProxyServer s3;
    private static GatewayServer inner;
    private static final List<Seen> atInner = Collections.synchronizedList(new ArrayList<>());
    private final List<Seen> atOuter = Collections.synchronizedList(new ArrayList<>());
    private GatewayServer outer;
    private final List<COSClient> clients = new ArrayList<>();

    /** One request head a gateway admitted, and whom it authenticated (null when refused before that). */
    private record Seen(String method, String uri, HttpHeaders headers, String principal, boolean allowed) {
    }

    @BeforeAll
    static void startInner() throws Exception {
        s3 = S3ProxyServer.start(dir);
        GatewaySettings toS3 = ExampleGateway.settings(s3.uri(), ExampleGateway.plainListener());
        inner = serve(toS3, new CosSettings(Map.of(INNER_DOMAIN, BUCKET), List.of(), null), atInner);
        COSClient root = ExampleGateway.client(inner.port(), ROOT_ID, ROOT_KEY);
        root.createBucket(BUCKET);
        root.shutdown();
        atInner.clear();
    }

    @AfterAll
    static void stopInner() {
        inner.close();
        s3.close();
    }

    @BeforeEach
    void clearInner() {
        atInner.clear();
    }

    @AfterEach
    void stopOuter() {
        clients.forEach(COSClient::shutdown);
        if (outer != null) {
            outer.close();
        }
    }

    /** A gateway deciding with the example configuration, recording what it admits into {@code log}. */
    private static GatewayServer serve(GatewaySettings settings, CosSettings cos, List<Seen> log)
            throws Exception {
        Clock clock = Clock.systemUTC();
        CosGatekeeper gate = new CosGatekeeper(new ServedConfig(new SnapshotHolder(ExampleGateway.exampleSnapshot()),
                new RouteTable(settings.routes())), new RequestClassifier(cos, clock),
                Gateway.authenticator(settings, clock), new Limiter(), clock, RequestObserver.NONE);
        Gatekeeper recording = (head, peer, tls, exchange) -> {
            Verdict verdict = gate.admit(head, peer, tls, exchange);
            log.add(new Seen(head.method().name(), head.uri(), head.headers().copy(), exchange.principal(),
                    verdict instanceof Verdict.Allow));
            return verdict;
        };
        return GatewayServer.start(new InetSocketAddress("127.0.0.1", 0), 1, recording, RequestObserver.NONE,
                ProxyLimits.defaults(), clock, null);
    }

    /** Starts the outer gateway with one route for the example bucket to the inner gateway. */
    private void startOuter(RouteSettings.Addressing addressing, RouteSettings.UpstreamAuth auth, String accessKey,
            String secretKey) throws Exception {
        RouteSettings route = new RouteSettings("inner", List.of(BUCKET), List.of(),
                URI.create("http://127.0.0.1:" + inner.port()), addressing, auth, accessKey, secretKey, "ap-shanghai",
                true, 8, Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(60), false);
        GatewaySettings settings = new GatewaySettings(ExampleGateway.plainListener(), SignatureRules.DEFAULTS,
                List.of(route));
        outer = serve(settings, CosSettings.DEFAULTS, atOuter);
    }

    private COSClient client(String secretId, String secretKey) {
        COSClient client = ExampleGateway.client(outer.port(), secretId, secretKey);
        clients.add(client);
        return client;
    }

    private static void put(COSClient client, String key, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ObjectMetadata meta = new ObjectMetadata();
        meta.setContentLength(bytes.length);
        meta.setContentType("text/plain");
        meta.addUserMetadata("colour", "blue");
        client.putObject(BUCKET, key, new ByteArrayInputStream(bytes), meta);
    }

    private static String get(COSClient client, String key) throws IOException {
        try (var object = client.getObject(BUCKET, key)) {
            return new String(object.getObjectContent().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Seen only(List<Seen> log, String method) {
        List<Seen> matching;
        synchronized (log) {
            matching = log.stream().filter(s -> s.method().equals(method)).toList();
        }
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }

    @Test
    void passthroughForwardsTheClientsSignatureUnchangedAndTheUpstreamVerifiesIt() throws Exception {
        startOuter(RouteSettings.Addressing.VIRTUAL, RouteSettings.UpstreamAuth.PASSTHROUGH, null, null);
        COSClient bob = client(BOB_ID, BOB_KEY);
        put(bob, "pass/a b.txt", "through two gateways");
        assertThat(get(bob, "pass/a b.txt")).isEqualTo("through two gateways");
        Seen sent = only(atOuter, "PUT");
        Seen received = only(atInner, "PUT");
        assertThat(sent.principal()).isEqualTo(BOB_UIN);
        assertThat(received.principal()).as("the inner gateway verified bob's own signature").isEqualTo(BOB_UIN);
        assertThat(received.allowed()).isTrue();
        assertThat(received.headers().get("Authorization")).startsWith("q-sign-algorithm=sha1&q-ak=" + BOB_ID)
                .isEqualTo(sent.headers().get("Authorization"));
        assertThat(received.headers().get("Host")).isEqualTo(HOST).isEqualTo(sent.headers().get("Host"));
        assertThat(received.uri()).isEqualTo("/pass/a%20b.txt").isEqualTo(sent.uri());
        assertThat(received.headers().get("x-cos-meta-colour")).isEqualTo("blue");
        assertThat(received.headers().get("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(received.headers().get("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(only(atInner, "GET").headers().get("Authorization"))
                .isEqualTo(only(atOuter, "GET").headers().get("Authorization"));
    }

    @Test
    void passthroughStillAuthorizesBeforeForwarding() throws Exception {
        startOuter(RouteSettings.Addressing.VIRTUAL, RouteSettings.UpstreamAuth.PASSTHROUGH, null, null);
        COSClient carol = client(CAROL_ID, CAROL_KEY);
        CosServiceException e = catchThrowableOfType(CosServiceException.class,
                () -> put(carol, "pass/carol.txt", "read-only caller"));
        assertThat(e.getStatusCode()).isEqualTo(403);
        assertThat(e.getErrorCode()).isEqualTo("AccessDenied");
        assertThat(only(atOuter, "PUT").allowed()).isFalse();
        assertThat(atInner).isEmpty();
    }

    @Test
    void cosModeResignsWithTheServiceKeyOnTheRebuiltPath() throws Exception {
        startOuter(RouteSettings.Addressing.VIRTUAL, RouteSettings.UpstreamAuth.COS, ROOT_ID, ROOT_KEY);
        COSClient bob = client(BOB_ID, BOB_KEY);
        put(bob, "svc/dir/x%y.txt", "re-signed");
        assertThat(get(bob, "svc/dir/x%y.txt")).isEqualTo("re-signed");
        Seen sent = only(atOuter, "PUT");
        Seen received = only(atInner, "PUT");
        assertThat(sent.principal()).isEqualTo(BOB_UIN);
        assertThat(sent.headers().get("Authorization")).contains("q-ak=" + BOB_ID);
        assertThat(received.principal()).as("the inner gateway verified the service key's signature")
                .isEqualTo(ROOT_UIN);
        assertThat(received.allowed()).isTrue();
        String authorization = received.headers().get("Authorization");
        assertThat(authorization).startsWith("q-sign-algorithm=sha1&q-ak=" + ROOT_ID + "&")
                .doesNotContain(BOB_ID);
        assertThat(authorization.substring(authorization.indexOf("q-header-list=")))
                .startsWith("q-header-list=").contains("host").contains("x-cos-meta-colour").contains("content-type");
        assertThat(received.headers().get("Host")).isEqualTo(INNER_DOMAIN + ":" + inner.port());
        assertThat(received.uri()).as("the path rebuilt from the authorized key").isEqualTo("/svc/dir/x%25y.txt");
        assertThat(received.headers().get("x-cos-meta-colour")).isEqualTo("blue");
        assertThat(received.headers().get("X-Forwarded-For")).isEqualTo("127.0.0.1");
    }

    @Test
    void cosModeWithAWrongServiceSecretIsRefusedByTheUpstream() throws Exception {
        startOuter(RouteSettings.Addressing.VIRTUAL, RouteSettings.UpstreamAuth.COS, ROOT_ID,
                "notTheRootSecretKey000000000001");
        COSClient bob = client(BOB_ID, BOB_KEY);
        CosServiceException e = catchThrowableOfType(CosServiceException.class,
                () -> put(bob, "svc/forged.txt", "never stored"));
        assertThat(e.getStatusCode()).isEqualTo(403);
        assertThat(e.getErrorCode()).isEqualTo("SignatureDoesNotMatch");
        assertThat(only(atOuter, "PUT").allowed()).isTrue();
        Seen received = only(atInner, "PUT");
        assertThat(received.allowed()).isFalse();
        assertThat(received.principal()).isNull();
    }

    @Test
    void cosModeCarriesTheServiceKeysPermissionsNotTheCallers() throws Exception {
        startOuter(RouteSettings.Addressing.VIRTUAL, RouteSettings.UpstreamAuth.COS, CAROL_ID, CAROL_KEY);
        COSClient bob = client(BOB_ID, BOB_KEY);
        CosServiceException e = catchThrowableOfType(CosServiceException.class,
                () -> put(bob, "svc/by-carol.txt", "carol may only read"));
        assertThat(e.getStatusCode()).isEqualTo(403);
        assertThat(e.getErrorCode()).isEqualTo("AccessDenied");
        Seen received = only(atInner, "PUT");
        assertThat(received.principal()).isEqualTo("100000000013");
        assertThat(received.allowed()).isFalse();
    }
}
