package io.camgate.proxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.camgate.config.RouteSettings;
import io.camgate.cos.CosRequest;
import io.camgate.cos.CosSettings;
import io.camgate.cos.PercentCodec;
import io.camgate.cos.RequestClassifier;
import io.camgate.cos.RequestHeaders;
import io.camgate.cos.Transport;
import io.camgate.identity.Directory;
import io.camgate.proxy.ExampleGateway;
import io.camgate.sign.SignatureScheme;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UpstreamRequestBuilderTest {
    private static final String HOST = ExampleGateway.HOST;
    private static Directory directory;
    private final RequestClassifier classifier = new RequestClassifier(CosSettings.DEFAULTS, Clock.systemUTC());

    @BeforeAll
    static void load() throws Exception {
        directory = ExampleGateway.exampleSnapshot().directory();
    }

    private static Route route(RouteSettings.UpstreamAuth auth, RouteSettings.Addressing addressing) {
        return Route.of(new RouteSettings("r", List.of(ExampleGateway.BUCKET), List.of(),
                URI.create("http://127.0.0.1:9000"), addressing, auth, "AK", "SK", "us-east-1", true, 4,
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), true));
    }

    private HttpRequest build(String method, String target, RouteSettings.UpstreamAuth auth, String... headers)
            throws Exception {
        HttpHeaders h = new DefaultHttpHeaders().add("Host", HOST);
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1]);
        }
        HttpRequest client = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), target, h);
        List<String> names = new java.util.ArrayList<>();
        List<String> values = new java.util.ArrayList<>();
        h.forEach(e -> {
            names.add(e.getKey());
            values.add(e.getValue());
        });
        CosRequest request = classifier.classify(method, target, RequestHeaders.of(names, values),
                Transport.plain("192.0.2.7"), directory);
        return UpstreamRequestBuilder.build(request, client, route(auth, RouteSettings.Addressing.PATH), false, -1,
                SignatureScheme.of(request), false, Instant.parse("2026-11-23T10:00:00Z"));
    }

    @Test
    void thePathIsRebuiltFromTheAuthorizedKeyAndDecodesBackToIt() throws Exception {
        HttpRequest up = build("GET", "/dir//x/%2E%2E/y%20z.txt", RouteSettings.UpstreamAuth.SIGV4);
        assertThat(up.uri()).startsWith("/" + ExampleGateway.BUCKET + "/dir//x/");
        assertThat(PercentCodec.decodePath(up.uri(), 0, up.uri().length()))
                .isEqualTo("/" + ExampleGateway.BUCKET + "/dir//x/../y z.txt");
        assertThat(up.headers().get("Host")).isEqualTo("127.0.0.1:9000");
    }

    @Test
    void hopByHopInternalAndClientCredentialHeadersAreDroppedAndForwardingHeadersSet() throws Exception {
        HttpRequest up = build("PUT", "/a.txt", RouteSettings.UpstreamAuth.SIGV4,
                "Connection", "keep-alive, X-Secret-Hop", "X-Secret-Hop", "1", "Proxy-Authorization", "Basic x",
                "X-Camgate-Decision", "allow", "X-Forwarded-For", "203.0.113.1", "Authorization", "q-sign-algorithm=x",
                "x-cos-meta-colour", "blue", "Content-Type", "text/plain",
                "Content-Length", "3");
        HttpHeaders h = up.headers();
        assertThat(h.contains("X-Secret-Hop")).isFalse();
        assertThat(h.contains("Connection")).isFalse();
        assertThat(h.contains("Proxy-Authorization")).isFalse();
        assertThat(h.contains("X-Camgate-Decision")).isFalse();
        assertThat(h.get("X-Forwarded-For")).isEqualTo("192.0.2.7");
        assertThat(h.get("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(h.get("x-amz-meta-colour")).isEqualTo("blue");
        assertThat(h.contains("x-cos-meta-colour")).isFalse();
        assertThat(h.get("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AK/20261123/us-east-1/s3/")
                .contains("x-amz-meta-colour");
        assertThat(h.get("Content-Length")).isEqualTo("3");
    }

    @Test
    void theSdksOwnMarksReachACosStoreAndAreDroppedForAnS3One() throws Exception {
        String[] marks = {"x-cos-sdk-retry", "true", "x-cos-sdk-log-debug", "1"};
        HttpRequest cos = build("GET", "/a.txt", RouteSettings.UpstreamAuth.COS, marks);
        assertThat(cos.headers().get("x-cos-sdk-retry")).isEqualTo("true");
        assertThat(cos.headers().get("x-cos-sdk-log-debug")).isEqualTo("1");
        HttpRequest s3 = build("GET", "/a.txt", RouteSettings.UpstreamAuth.SIGV4, marks);
        assertThat(s3.headers().names()).noneMatch(n -> n.toLowerCase(java.util.Locale.ROOT).contains("sdk-"));
    }

    @Test
    void cosOnlyHeadersAndParametersAreRefusedNotIgnored() {
        ForwardingRefused header = catchThrowableOfType(ForwardingRefused.class,
                () -> build("PUT", "/a.txt", RouteSettings.UpstreamAuth.SIGV4, "x-cos-traffic-limit", "819200"));
        assertThat(header).hasMessageContaining("x-cos-traffic-limit");
        ForwardingRefused storage = catchThrowableOfType(ForwardingRefused.class,
                () -> build("PUT", "/a.txt", RouteSettings.UpstreamAuth.SIGV4, "x-cos-storage-class", "MAZ_STANDARD"));
        assertThat(storage).hasMessageContaining("MAZ_STANDARD");
        ForwardingRefused append = catchThrowableOfType(ForwardingRefused.class,
                () -> build("POST", "/a.txt?append&position=0", RouteSettings.UpstreamAuth.SIGV4));
        assertThat(append).hasMessageContaining("append");
    }

    @Test
    void theCopySourceIsTranslatedFromTheParsedSource() throws Exception {
        HttpRequest up = build("PUT", "/copy.txt", RouteSettings.UpstreamAuth.SIGV4, "x-cos-copy-source",
                HOST + "/dir/a%20b.txt", "x-cos-metadata-directive", "Copy");
        assertThat(up.headers().get("x-amz-copy-source")).isEqualTo("/" + ExampleGateway.BUCKET + "/dir/a%20b.txt");
        assertThat(up.headers().get("x-amz-metadata-directive")).isEqualTo("COPY");
    }

    @Test
    void presignedParametersAreNotForwardedButOthersAre() throws Exception {
        HttpRequest up = build("GET", "/?prefix=a%2Fb&q-sign-algorithm=sha1&q-ak=AK&x-cos-security-token=t",
                RouteSettings.UpstreamAuth.SIGV4);
        assertThat(up.uri()).isEqualTo("/" + ExampleGateway.BUCKET + "?prefix=a%2Fb");
    }

    @Test
    void passthroughKeepsTheClientsHostAndSignature() throws Exception {
        HttpRequest up = build("GET", "/a.txt?versionId=1", RouteSettings.UpstreamAuth.PASSTHROUGH,
                "Authorization", "q-sign-algorithm=sha1&q-ak=AK", "x-cos-traffic-limit", "819200",
                "Referer", "https://shop.example/");
        assertThat(up.headers().get("Host")).isEqualTo(HOST);
        assertThat(up.headers().get("Authorization")).isEqualTo("q-sign-algorithm=sha1&q-ak=AK");
        assertThat(up.headers().get("x-cos-traffic-limit")).isEqualTo("819200");
        // the store's hotlink protection judges the page the client came from
        assertThat(up.headers().get("Referer")).isEqualTo("https://shop.example/");
        assertThat(up.uri()).isEqualTo("/a.txt?versionId=1");
    }

    @Test
    void cosModeResignsWithTheRouteKey() throws Exception {
        HttpRequest up = build("GET", "/a.txt", RouteSettings.UpstreamAuth.COS, "Authorization", "client's");
        assertThat(up.headers().get("Authorization")).contains("q-ak=AK&").contains("q-header-list=host");
        assertThat(up.headers().get("Host")).isEqualTo("127.0.0.1:9000");
    }

    @Test
    void s3ResponseHeadersBecomeCosOnes() {
        HttpHeaders h = new DefaultHttpHeaders().add("x-amz-request-id", "r1").add("x-amz-id-2", "host")
                .add("x-amz-meta-colour", "blue").add("x-amz-storage-class", "GLACIER").add("ETag", "\"e\"");
        S3Dialect.responseHeaders(h);
        assertThat(h.get("x-cos-request-id")).isEqualTo("r1");
        assertThat(h.get("x-cos-meta-colour")).isEqualTo("blue");
        assertThat(h.get("x-cos-storage-class")).isEqualTo("ARCHIVE");
        assertThat(h.get("ETag")).isEqualTo("\"e\"");
        assertThat(h.names()).noneMatch(n -> n.toLowerCase(java.util.Locale.ROOT).startsWith("x-amz-"));
    }
}
