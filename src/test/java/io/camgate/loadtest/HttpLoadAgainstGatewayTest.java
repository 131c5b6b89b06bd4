package io.camgate.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.authz.PolicyEngine;
import io.camgate.authz.ReferenceEvaluator;
import io.camgate.authz.Snapshot;
import io.camgate.authz.index.IndexedEngine;
import io.camgate.config.ConfigLoader;
import io.camgate.config.GatewaySettingsLoader;
import io.camgate.cos.CosRequest;
import io.camgate.cos.CosSettings;
import io.camgate.cos.RequestClassifier;
import io.camgate.cos.RequestHeaders;
import io.camgate.cos.Transport;
import io.camgate.identity.Principal;
import io.camgate.proxy.Gateway;
import io.camgate.proxy.RequestObserver;
import io.camgate.sign.SigV4Signer;
import io.camgate.testing.ExampleConfig;
import io.camgate.testing.S3ProxyServer;
import io.camgate.testing.TestCertificate;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP driver against a real gateway (configured the way {@code camgate serve} reads a
 * directory) in front of a real s3proxy: with the gateway's own policy set every answer is
 * the predicted one; with a set whose deny moved elsewhere the driver reports exactly the
 * requests the two sets decide differently.
 */
class HttpLoadAgainstGatewayTest {
    private static final long SEED = 8;
    private static final double RATE = 100;
    private static final Duration LENGTH = Duration.ofSeconds(3);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private static S3ProxyServer s3;
    private static Gateway gateway;
    private static Snapshot served;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3ProxyServer.start(Files.createDirectories(dir.resolve("s3")));
        createBucket("examplebucket-1250000001");
        createBucket("partnerbucket-1250000002");
        Path config = gatewayConfig(dir.resolve("gateway-config"), "");
        served = new ConfigLoader(name -> null).load(config, 1);
        gateway = Gateway.start(served, new GatewaySettingsLoader(name -> null).load(config), RequestObserver.NONE,
                Clock.systemUTC());
    }

    /** A copy of {@code config/} whose camgate.yaml routes the example buckets to s3proxy; {@code tls} adds to listen. */
    private static Path gatewayConfig(Path into, String tls) throws IOException {
        Path config = ExampleConfig.copyTo(into);
        Files.writeString(config.resolve(GatewaySettingsLoader.FILE), """
                listen: {address: 127.0.0.1, port: 0%s}
                routes:
                  - name: s3proxy
                    buckets: [examplebucket-1250000001, partnerbucket-1250000002]
                    upstream: %s
                    auth: sigv4
                    accessKey: %s
                    secretKey: %s
                """.formatted(tls, s3.uri(), S3ProxyServer.IDENTITY, S3ProxyServer.CREDENTIAL));
        return config;
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    /** Creates {@code name} in s3proxy directly, so allowed requests get real answers, not NoSuchBucket. */
    private static void createBucket(String name) throws Exception {
        SigV4Signer signer = new SigV4Signer(S3ProxyServer.IDENTITY, S3ProxyServer.CREDENTIAL, "us-east-1", "s3");
        Map<String, String> signed = signer.sign("PUT", "/" + name, List.of(),
                Map.of("host", s3.uri().getAuthority()), Instant.now());
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(s3.uri() + "/" + name))
                .PUT(HttpRequest.BodyPublishers.noBody());
        signed.forEach((k, v) -> {
            if (!k.equals("host")) {
                put.header(k, v);
            }
        });
        assertThat(HttpClient.newHttpClient().send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                .isEqualTo(200);
    }

    private static List<HttpCall> plan(Snapshot driver, long seed) {
        return plan(driver, seed, false);
    }

    private static List<HttpCall> plan(Snapshot driver, long seed, boolean secure) {
        return new HttpCallPlanner(driver, new IndexedEngine(driver), "127.0.0.1", secure, Clock.systemUTC(), 600)
                .plan(WorkloadGenerator.generate(driver, seed), bucket -> true);
    }

    private static HttpReport drive(List<HttpCall> calls, long seed) throws InterruptedException {
        return new HttpLoad(calls, seed, RATE, LENGTH).run(new InetSocketAddress("127.0.0.1", gateway.port()), 8,
                TIMEOUT, null);
    }

    /** The requests a run of {@code calls} sends that the gateway's own set decides otherwise than predicted. */
    private static Set<String> disagreements(List<HttpCall> calls, long seed) throws Exception {
        Set<String> out = new TreeSet<>();
        RequestSequence sequence = new RequestSequence(seed, calls.size());
        PolicyEngine truth = new ReferenceEvaluator(served);
        RequestClassifier classifier = new RequestClassifier(CosSettings.DEFAULTS, Clock.systemUTC());
        for (long i = 0; i < (long) (RATE * LENGTH.toSeconds()); i++) {
            HttpCall call = calls.get(sequence.at(i));
            CosRequest request = classifier.classify(call.method(), call.target(),
                    RequestHeaders.of(call.headers().toArray(String[]::new)), Transport.plain("127.0.0.1"),
                    served.directory());
            Principal caller = call.caller().equals("anonymous") ? Principal.ANONYMOUS
                    : served.directory().principal(call.caller()).orElseThrow();
            if (truth.decideAll(caller, request.needs(), request.conditions()).allowed() != call.allowed()) {
                out.add(call.caller() + " " + call.line());
            }
        }
        return out;
    }

    @Test
    void withTheGatewaysOwnPoliciesEveryAnswerIsThePredictedOne() throws Exception {
        List<HttpCall> calls = plan(served, SEED);
        HttpLoad load = new HttpLoad(calls, SEED, RATE, LENGTH);
        HttpReport report = load.run(new InetSocketAddress("127.0.0.1", gateway.port()), 8, TIMEOUT, null);
        assertThat(report.toText()).satisfies(text -> {
            assertThat(report.mismatchCount()).as(text).isZero();
            assertThat(report.errors()).as(text).isZero();
        });
        assertThat(report.ended()).isEqualTo(report.scheduled()).isEqualTo(300);
        assertThat(report.allowedMatched() + report.deniedMatched()).isEqualTo(300);
        assertThat(report.allowedMatched()).isPositive();
        assertThat(report.deniedMatched()).isPositive();
        assertThat(report.response().count()).isEqualTo(300);
        // Response time runs from the due time, which is never after the send: it bounds service time from above.
        assertThat(report.response().p50()).isGreaterThanOrEqualTo(report.service().p50());
        assertThat(report.response().max()).isGreaterThanOrEqualTo(report.service().max());

        ReportData data = load.reportData(report, List.of());
        assertThat(data.latencies()).containsOnlyKeys("response", "service");
        assertThat(data.latencies().get("response").getTotalCount()).isEqualTo(300);
        assertThat(Arrays.stream(data.perSecond()).sum()).isEqualTo(300);
        assertThat(data.decisions().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(300);
        assertThat(data.decisions().get("allow")).isEqualTo(report.allowedMatched());
        assertThat(data.slowest()).isNotEmpty().allSatisfy(c -> assertThat(c.count()).isPositive());
        assertThat(data.slowest().stream().mapToLong(CallerLatency::count).sum()).isLessThanOrEqualTo(300);
    }

    @Test
    void aDriverWithOtherPoliciesReportsExactlyTheRequestsTheSetsDecideDifferently() throws Exception {
        Path other = ExampleConfig.copyTo(dir.resolve("driver-config"));
        Path deny = other.resolve("policies/deny-secret.json");
        Files.writeString(deny, Files.readString(deny).replace("/secret/*", "/private/*"));
        Snapshot driver = new ConfigLoader(name -> null).load(other, 1);
        long seed = 0;
        List<HttpCall> calls = List.of();
        Set<String> expected = Set.of();
        // The first seed whose run sends a request the two sets disagree on (the same seed every time).
        while (expected.isEmpty() && seed < 20) {
            seed++;
            calls = plan(driver, seed);
            expected = disagreements(calls, seed);
        }
        assertThat(expected).as("some seed below 20 sends a request the sets disagree on").isNotEmpty();

        HttpReport report = drive(calls, seed);
        Set<String> found = report.mismatches().stream().map(m -> m.call().caller() + " " + m.call().line())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(found).isEqualTo(expected);
        assertThat(report.mismatches()).allSatisfy(m -> {
            assertThat(m.call().caller()).isEqualTo("100000000014");
            assertThat(m.call().line()).containsAnyOf("/secret/", "/private/");
            assertThat(m.status() == 403).isEqualTo(m.call().allowed());
        });
        assertThat(report.errors()).as(report.toText()).isZero();
    }

    @Test
    void writesGoUnderTheRunsOwnPrefixAndAreRemovedAtTheEnd() throws Exception {
        Path bucket = dir.resolve("s3/data/examplebucket-1250000001");
        String prefix = "camgate-loadtest/t" + SEED + "/";
        HttpCallPlanner planner = new HttpCallPlanner(served, new IndexedEngine(served), "127.0.0.1", false,
                Clock.systemUTC(), 600, prefix);
        // the first seed whose mix has an allowed PUT (the same seed every time)
        long seed = SEED;
        List<HttpCall> calls = planner.plan(WorkloadGenerator.generate(served, seed), b -> true);
        while (calls.stream().noneMatch(c -> c.method().equals("PUT") && c.allowed()) && seed < SEED + 20) {
            calls = planner.plan(WorkloadGenerator.generate(served, ++seed), b -> true);
        }
        List<HttpCall> writes = calls.stream().filter(c -> !c.method().equals("GET") && !c.method().equals("HEAD"))
                .toList();
        assertThat(writes).isNotEmpty().allSatisfy(c -> assertThat(c.target()).startsWith("/" + prefix));
        // An object already at every key the mix writes (outside the prefix): the run must leave each as it was.
        for (HttpCall w : writes) {
            Path existing = bucket.resolve(w.target().substring(1 + prefix.length()));
            Files.createDirectories(existing.getParent());
            Files.writeString(existing, "kept");
        }
        Set<String> before = objects(bucket);
        HttpLoad load = new HttpLoad(calls, seed, RATE, LENGTH);
        HttpReport report = load.run(new InetSocketAddress("127.0.0.1", gateway.port()), 8, TIMEOUT, null);
        assertThat(report.mismatchCount()).as(report.toText()).isZero();
        assertThat(load.written()).isNotEmpty().allSatisfy(c -> assertThat(c.target()).startsWith("/" + prefix));
        Set<String> during = objects(bucket);
        assertThat(during).as("the run wrote under its prefix").anyMatch(k -> k.startsWith(prefix));
        assertThat(during).filteredOn(k -> !k.startsWith(prefix)).containsExactlyInAnyOrderElementsOf(before);

        WriteCleanup.Outcome cleanup = WriteCleanup.run(planner, load.written(),
                new InetSocketAddress("127.0.0.1", gateway.port()), TIMEOUT, null);

        assertThat(cleanup.left()).isEmpty();
        assertThat(cleanup.removed()).isEqualTo(cleanup.written()).isEqualTo(load.written().size());
        assertThat(objects(bucket)).containsExactlyInAnyOrderElementsOf(before);
        for (HttpCall w : writes) {
            assertThat(bucket.resolve(w.target().substring(1 + prefix.length()))).hasContent("kept");
        }
    }

    /** The object keys s3proxy's file store holds for a bucket. */
    private static Set<String> objects(Path bucket) throws IOException {
        if (!Files.isDirectory(bucket)) {
            return Set.of();
        }
        try (var files = Files.walk(bucket)) {
            return files.filter(Files::isRegularFile).map(p -> bucket.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void overTlsThePredictionsHoldToo() throws Exception {
        TestCertificate cert = TestCertificate.create(dir.resolve("tls"));
        Path config = gatewayConfig(dir.resolve("tls-config"), ", tls: {certificate: " + cert.certificate()
                + ", key: " + cert.key() + "}");
        List<HttpCall> secure = plan(served, SEED, true);
        List<HttpCall> plain = plan(served, SEED, false);
        // erin's deny over plain HTTP no longer applies over TLS: the prediction follows the transport
        assertThat(secure).hasSameSizeAs(plain);
        assertThat(java.util.stream.IntStream.range(0, secure.size())
                .filter(i -> !secure.get(i).reason().equals(plain.get(i).reason()))).isNotEmpty();
        try (Gateway overTls = Gateway.start(served, new GatewaySettingsLoader(name -> null).load(config),
                RequestObserver.NONE, Clock.systemUTC())) {
            assertThat(overTls.url()).startsWith("https://");
            HttpReport report = new HttpLoad(secure, SEED, RATE, Duration.ofSeconds(1)).run(
                    new InetSocketAddress("127.0.0.1", overTls.port()), 4, TIMEOUT,
                    SslContextBuilder.forClient().trustManager(cert.certificate().toFile()).build());
            assertThat(report.mismatchCount()).as(report.toText()).isZero();
            assertThat(report.errors()).as(report.toText()).isZero();
            assertThat(report.allowedMatched() + report.deniedMatched()).isEqualTo(100);
        }
    }
}
