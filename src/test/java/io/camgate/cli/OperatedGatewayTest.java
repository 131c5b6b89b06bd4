package io.camgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camgate.admin.AdminClient;
import io.camgate.config.GatewaySettings;
import io.camgate.config.GatewaySettingsLoader;
import io.camgate.proxy.Exchange;
import io.camgate.proxy.RequestObserver;
import io.camgate.testing.ExampleConfig;
import io.camgate.testing.S3ProxyServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve}'s wiring end to end: real signed requests through the gateway to a real
 * s3proxy while the configuration directory is edited, limits bite and recover, and the admin
 * listener's {@code /readyz} and {@code /metrics} are read over HTTP.
 */
class OperatedGatewayTest {
    static final String BUCKET = "examplebucket-1250000001";
    static final String HOST = BUCKET + ".cos.ap-shanghai.myqcloud.com";
    static final String[] ROOT = {"AKIDexampleROOT0000000000000000001", "demoRootSecretKey00000000000001"};
    static final String[] BOB = {"AKIDexampleBOB00000000000000000012", "demoBobSecretKey000000000000012"};
    static final String[] CAROL = {"AKIDexampleCAROL000000000000000013", "demoCarolSecretKey0000000000013"};
    static final String[] DAVE = {"AKIDexampleDAVE00000000000000000014", "demoDaveSecretKey00000000000014"};
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Enough requests for a directory change to be noticed many times over; a bound, not a wait. */
    private static final int MAX_ROUNDS = 4000;

    @TempDir
    static Path s3dir;
    static S3ProxyServer s3;

    @TempDir
    Path tmp;
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    /** One line per completed request, as the access log gets them. */
    private final List<String> completed = Collections.synchronizedList(new ArrayList<>());
    private OperatedGateway served;
    private Path dir;

    @BeforeAll
    static void startS3() throws IOException {
        s3 = S3ProxyServer.start(s3dir);
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @AfterEach
    void stop() {
        if (served != null) {
            served.close();
        }
    }

    /** The example directory with routes to s3proxy, free ports, and {@code accounts} edited as given. */
    private void start(java.util.function.UnaryOperator<String> accounts) throws Exception {
        dir = ExampleConfig.copyTo(tmp.resolve("config"));
        Path accountsFile = dir.resolve("accounts.yaml");
        Files.writeString(accountsFile, accounts.apply(Files.readString(accountsFile)));
        ExampleConfig.routeTo(dir, s3);
        GatewaySettings settings = new GatewaySettingsLoader(name -> null).load(dir);
        RequestObserver recorder = new RequestObserver() {
            @Override
            public void completed(Exchange e) {
                completed.add(e.method() + " " + e.uri() + " " + e.status() + " " + e.outcome().label() + " "
                        + e.principal() + " in=" + e.bytesIn() + " out=" + e.bytesOut());
            }
        };
        served = OperatedGateway.start(dir, settings, null, recorder, Clock.systemUTC(), nanos::get);
        int bucket = send(ROOT, "PUT", "/", "").status();
        assertThat(bucket).isIn(200, 409);
        assertThat(send(ROOT, "PUT", "/hello.txt", "hello\n").status()).isEqualTo(200);
        assertThat(send(ROOT, "PUT", "/secret/plan.txt", "plan\n").status()).isEqualTo(200);
    }

    DemoCall.Reply send(String[] key, String method, String path, String body) throws IOException {
        return new DemoCall(method, HOST, path, body.getBytes(StandardCharsets.UTF_8))
                .send(served.gateway().port(), key[0], key[1]);
    }

    private String admin(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + served.operations().admin().port()
                + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private long generation() throws Exception {
        return JSON.readTree(admin("/readyz")).path("generation").asLong();
    }

    private Scrape metrics() throws Exception {
        return Scrape.parse(admin("/metrics"));
    }

    /** Carol may read hello.txt in every generation; dave's read of secret/ is what the edit changes. */
    private static String probe(DemoCall.Reply carol, DemoCall.Reply dave) {
        if (carol.status() != 200) {
            return "carol got " + carol.status() + " " + carol.code();
        }
        if (dave.status() != 200 && !(dave.status() == 403 && dave.code().equals("AccessDenied"))) {
            return "dave got " + dave.status() + " " + dave.code();
        }
        return null;
    }

    @Test
    void aPolicyEditedUnderLoadChangesDecisionsWithNoFailedRequest() throws Exception {
        start(a -> a);
        long before = generation();
        assertThat(send(DAVE, "GET", "/secret/plan.txt", "").status()).isEqualTo(403);
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService load = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> workers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                workers.add(load.submit(() -> {
                    int n = 0;
                    while (!done.get() && n < MAX_ROUNDS) {
                        String failure = probe(send(CAROL, "GET", "/hello.txt", ""),
                                send(DAVE, "GET", "/secret/plan.txt", ""));
                        if (failure != null) {
                            failures.add(failure);
                        }
                        n++;
                    }
                    return n;
                }));
            }
            // dave's deny moves from secret/ to other/
            Files.writeString(dir.resolve("policies/deny-secret.json"), """
                    {"version": "2.0", "statement": [{"effect": "deny", "action": ["name/cos:*"],
                      "resource": ["qcs::cos::uid/1250000001:examplebucket-1250000001/other/*"]}]}""");
            int rounds = 0;
            while (generation() == before && rounds++ < MAX_ROUNDS) {
                String failure = probe(send(CAROL, "GET", "/hello.txt", ""),
                        send(DAVE, "GET", "/secret/plan.txt", ""));
                if (failure != null) {
                    failures.add(failure);
                }
            }
            done.set(true);
            int served = 0;
            for (Future<Integer> w : workers) {
                served += w.get();
            }
            assertThat(generation()).isGreaterThan(before);
            assertThat(served).isPositive();
        } finally {
            done.set(true);
            load.shutdownNow();
        }
        assertThat(failures).isEmpty();
        assertThat(send(DAVE, "GET", "/secret/plan.txt", "").status()).isEqualTo(200);
    }

    @Test
    void anAdminReloadIsInForceForTheNextRequest() throws Exception {
        start(a -> a);
        assertThat(send(DAVE, "GET", "/secret/plan.txt", "").code()).isEqualTo("AccessDenied");
        Files.writeString(dir.resolve("policies/deny-secret.json"), """
                {"version": "2.0", "statement": [{"effect": "deny", "action": ["name/cos:*"],
                  "resource": ["qcs::cos::uid/1250000001:examplebucket-1250000001/other/*"]}]}""");
        HttpResponse<String> reload = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + served.operations().admin().port() + "/admin/reload")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
        assertThat(send(DAVE, "GET", "/secret/plan.txt", "").status()).isEqualTo(200);
    }

    @Test
    void aCamApiWriteChangesTheGatewaysDecisions() throws Exception {
        start(a -> a);
        assertThat(send(CAROL, "PUT", "/carol.txt", "carol\n").code()).isEqualTo("AccessDenied");
        AdminClient cam = new AdminClient(served.operations().admin().port());
        String document = "{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\","
                + "\"action\":[\"name/cos:PutObject\"],"
                + "\"resource\":[\"qcs::cos:ap-shanghai:uid/1250000001:examplebucket-1250000001/carol.txt\"]}]}";
        JsonNode created = cam.cam(ROOT[0], ROOT[1], "CreatePolicy", AdminClient.JSON.createObjectNode()
                .put("PolicyName", "carol-writes-her-file").put("PolicyDocument", document).toString());
        assertThat(created.has("Error")).as("%s", created).isFalse();
        JsonNode attached = cam.cam(ROOT[0], ROOT[1], "AttachUserPolicy", AdminClient.JSON.createObjectNode()
                .put("PolicyId", created.path("PolicyId").asLong()).put("AttachUin", "100000000013").toString());
        assertThat(attached.has("Error")).as("%s", attached).isFalse();
        // the write is published before it is answered: the very next request is decided on it
        assertThat(send(CAROL, "PUT", "/carol.txt", "carol\n").status()).isEqualTo(200);
        assertThat(send(CAROL, "PUT", "/other.txt", "carol\n").code()).isEqualTo("AccessDenied");
    }

    @Test
    void aBrokenFileIsRejectedWhileTrafficKeepsFlowing() throws Exception {
        start(a -> a);
        long before = generation();
        Files.writeString(dir.resolve("policies/deny-secret.json"), "{\"version\": \"2.0\", \"statement\": [");
        int rounds = 0;
        while (metrics().sum("camgate_policy_load_failures_total", Map.of("set", "live")) == 0
                && rounds++ < MAX_ROUNDS) {
            DemoCall.Reply carol = send(CAROL, "GET", "/hello.txt", "");
            DemoCall.Reply dave = send(DAVE, "GET", "/secret/plan.txt", "");
            assertThat(carol.status()).isEqualTo(200);
            assertThat(dave.status()).isEqualTo(403);
        }
        assertThat(metrics().sum("camgate_policy_load_failures_total", Map.of("set", "live"))).isGreaterThan(0);
        assertThat(generation()).isEqualTo(before);
        assertThat(send(CAROL, "GET", "/hello.txt", "").status()).isEqualTo(200);
        assertThat(send(DAVE, "GET", "/secret/plan.txt", "").code()).isEqualTo("AccessDenied");
        assertThat(admin("/readyz")).contains("\"ready\"");
    }

    @Test
    void limitsAnswerSlowDownAndRecoverAsTheirBucketsRefill() throws Exception {
        start(a -> a.replaceFirst("        name: bob .*\n", "        name: bob\n        limits: {requestsPerSecond: 2}\n")
                .replace("secretKey: \"demoDaveSecretKey00000000000014\", status: active}",
                        "secretKey: \"demoDaveSecretKey00000000000014\", status: active, limits: {bytesPerSecond: 100}}"));
        assertThat(send(BOB, "GET", "/hello.txt", "").status()).isEqualTo(200);
        assertThat(send(BOB, "GET", "/hello.txt", "").status()).isEqualTo(200);
        DemoCall.Reply slow = send(BOB, "GET", "/hello.txt", "");
        assertThat(slow.status()).isEqualTo(503);
        assertThat(slow.code()).isEqualTo("SlowDown");
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(send(BOB, "GET", "/hello.txt", "").status()).isEqualTo(200);

        // 1000 bytes up: admitted, then charged, so dave's next request waits for the bucket to refill
        assertThat(send(DAVE, "PUT", "/dave.txt", "x".repeat(1000)).status()).isEqualTo(200);
        assertThat(send(DAVE, "GET", "/hello.txt", "").code()).isEqualTo("SlowDown");
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(send(DAVE, "GET", "/hello.txt", "").code()).isEqualTo("SlowDown");
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        // and 1000 bytes down are charged as well
        DemoCall.Reply big = send(DAVE, "GET", "/dave.txt", "");
        assertThat(big.status()).isEqualTo(200);
        assertThat(big.body()).hasSize(1000);
        assertThat(send(DAVE, "GET", "/hello.txt", "").code()).isEqualTo("SlowDown");
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(send(DAVE, "GET", "/hello.txt", "").status()).isEqualTo(200);

        Scrape m = metrics();
        assertThat(m.sum("camgate_limits_throttled_total", Map.of("limit", "requests"))).isEqualTo(1);
        assertThat(m.sum("camgate_limits_throttled_total", Map.of("limit", "bytes"))).isEqualTo(3);
        assertThat(m.sum("camgate_requests_total", Map.of("decision", "throttled", "status_class", "5xx")))
                .isEqualTo(4);
    }

    @Test
    void metricsAfterTrafficHoldRequestDecisionAndUpstreamMetersWithoutPerUserLabels() throws Exception {
        start(a -> a);
        completed.clear();
        assertThat(send(CAROL, "GET", "/hello.txt", "").status()).isEqualTo(200);
        assertThat(send(DAVE, "GET", "/secret/plan.txt", "").status()).isEqualTo(403);
        assertThat(send(new String[] {CAROL[0], "notCarolsKey"}, "GET", "/hello.txt", "").code())
                .isEqualTo("SignatureDoesNotMatch");
        Scrape m = metrics();
        Map<String, String> allowedGet = Map.of("method", "GET", "action", "cos:GetObject", "decision", "allow",
                "status_class", "2xx");
        assertThat(m.sum("camgate_requests_total", allowedGet)).isGreaterThanOrEqualTo(1);
        assertThat(m.sum("camgate_requests_total", Map.of("method", "GET", "action", "cos:GetObject",
                "decision", "deny", "status_class", "4xx"))).isEqualTo(1);
        assertThat(m.sum("camgate_requests_total", Map.of("decision", "error", "status_class", "4xx"))).isEqualTo(1);
        assertThat(m.sum("camgate_signature_failures_total", Map.of("reason", "mismatch"))).isEqualTo(1);
        assertThat(m.sum("camgate_authz_decision_duration_seconds_count", Map.of("decision", "deny"))).isEqualTo(1);
        assertThat(m.sum("camgate_authz_decision_duration_seconds_count", Map.of("decision", "allow")))
                .isGreaterThanOrEqualTo(4);
        // the bucket, two objects and carol's read went upstream (the bucket may exist already: 409)
        assertThat(m.sum("camgate_upstream_duration_seconds_count")).isEqualTo(4);
        assertThat(m.sum("camgate_upstream_duration_seconds_count", Map.of("status_class", "2xx")))
                .isGreaterThanOrEqualTo(3);
        assertThat(m.sum("camgate_request_duration_seconds_count", Map.of("decision", "allow")))
                .isGreaterThanOrEqualTo(4);
        assertThat(m.sum("camgate_log_lines_dropped_total")).isZero();
        // every request has finished, so no upstream connection is lent; at least one pool was opened
        assertThat(m.samples()).anySatisfy(s -> assertThat(s.name()).isEqualTo("camgate_upstream_connections_in_use"));
        assertThat(m.sum("camgate_upstream_connections_in_use")).isZero();
        assertThat(m.sum("camgate_upstream_pools")).isGreaterThanOrEqualTo(1);
        assertThat(completed).containsExactly("GET /hello.txt 200 allow 100000000013 in=0 out=6",
                "GET /secret/plan.txt 403 deny 100000000014 in=0 out=0", "GET /hello.txt 403 error null in=0 out=0");

        Set<String> boundedLabels = Set.of("method", "action", "decision", "status_class", "reason", "set", "cache",
                "limit", "live", "shadow", "le", "quantile", "area", "id", "state", "gc", "cause", "action_type",
                "allocator_type", "memory_type", "cache_type", "type", "pool",
                // camgate_snapshot_info: one series per set, replaced when the revision changes
                "revision");
        for (Scrape.Sample s : m.samples()) {
            assertThat(s.name()).startsWith("camgate_");
            assertThat(boundedLabels).containsAll(s.labels().keySet());
            for (String value : s.labels().values()) {
                assertThat(value).doesNotContain("1000000000").doesNotContain("AKID").doesNotContain("hello")
                        .doesNotContain(BUCKET);
            }
        }
    }

    @Test
    void shutdownTurnsReadinessOffThenStopsAcceptingThenCloses() throws Exception {
        start(a -> a);
        int gatewayPort = served.gateway().port();
        List<String> seen = new ArrayList<>();
        boolean clean = served.shutdown(Duration.ofSeconds(5), () -> {
            try {
                HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + served.operations().admin().port() + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());
                seen.add(ready.statusCode() + " " + ready.body());
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), gatewayPort)) {
                    seen.add("gateway still accepts");
                } catch (ConnectException e) {
                    seen.add("gateway refuses");
                }
            } catch (IOException | InterruptedException e) {
                seen.add("admin failed: " + e);
            }
        });
        assertThat(clean).isTrue();
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).startsWith("503").contains("draining");
        assertThat(seen.get(1)).isEqualTo("gateway refuses");
        served = null;
    }
}
