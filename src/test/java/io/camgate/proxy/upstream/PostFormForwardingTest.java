package io.camgate.proxy.upstream;

import static io.camgate.proxy.ExampleGateway.BUCKET;
import static io.camgate.proxy.ExampleGateway.HOST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camgate.config.RouteSettings;
import io.camgate.cos.CosRequest;
import io.camgate.cos.CosSettings;
import io.camgate.cos.PostForm;
import io.camgate.cos.PostFormReader;
import io.camgate.cos.RequestClassifier;
import io.camgate.cos.RequestHeaders;
import io.camgate.cos.Transport;
import io.camgate.identity.AccessKey;
import io.camgate.identity.Directory;
import io.camgate.identity.KeyStatus;
import io.camgate.identity.RootAccount;
import io.camgate.proxy.ExampleGateway;
import io.camgate.proxy.PostForms;
import io.camgate.sign.Authentication;
import io.camgate.sign.Authenticator;
import io.camgate.sign.PostObjectForm;
import io.camgate.sign.SigV4Signer;
import io.camgate.sign.SignatureRules;
import io.camgate.sign.TemporaryCredentials;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fields each route mode sends in place of the client's, read back as a store would read them. */
class PostFormForwardingTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final byte[] FILE = "file bytes".getBytes(StandardCharsets.UTF_8);

    private static Route route(RouteSettings.UpstreamAuth auth) {
        return Route.of(new RouteSettings("r", List.of(BUCKET), List.of(), URI.create("http://127.0.0.1:9000"),
                RouteSettings.Addressing.PATH, auth, "AKIDroute00000000000000000000000001", "routeSecret", "us-east-1",
                true, 4, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), true));
    }

    /** A client form from bob's test form builder, and what the forwarder makes of it for {@code auth}. */
    private record Forwarded(byte[] client, PostForm form, Verdict.AllowForm allow, byte[] upstream) {
        /** The upstream body's fields, read with the gateway's own reader. */
        PostForm upstreamForm() throws Exception {
            return PostFormReader.read(upstream, upstream.length, PostForms.BOUNDARY, true);
        }
    }

    private static Forwarded forward(RouteSettings.UpstreamAuth auth, Map<String, String> fields) throws Exception {
        byte[] client = PostForms.body(fields, "photo.jpg", FILE);
        HttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/",
                new DefaultHttpHeaders().add("Host", HOST).add("Content-Type", PostForms.contentType())
                        .add("Content-Length", client.length));
        CosRequest request = new RequestClassifier(CosSettings.DEFAULTS, Clock.systemUTC()).classify("POST", "/",
                RequestHeaders.of(List.of("Host", "Content-Type"), List.of(HOST, PostForms.contentType())),
                Transport.plain("192.0.2.1"), ExampleGateway.exampleSnapshot().directory());
        PostForm form = PostFormReader.read(client, client.length, PostForms.BOUNDARY, true);
        Verdict.AllowForm allow = PostFormForwarding.forward(request, form, form.objectKey(), head, route(auth), false,
                client.length, NOW);
        ByteArrayOutputStream upstream = new ByteArrayOutputStream();
        upstream.writeBytes(allow.fields());
        upstream.write(client, allow.replaced(), client.length - allow.replaced());
        assertThat(allow.allow().upstreamHead().headers().getInt("Content-Length")).isEqualTo(upstream.size());
        assertThat(allow.allow().upstreamHead().headers().contains("Authorization")).isFalse();
        return new Forwarded(client, form, allow, upstream.toByteArray());
    }

    private static Map<String, String> clientFields() {
        return new PostForms(BUCKET, "in/${filename}").field("Content-Type", "image/jpeg").field("acl", "public-read")
                .field("x-cos-meta-colour", "blue").field("x-cos-storage-class", "ARCHIVE")
                .field("x-cos-security-token", "token").signed(ExampleGateway.BOB_ID, ExampleGateway.BOB_KEY);
    }

    @Test
    void aFieldThatCouldChangeTheUploadUndecidedIsRefusedInEveryMode() throws Exception {
        for (RouteSettings.UpstreamAuth auth : RouteSettings.UpstreamAuth.values()) {
            for (String field : List.of("x-cos-grant-read", "X-Cos-Grant-Full-Control", "x-cos-server-side-encryption",
                    "x-cos-website-redirect-location", "x-amz-meta-colour", "x-amz-acl", "x-cos-tagging",
                    "x-ci-anything")) {
                Map<String, String> fields = new PostForms(BUCKET, "in/${filename}").field(field, "x")
                        .signed(ExampleGateway.BOB_ID, ExampleGateway.BOB_KEY);
                ForwardingRefused refused = catchThrowableOfType(ForwardingRefused.class, () -> forward(auth, fields));
                assertThat(refused).as(auth + " " + field).isNotNull().hasMessageContaining(field);
            }
        }
    }

    @Test
    void aFieldStoresDoNotActOnIsDropped() throws Exception {
        Forwarded f = forward(RouteSettings.UpstreamAuth.NONE, new PostForms(BUCKET, "in/${filename}")
                .field("x-trace", "1").field("success_action_status", "201")
                .signed(ExampleGateway.BOB_ID, ExampleGateway.BOB_KEY));
        assertThat(f.upstreamForm().fields()).doesNotContainKey("x-trace").containsEntry("success_action_status", "201");
    }

    @Test
    void passthroughForwardsTheFormUnchanged() throws Exception {
        Forwarded f = forward(RouteSettings.UpstreamAuth.PASSTHROUGH, clientFields());
        assertThat(f.allow().replaced()).isZero();
        assertThat(f.upstream()).isEqualTo(f.client());
    }

    @Test
    void sigv4SendsAnS3FormSignedWithTheRouteKey() throws Exception {
        Forwarded f = forward(RouteSettings.UpstreamAuth.SIGV4, clientFields());
        PostForm up = f.upstreamForm();
        assertThat(up.fields()).containsEntry("key", "in/photo.jpg").containsEntry("acl", "public-read")
                .containsEntry("Content-Type", "image/jpeg").containsEntry("x-amz-meta-colour", "blue")
                .containsEntry("x-amz-storage-class", "GLACIER").containsEntry("x-amz-algorithm", "AWS4-HMAC-SHA256")
                .containsEntry("x-amz-credential", "AKIDroute00000000000000000000000001/20261123/us-east-1/s3/aws4_request")
                .containsEntry("x-amz-date", "20261123T100000Z");
        assertThat(up.fields().keySet()).noneMatch(k -> k.startsWith("q-") || k.startsWith("x-cos-"));
        SigV4Signer signer = new SigV4Signer("AKIDroute00000000000000000000000001", "routeSecret", "us-east-1", "s3");
        assertThat(up.field("x-amz-signature")).isEqualTo(signer.postPolicySignature(up.field("policy"), NOW));
        String policy = new String(Base64.getDecoder().decode(up.field("policy")), StandardCharsets.UTF_8);
        assertThat(policy).contains("{\"bucket\":\"" + BUCKET + "\"}", "[\"eq\",\"$key\",\"in/photo.jpg\"]",
                "\"expiration\":\"2026-11-23T10:15:00Z\"");
        assertThat(up.fileContent() + FILE.length + up.closingLength()).isEqualTo(f.upstream().length);
    }

    @Test
    void cosSendsACosFormTheGatewayItselfWouldAccept() throws Exception {
        Forwarded f = forward(RouteSettings.UpstreamAuth.COS, clientFields());
        PostForm up = f.upstreamForm();
        assertThat(up.fields()).containsEntry("key", "in/photo.jpg").containsEntry("x-cos-meta-colour", "blue")
                .containsEntry("q-ak", "AKIDroute00000000000000000000000001").doesNotContainKey("x-cos-security-token");
        Directory service = new Directory(List.of(new RootAccount("100000000001", "1250000001",
                List.of(new AccessKey("AKIDroute00000000000000000000000001", "routeSecret", KeyStatus.ACTIVE,
                        "100000000001")), List.of(), List.of(), List.of())), Map.of());
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        Authentication auth = new Authenticator(SignatureRules.DEFAULTS, new TemporaryCredentials(clock), clock)
                .authenticateForm(new PostObjectForm(up.fields(), BUCKET, "in/photo.jpg", FILE.length), service);
        assertThat(auth.principal().uin()).isEqualTo("100000000001");
        assertThatThrownBy(() -> new Authenticator(SignatureRules.DEFAULTS, new TemporaryCredentials(clock), clock)
                .authenticateForm(new PostObjectForm(up.fields(), BUCKET, "in/other.jpg", FILE.length), service))
                .hasMessageContaining("key");
    }

    @Test
    void noneDropsTheClientsCredentialsAndNamesTheAuthorizedKey() throws Exception {
        Forwarded f = forward(RouteSettings.UpstreamAuth.NONE, clientFields());
        PostForm up = f.upstreamForm();
        assertThat(up.fields()).containsOnlyKeys("key", "Content-Type", "acl", "x-cos-meta-colour",
                "x-cos-storage-class").containsEntry("key", "in/photo.jpg");
    }

    @Test
    void sigv4RefusesACosOnlyFieldWithACosError() throws Exception {
        Map<String, String> fields = new PostForms(BUCKET, "in/x").field("x-cos-traffic-limit", "819200")
                .signed(ExampleGateway.BOB_ID, ExampleGateway.BOB_KEY);
        assertThatThrownBy(() -> forward(RouteSettings.UpstreamAuth.SIGV4, fields))
                .isInstanceOf(ForwardingRefused.class);
    }
}
