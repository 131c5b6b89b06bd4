package io.camgate.proxy;

import static io.camgate.proxy.ExampleGateway.BUCKET;
import static io.camgate.proxy.ExampleGateway.HOST;
import static io.camgate.proxy.ExampleGateway.ROOT_ID;
import static io.camgate.proxy.ExampleGateway.ROOT_KEY;
import static io.camgate.proxy.RawRequests.signed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camgate.config.GatewaySettings;
import io.camgate.config.RouteSettings;
import io.camgate.config.UpstreamTlsSettings;
import io.camgate.logs.AccessLog;
import io.camgate.logs.DecisionLog;
import io.camgate.metrics.GatewayMetrics;
import io.camgate.sign.SignatureRules;
import io.camgate.testing.RawHttp;
import io.camgate.testing.TestCertificate;
import io.camgate.testing.TlsStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request id a client sees is camgate's own and is the one in the access log, for a
 * relayed response as for an error the gateway writes; the store's id moves to
 * {@code x-camgate-upstream-request-id} and to the access log beside the route, bucket, host,
 * client and the store's status. The upstream series of the route read numbers, not NaN.
 */
class RequestIdTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Test
    void theIdAClientSeesIsTheOneInTheAccessLog() throws Exception {
        TestCertificate ca = TestCertificate.authority(dir.resolve("ca"));
        TestCertificate cert = TestCertificate.issue(dir.resolve("store"), ca, "127.0.0.1", "ip:127.0.0.1", null);
        GatewayMetrics metrics = new GatewayMetrics();
        RequestObserver observer = new OperationsObserver(metrics, null, new DecisionLog(0, l -> { }),
                new AccessLog(l -> lines.add(l.toString())));
        try (TlsStore store = TlsStore.start(cert, null)) {
            RouteSettings route = new RouteSettings("tls-store", List.of(BUCKET), List.of(), store.uri(),
                    RouteSettings.Addressing.PATH, RouteSettings.UpstreamAuth.NONE, null, null, "us-east-1", true, 4,
                    Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), true)
                    .withTls(new UpstreamTlsSettings(ca.certificate(), null, null));
            try (Gateway gateway = Gateway.start(ExampleGateway.exampleSnapshot(), new GatewaySettings(
                    ExampleGateway.plainListener(), SignatureRules.DEFAULTS, List.of(route)), observer,
                    Clock.systemUTC())) {
                metrics.bindUpstreamPools(gateway.upstreamPools()::connectionsInUse, gateway.upstreamPools()::size);
                metrics.upstreamRoutes(List.of("tls-store"));

                RawHttp.Reply relayed = RawHttp.exchange(gateway.port(),
                        signed("GET", "/a.txt", ROOT_ID, ROOT_KEY) + "\r\n");
                assertThat(relayed.status()).isEqualTo(200);
                String id = relayed.headers().get("x-cos-request-id");
                assertThat(id).isNotEqualTo("store-1").hasSize(28);
                assertThat(relayed.headers()).containsEntry("x-camgate-upstream-request-id", "store-1");
                JsonNode line = JSON.readTree(lines.get(0));
                assertThat(line.path("requestId").asText()).isEqualTo(id);
                assertThat(line.path("upstreamRequestId").asText()).isEqualTo("store-1");
                assertThat(line.path("upstreamStatus").asInt()).isEqualTo(200);
                assertThat(line.path("route").asText()).isEqualTo("tls-store");
                assertThat(line.path("bucket").asText()).isEqualTo(BUCKET);
                assertThat(line.path("host").asText()).isEqualTo(HOST);
                assertThat(line.path("clientIp").asText()).isEqualTo("127.0.0.1");
                assertThat(line.path("time").asText()).endsWith("Z");

                RawHttp.Reply denied = RawHttp.exchange(gateway.port(), RawRequests.get("/a.txt"));
                assertThat(denied.status()).isEqualTo(403);
                JsonNode deniedLine = JSON.readTree(lines.get(1));
                assertThat(deniedLine.path("requestId").asText()).isEqualTo(denied.headers().get("x-cos-request-id"))
                        .isNotEqualTo(id);
                assertThat(deniedLine.has("upstreamRequestId")).isFalse();
                assertThat(deniedLine.has("upstreamStatus")).isFalse();
                assertThat(store.requests()).hasSize(1);

                // Micrometer holds a gauge's target weakly: a collection must not turn them into NaN.
                System.gc();
                String scrape = metrics.scrape();
                assertThat(scrape).contains("camgate_upstream_connections_in_use{route=\"tls-store\"} 0.0")
                        .contains("camgate_upstream_pools{route=\"tls-store\"} 1.0")
                        .contains("camgate_upstream_errors_total{reason=\"connect\",route=\"tls-store\"} 0.0")
                        .doesNotContain("NaN");
            }
        }
    }
}
