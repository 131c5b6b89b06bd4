package io.camgate.proxy;

import static io.camgate.proxy.ExampleGateway.BUCKET;
import static io.camgate.proxy.ExampleGateway.ROOT_ID;
import static io.camgate.proxy.ExampleGateway.ROOT_KEY;
import static io.camgate.proxy.RawRequests.signed;
import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.config.GatewaySettings;
import io.camgate.config.RouteSettings;
import io.camgate.config.UpstreamTlsSettings;
import io.camgate.metrics.UpstreamError;
import io.camgate.sign.SignatureRules;
import io.camgate.testing.RawHttp;
import io.camgate.testing.TestCertificate;
import io.camgate.testing.TlsStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routes to an {@code https://} store ({@link TlsStore}, the JDK's TLS on a loopback socket,
 * with certificates made here by keytool): a store whose certificate the route trusts and
 * that names 127.0.0.1 gets the request, over one kept-alive connection; one signed by
 * another CA, for another name, or expired gets nothing, the client gets 502, and the failure
 * is counted for the route with its reason. A store that demands a client certificate gets
 * the route's and refuses a route without one.
 */
class UpstreamTlsTest {
    @TempDir
    Path dir;

    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final RequestObserver observer = new RequestObserver() {
        @Override
        public void upstreamFailed(String route, UpstreamError reason) {
            failures.add(route + " " + reason.label());
        }
    };

    private Gateway gateway(URI upstream, UpstreamTlsSettings tls) throws Exception {
        RouteSettings route = new RouteSettings("tls-store", List.of(BUCKET), List.of(), upstream,
                RouteSettings.Addressing.PATH, RouteSettings.UpstreamAuth.NONE, null, null, "us-east-1", true, 4,
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), true).withTls(tls);
        return Gateway.start(ExampleGateway.exampleSnapshot(), new GatewaySettings(ExampleGateway.plainListener(),
                SignatureRules.DEFAULTS, List.of(route)), observer, Clock.systemUTC());
    }

    private static RawHttp.Reply get(Gateway gateway, String key) throws Exception {
        return RawHttp.exchange(gateway.port(), signed("GET", "/" + key, ROOT_ID, ROOT_KEY) + "\r\n");
    }

    private TestCertificate authority() throws Exception {
        return TestCertificate.authority(dir.resolve("ca"));
    }

    private TestCertificate storeCertificate(TestCertificate ca) throws Exception {
        return TestCertificate.issue(dir.resolve("store"), ca, "127.0.0.1", "ip:127.0.0.1", null);
    }

    private void assertRefused(TestCertificate served, TestCertificate trusted, String reason) throws Exception {
        try (TlsStore store = TlsStore.start(served, null);
                Gateway gateway = gateway(store.uri(), new UpstreamTlsSettings(trusted.certificate(), null, null))) {
            RawHttp.Reply reply = get(gateway, "a.txt");
            assertThat(reply.status()).as(reply.toString()).isEqualTo(502);
            assertThat(store.requests()).as("nothing reached the store").isEmpty();
            assertThat(store.handshakes()).isZero();
            assertThat(failures).containsExactly("tls-store " + reason);
        }
    }

    @Test
    void aTrustedStoreGetsTheRequestsOverOneKeptAliveConnection() throws Exception {
        TestCertificate ca = authority();
        try (TlsStore store = TlsStore.start(storeCertificate(ca), null);
                Gateway gateway = gateway(store.uri(), new UpstreamTlsSettings(ca.certificate(), null, null));
                RawHttp client = new RawHttp(gateway.port())) {
            for (int i = 0; i < 3; i++) {
                // one client connection, so one event loop and its one pool
                client.send(signed("GET", "/a.txt", ROOT_ID, ROOT_KEY).replace("Connection: close", "Connection: "
                        + "keep-alive") + "\r\n");
                RawHttp.Reply reply = client.read();
                assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
                assertThat(reply.body()).isEqualTo(TlsStore.BODY);
            }
            assertThat(store.requests()).containsExactly("GET /" + BUCKET + "/a.txt HTTP/1.1",
                    "GET /" + BUCKET + "/a.txt HTTP/1.1", "GET /" + BUCKET + "/a.txt HTTP/1.1");
            assertThat(store.handshakes()).as("the pooled TLS connection is reused").isEqualTo(1);
            assertThat(failures).isEmpty();
        }
    }

    @Test
    void aStoreSignedByAnotherAuthorityGetsNothing() throws Exception {
        assertRefused(storeCertificate(authority()), TestCertificate.authority(dir.resolve("other")), "untrusted");
    }

    @Test
    void aStoreWhoseCertificateNamesAnotherHostGetsNothing() throws Exception {
        TestCertificate ca = authority();
        assertRefused(TestCertificate.issue(dir.resolve("store"), ca, "store.example", "dns:store.example", null), ca,
                "hostname");
    }

    @Test
    void aStoreWithAnExpiredCertificateGetsNothing() throws Exception {
        TestCertificate ca = authority();
        assertRefused(TestCertificate.issue(dir.resolve("store"), ca, "127.0.0.1", "ip:127.0.0.1", "-3d"), ca,
                "expired");
    }

    @Test
    void theJdkTrustStoreDoesNotTrustASelfSignedStore() throws Exception {
        try (TlsStore store = TlsStore.start(storeCertificate(authority()), null);
                Gateway gateway = gateway(store.uri(), UpstreamTlsSettings.DEFAULT)) {
            assertThat(get(gateway, "a.txt").status()).isEqualTo(502);
            assertThat(store.requests()).isEmpty();
            assertThat(failures).containsExactly("tls-store untrusted");
        }
    }

    @Test
    void aStoreThatDemandsAClientCertificateGetsTheRoutesAndRefusesARouteWithout() throws Exception {
        TestCertificate ca = authority();
        TestCertificate client = TestCertificate.issue(dir.resolve("client"), ca, "camgate", "dns:camgate.test", null);
        try (TlsStore store = TlsStore.start(storeCertificate(ca), ca)) {
            try (Gateway with = gateway(store.uri(),
                    new UpstreamTlsSettings(ca.certificate(), client.certificate(), client.key()))) {
                RawHttp.Reply reply = get(with, "a.txt");
                assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            }
            assertThat(store.requests()).hasSize(1);
            try (Gateway without = gateway(store.uri(), new UpstreamTlsSettings(ca.certificate(), null, null))) {
                RawHttp.Reply reply = get(without, "a.txt");
                assertThat(reply.status()).as(reply.toString()).isEqualTo(502);
            }
            assertThat(store.requests()).as("the route without a certificate sent nothing").hasSize(1);
            assertThat(failures).containsExactly("tls-store handshake");
        }
    }

    @Test
    void aDeadStoreIsCountedAsAConnectFailure() throws Exception {
        URI nobody;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            nobody = URI.create("https://127.0.0.1:" + s.getLocalPort());
        }
        try (Gateway gateway = gateway(nobody, UpstreamTlsSettings.DEFAULT)) {
            assertThat(get(gateway, "a.txt").status()).isEqualTo(502);
            assertThat(failures).containsExactly("tls-store connect");
        }
    }
}
