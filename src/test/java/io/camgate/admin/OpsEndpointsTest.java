package io.camgate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camgate.config.ShadowComparator;
import io.camgate.limits.Limiter;
import io.camgate.metrics.RequestOutcome;
import io.camgate.testing.ExampleConfig;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpsEndpointsTest {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (\\S+)$");

    @TempDir
    Path tmp;
    private Path dir;
    private RunningAdmin admin;

    @BeforeEach
    void start() throws Exception {
        dir = ExampleConfig.copyTo(tmp.resolve("config"));
        admin = new RunningAdmin(dir);
    }

    @AfterEach
    void stop() {
        admin.close();
    }

    /** Every sample of a Prometheus text exposition, by name plus labels as written; fails on a line it cannot read. */
    private static Map<String, Double> parse(String exposition) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertThat(m.matches()).as("a sample line: %s", line).isTrue();
            samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
        }
        return samples;
    }

    @Test
    void healthAndReadinessWithTheGeneration() throws Exception {
        assertThat(admin.client.get("/healthz").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = admin.client.get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(AdminClient.JSON.readTree(ready.body()).path("generation").asLong()).isEqualTo(1);
        assertThat(AdminClient.JSON.readTree(ready.body()).path("revision").asText())
                .startsWith("sha256:").isEqualTo(admin.reloader.current().revision());

        admin.server.drain();
        HttpResponse<String> draining = admin.client.get("/readyz");
        assertThat(draining.statusCode()).isEqualTo(503);
        assertThat(AdminClient.JSON.readTree(draining.body()).path("status").asText()).isEqualTo("draining");
        assertThat(admin.client.get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void reloadOnRequestPublishesOrExplains() throws Exception {
        HttpResponse<String> ok = admin.client.post("/admin/reload", "");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(AdminClient.JSON.readTree(ok.body()).path("generation").asLong()).isEqualTo(2);

        Files.writeString(dir.resolve("policies/deny-secret.json"), "{\"version\": \"3.0\", \"statement\": []}");
        HttpResponse<String> bad = admin.client.post("/admin/reload", "");
        assertThat(bad.statusCode()).isEqualTo(422);
        JsonNode body = AdminClient.JSON.readTree(bad.body());
        assertThat(body.path("generation").asLong()).isEqualTo(2);
        assertThat(body.path("problems").get(0).path("file").asText()).endsWith("deny-secret.json");
        assertThat(body.path("problems").get(0).path("pointer").asText()).isEqualTo("/version");
        assertThat(admin.client.get("/readyz").body()).contains("\"generation\":2");
    }

    @Test
    void withAnOperatorTokenReloadsAndDecisionsTakeItAndProbesStayOpen() throws Exception {
        admin.close();
        admin = new RunningAdmin(dir, "operator-token-0123456789");
        String decision = """
                {"principal": "100000000014", "action": "name/cos:GetObject",
                 "resource": "qcs::cos:ap-shanghai:uid/1250000001:examplebucket-1250000001/public/a.txt"}""";
        for (String path : new String[] {"/admin/reload", "/v1/authorize"}) {
            String body = path.equals("/v1/authorize") ? decision : "";
            HttpResponse<String> none = admin.client.post(path, body);
            assertThat(none.statusCode()).as(path).isEqualTo(401);
            assertThat(none.headers().firstValue("www-authenticate")).as(path).hasValueSatisfying(
                    v -> assertThat(v).startsWith("Bearer"));
            assertThat(admin.client.post(path, body, "Bearer operator-token-012345678").statusCode())
                    .as("%s, a prefix of the token", path).isEqualTo(401);
            assertThat(admin.client.post(path, body, "Bearer operator-token-01234567890").statusCode())
                    .as("%s, the token and more", path).isEqualTo(401);
            assertThat(admin.client.post(path, body, "Basic operator-token-0123456789").statusCode())
                    .as("%s, another scheme", path).isEqualTo(401);
            assertThat(admin.client.post(path, body, "bearer operator-token-0123456789").statusCode())
                    .as("%s, the scheme in any case", path).isEqualTo(200);
        }
        assertThat(admin.reloader.current().generation()).as("only the admitted reload ran").isEqualTo(2);
        assertThat(admin.client.get("/healthz").statusCode()).isEqualTo(200);
        assertThat(admin.client.get("/readyz").statusCode()).isEqualTo(200);
        assertThat(admin.client.get("/metrics").statusCode()).isEqualTo(200);
    }

    @Test
    void theDecisionEndpointAnswersAsExplainDoes() throws Exception {
        HttpResponse<String> denied = admin.client.post("/v1/authorize", """
                {"principal": "100000000014", "action": "name/cos:GetObject",
                 "resource": "qcs::cos:ap-shanghai:uid/1250000001:examplebucket-1250000001/secret/a.txt"}""");
        assertThat(denied.statusCode()).isEqualTo(200);
        JsonNode d = AdminClient.JSON.readTree(denied.body());
        assertThat(d.path("decision").asText()).isEqualTo("deny");
        assertThat(d.path("reason").asText()).isEqualTo("explicit_deny");
        assertThat(d.path("statements").get(0).path("policy").asText()).isEqualTo("deny-secret");
        assertThat(d.path("statements").get(0).path("effect").asText()).isEqualTo("deny");
        assertThat(d.path("revision").asText()).isEqualTo(admin.reloader.current().revision());

        JsonNode allowed = AdminClient.JSON.readTree(admin.client.post("/v1/authorize", """
                {"principal": "100000000014", "action": "name/cos:GetObject",
                 "resource": "qcs::cos:ap-shanghai:uid/1250000001:examplebucket-1250000001/public/a.txt"}""").body());
        assertThat(allowed.path("decision").asText()).isEqualTo("allow");
        assertThat(allowed.path("statements").get(0).path("policy").asText()).isEqualTo("cos-read-write");

        HttpResponse<String> bad = admin.client.post("/v1/authorize", "{\"principal\": \"nobody\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(AdminClient.JSON.readTree(bad.body()).path("error").asText()).isNotEmpty();
        assertThat(admin.client.get("/v1/authorize").statusCode()).isEqualTo(405);
        assertThat(admin.client.get("/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void theSnapshotInfoMetricHasOneSeriesNamingTheRevisionInUse() throws Exception {
        String before = admin.reloader.current().revision();
        assertThat(parse(admin.client.get("/metrics").body()))
                .containsEntry("camgate_snapshot_info{revision=\"" + before + "\",set=\"live\"}", 1.0);
        Path policy = dir.resolve("policies/deny-secret.json");
        Files.writeString(policy, Files.readString(policy) + "\n");
        assertThat(admin.client.post("/admin/reload", "").statusCode()).isEqualTo(200);
        String after = admin.reloader.current().revision();
        assertThat(after).isNotEqualTo(before);
        Map<String, Double> samples = parse(admin.client.get("/metrics").body());
        assertThat(samples).containsEntry("camgate_snapshot_info{revision=\"" + after + "\",set=\"live\"}", 1.0);
        assertThat(samples.keySet().stream().filter(k -> k.startsWith("camgate_snapshot_info{"))).hasSize(1);
    }

    @Test
    void metricsAreScrapedAndParsed() throws Exception {
        admin.metrics.request("GET", "name/cos:GetObject", RequestOutcome.ALLOW, 200, 1_500_000);
        admin.metrics.request("PUT", "name/cos:PutObject", RequestOutcome.DENY, 403, 800_000);
        admin.metrics.request("GET", "name/cos:GetObject", RequestOutcome.ALLOW, 206, 900_000);
        admin.metrics.signatureFailure(io.camgate.sign.AuthError.REQUEST_EXPIRED);
        admin.metrics.decision(true, 3_000);
        admin.metrics.upstream(200, 1_000_000);
        Limiter limiter = new Limiter();
        admin.metrics.bindLimiter(limiter);
        admin.metrics.bindShadow(new ShadowComparator(admin.reloader.holder(), Runnable::run));
        admin.client.post("/admin/reload", "");

        HttpResponse<String> scrape = admin.client.get("/metrics");
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
        Map<String, Double> samples = parse(scrape.body());

        assertThat(samples).containsEntry("camgate_requests_total{action=\"name/cos:GetObject\",decision=\"allow\","
                + "method=\"GET\",status_class=\"2xx\"}", 2.0);
        assertThat(samples).containsEntry("camgate_requests_total{action=\"name/cos:PutObject\",decision=\"deny\","
                + "method=\"PUT\",status_class=\"4xx\"}", 1.0);
        assertThat(samples).containsEntry("camgate_signature_failures_total{reason=\"expired\"}", 1.0);
        assertThat(samples).containsEntry("camgate_policy_generation{set=\"live\"}", 2.0);
        assertThat(samples).containsEntry("camgate_policy_reloads_total{set=\"live\"}", 1.0);
        assertThat(samples).containsEntry("camgate_policy_load_failures_total{set=\"live\"}", 0.0);
        assertThat(samples).containsEntry("camgate_shadow_disagreements_total", 0.0);
        assertThat(samples).containsEntry("camgate_limits_throttled_total{limit=\"requests\"}", 0.0);
        assertThat(samples).containsKey("camgate_request_duration_seconds_count{decision=\"allow\"}");
        assertThat(samples.get("camgate_request_duration_seconds_count{decision=\"allow\"}")).isEqualTo(2.0);
        assertThat(samples.keySet()).anyMatch(k -> k.startsWith("camgate_request_duration_seconds_bucket{"));
        assertThat(samples.keySet()).anyMatch(k -> k.startsWith("camgate_authz_decision_duration_seconds_bucket{"));
        assertThat(samples.keySet()).anyMatch(k -> k.startsWith("camgate_upstream_duration_seconds_bucket{"));
        assertThat(samples.keySet()).anyMatch(k -> k.startsWith("camgate_cache_hit_ratio{cache=\"principals\""));
        assertThat(samples.keySet()).anyMatch(k -> k.startsWith("camgate_cache_size{cache=\"signing_keys\""));
        // the JVM, process and allocator figures under the names stock dashboards query
        assertThat(samples.keySet()).anyMatch(k -> k.startsWith("jvm_memory_used_bytes{"));
        assertThat(samples.keySet()).contains("jvm_threads_live_threads");
        assertThat(samples.keySet()).contains("process_cpu_seconds_total", "process_uptime_seconds");
        assertThat(samples.keySet()).anyMatch(k -> k.startsWith("netty_allocator_memory_used_bytes{"));
        assertThat(samples.keySet()).allMatch(k -> k.startsWith("camgate_") || k.startsWith("jvm_")
                || k.startsWith("process_") || k.startsWith("system_") || k.startsWith("netty_allocator_"));
        // no label names a user, key or object
        assertThat(scrape.body()).doesNotContain("AKID").doesNotContain("100000000014");
    }
}
