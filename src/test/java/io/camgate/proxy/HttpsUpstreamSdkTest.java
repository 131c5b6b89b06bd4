package io.camgate.proxy;

import static io.camgate.proxy.ExampleGateway.BUCKET;
import static io.camgate.proxy.ExampleGateway.ROOT_ID;
import static io.camgate.proxy.ExampleGateway.ROOT_KEY;
import static io.camgate.proxy.RawRequests.signed;
import static org.assertj.core.api.Assertions.assertThat;

import com.qcloud.cos.COSClient;
import com.qcloud.cos.model.ObjectMetadata;
import com.qcloud.cos.model.PutObjectRequest;
import io.camgate.config.GatewaySettings;
import io.camgate.config.ListenSettings;
import io.camgate.config.RouteSettings;
import io.camgate.config.UpstreamTlsSettings;
import io.camgate.sign.SignatureRules;
import io.camgate.testing.RawHttp;
import io.camgate.testing.S3ProxyServer;
import io.camgate.testing.TestCertificate;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The COS Java SDK through camgate to s3proxy serving https only (its secure endpoint, with a
 * key store made here by keytool and a certificate issued by a test CA the route trusts):
 * objects come back byte for byte, a large one included (which must not be spliced: the
 * upstream's bytes are TLS records), and the client sees camgate's request id with the store's
 * beside it. A second camgate with a TLS listener serves as the https upstream of a
 * passthrough route just as well.
 */
class HttpsUpstreamSdkTest {
    @TempDir
    Path dir;

    @Test
    void aSecondCamgateWithATlsListenerIsTheUpstreamOfAPassthroughRoute() throws Exception {
        TestCertificate ca = TestCertificate.authority(dir.resolve("ca"));
        TestCertificate cert = TestCertificate.issue(dir.resolve("inner-tls"), ca, "127.0.0.1", "ip:127.0.0.1", null);
        ListenSettings tls = new ListenSettings("127.0.0.1", 0, cert.certificate(), cert.key(), Duration.ofSeconds(10),
                Duration.ofSeconds(60), Duration.ofSeconds(5));
        try (S3ProxyServer s3 = S3ProxyServer.start(dir.resolve("s3"));
                Gateway inner = Gateway.start(ExampleGateway.exampleSnapshot(), ExampleGateway.settings(s3.uri(), tls),
                        RequestObserver.NONE, Clock.systemUTC())) {
            // the outer gateway forwards the client's own signature; the inner one checks it again over TLS
            RouteSettings toInner = new RouteSettings("inner", List.of(BUCKET), List.of(),
                    URI.create("https://127.0.0.1:" + inner.port()), RouteSettings.Addressing.PATH,
                    RouteSettings.UpstreamAuth.PASSTHROUGH, null, null, "us-east-1", true, 4, Duration.ofSeconds(5),
                    Duration.ofSeconds(30), Duration.ofSeconds(30), false)
                    .withTls(new UpstreamTlsSettings(ca.certificate(), null, null));
            try (Gateway outer = Gateway.start(ExampleGateway.exampleSnapshot(), new GatewaySettings(
                    ExampleGateway.plainListener(), SignatureRules.DEFAULTS, List.of(toInner)), RequestObserver.NONE,
                    Clock.systemUTC())) {
                COSClient root = ExampleGateway.client(outer.port(), ROOT_ID, ROOT_KEY);
                try {
                    root.createBucket(BUCKET);
                    byte[] body = new byte[70_000];
                    new Random(7).nextBytes(body);
                    ObjectMetadata meta = new ObjectMetadata();
                    meta.setContentLength(body.length);
                    root.putObject(new PutObjectRequest(BUCKET, "twice/a", new ByteArrayInputStream(body), meta));
                    try (InputStream in = root.getObject(BUCKET, "twice/a").getObjectContent()) {
                        assertThat(in.readAllBytes()).isEqualTo(body);
                    }
                } finally {
                    root.shutdown();
                }
                RawHttp.Reply reply = RawHttp.exchange(outer.port(), signed("GET", "/twice/a", ROOT_ID, ROOT_KEY)
                        + "\r\n");
                assertThat(reply.status()).isEqualTo(200);
                assertThat(reply.headers().get("x-camgate-upstream-request-id")).as("the inner gateway's id")
                        .hasSize(28).isNotEqualTo(reply.headers().get("x-cos-request-id"));
            }
        }
    }

    @Test
    void objectsGoAndComeBackByteForByteOverTls() throws Exception {
        TestCertificate ca = TestCertificate.authority(dir.resolve("ca"));
        TestCertificate cert = TestCertificate.issue(dir.resolve("s3-tls"), ca, "127.0.0.1", "ip:127.0.0.1", null);
        try (S3ProxyServer s3 = S3ProxyServer.startSecure(dir.resolve("s3"), cert)) {
            assertThat(s3.uri().getScheme()).isEqualTo("https");
            GatewaySettings base = ExampleGateway.settings(s3.uri(), ExampleGateway.plainListener());
            GatewaySettings settings = new GatewaySettings(base.listen(), base.signature(), base.routes().stream()
                    .map(r -> r.withTls(new UpstreamTlsSettings(ca.certificate(), null, null))).toList());
            try (Gateway gateway = Gateway.start(ExampleGateway.exampleSnapshot(), settings, RequestObserver.NONE,
                    Clock.systemUTC())) {
                COSClient root = ExampleGateway.client(gateway.port(), ROOT_ID, ROOT_KEY);
                try {
                    root.createBucket(BUCKET);
                    Random random = new Random(18);
                    for (int size : new int[] {1024, 3 << 20}) {
                        byte[] body = new byte[size];
                        random.nextBytes(body);
                        ObjectMetadata meta = new ObjectMetadata();
                        meta.setContentLength(size);
                        root.putObject(new PutObjectRequest(BUCKET, "tls/" + size, new ByteArrayInputStream(body),
                                meta));
                        try (InputStream in = root.getObject(BUCKET, "tls/" + size).getObjectContent()) {
                            assertThat(in.readAllBytes()).as("%d bytes", size).isEqualTo(body);
                        }
                    }
                } finally {
                    root.shutdown();
                }
                RawHttp.Reply reply = RawHttp.exchange(gateway.port(),
                        signed("GET", "/tls/1024", ROOT_ID, ROOT_KEY) + "\r\n");
                assertThat(reply.status()).isEqualTo(200);
                assertThat(reply.headers().get("x-cos-request-id")).hasSize(28);
                assertThat(reply.headers().get("x-camgate-upstream-request-id")).isNotBlank()
                        .isNotEqualTo(reply.headers().get("x-cos-request-id"));
            }
        }
    }
}
