package io.camgate.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.sign.AuthError;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {
    private final GatewayMetrics metrics = new GatewayMetrics();

    @AfterEach
    void close() {
        metrics.close();
    }

    private Set<String> labelValues(String metric, String label) {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("^" + metric + "\\{[^}]*" + label + "=\"([^\"]*)\"", Pattern.MULTILINE)
                .matcher(metrics.scrape());
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void actionLabelsAreBoundedAndTheRestCountAsOther() {
        for (int i = 0; i < GatewayMetrics.MAX_ACTIONS + 100; i++) {
            metrics.request("GET", "name/cos:Made" + i, RequestOutcome.DENY, 403, 1000);
        }
        Set<String> actions = labelValues("camgate_requests_total", "action");
        assertThat(actions).hasSizeLessThanOrEqualTo(GatewayMetrics.MAX_ACTIONS + 1).contains("other");
    }

    @Test
    void methodsAndStatusesFallIntoBoundedClasses() {
        metrics.request("PROPFIND", null, RequestOutcome.ERROR, 999, 1000);
        metrics.request("GET", "name/cos:GetObject", RequestOutcome.THROTTLED, 503, 1000);
        assertThat(labelValues("camgate_requests_total", "method")).containsExactlyInAnyOrder("other", "GET");
        assertThat(labelValues("camgate_requests_total", "status_class")).containsExactlyInAnyOrder("other", "5xx");
        assertThat(labelValues("camgate_requests_total", "decision")).containsExactlyInAnyOrder("error", "throttled");
    }

    @Test
    void framingRejectionsAreOneCounterWithoutLabels() {
        metrics.framingRejection();
        metrics.framingRejection();
        assertThat(metrics.scrape()).contains("camgate_framing_rejections_total 2.0");
    }

    @Test
    void signatureFailureReasonsIgnoreDebugDetail() {
        metrics.signatureFailure(AuthError.SIGNATURE_DOES_NOT_MATCH.withDebug("string-to-sign-detail", "format-detail"));
        metrics.signatureFailure(AuthError.INVALID_ACCESS_KEY_ID);
        metrics.signatureFailure(AuthError.malformedAuthorization("q-ak missing"));
        metrics.signatureFailure(AuthError.conditionFailed("key"));
        assertThat(metrics.scrape()).contains("camgate_signature_failures_total{reason=\"mismatch\"} 1.0")
                .contains("camgate_signature_failures_total{reason=\"unknown_key\"} 1.0")
                .contains("camgate_signature_failures_total{reason=\"malformed\"} 1.0")
                .contains("camgate_signature_failures_total{reason=\"post_policy\"} 1.0")
                .contains("camgate_signature_failures_total{reason=\"expired\"} 0.0");
        assertThat(metrics.scrape()).doesNotContain("string-to-sign-detail").doesNotContain("q-ak missing");
    }

    @Test
    void jvmAndProcessMetersKeepTheirStandardNamesInBaseUnits() {
        String scrape = metrics.scrape();
        assertThat(scrape).containsPattern("(?m)^jvm_memory_used_bytes\\{")
                .containsPattern("(?m)^jvm_threads_live_threads ")
                .containsPattern("(?m)^process_cpu_seconds_total ")
                .containsPattern("(?m)^netty_allocator_memory_used_bytes\\{");
        assertThat(scrape).doesNotContain("camgate_jvm_").doesNotContain("camgate_process_")
                .doesNotContainPattern("(?m)^\\w*_ns(_total)?[ {]");
    }

    @Test
    void noLabelChangesFromOneStartToTheNext() {
        String first = series(metrics.scrape());
        try (GatewayMetrics again = new GatewayMetrics()) {
            assertThat(series(again.scrape())).isEqualTo(first);
        }
        // Netty's allocator was labelled with its identity hash
        assertThat(metrics.scrape()).doesNotContainPattern("id=\"-?\\d+\"");
    }

    /** Every series name with its labels, values left out. */
    private static String series(String scrape) {
        return scrape.lines().filter(l -> !l.startsWith("#")).map(l -> l.substring(0, l.lastIndexOf(' ')))
                .sorted().reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void theBuildIsOneSeriesWithItsVersionAndRevision() {
        try (GatewayMetrics built = new GatewayMetrics(new BuildInfo("1.2.3", "0123456789ab"))) {
            assertThat(built.scrape()).containsPattern(
                    "(?m)^camgate_build_info\\{revision=\"0123456789ab\",version=\"1\\.2\\.3\"\\} 1(\\.0)?$");
        }
        // run from a classes directory, nothing is known
        assertThat(metrics.scrape()).contains("camgate_build_info{revision=\"unknown\",version=\"unknown\"}");
    }

    @Test
    void everyHistogramSeriesHasAtMostThirtyBuckets() {
        metrics.request("GET", "name/cos:GetObject", RequestOutcome.ALLOW, 200, 3_000_000);
        metrics.decision(true, 900);
        metrics.upstream(200, 2_000_000);
        Map<String, Integer> buckets = new TreeMap<>();
        for (String line : metrics.scrape().split("\n")) {
            if (line.contains("_bucket{")) {
                buckets.merge(line.substring(0, line.indexOf("_bucket{")) + line.replaceAll(".*\\{|le=\"[^\"]*\",?|\\}.*", ""),
                        1, Integer::sum);
            }
        }
        assertThat(buckets).isNotEmpty();
        assertThat(buckets.values()).allMatch(n -> n <= 30);
        // a microsecond decision falls into a bucket of its own size, not into the first catch-all
        assertThat(metrics.scrape()).contains(
                "camgate_authz_decision_duration_seconds_bucket{decision=\"allow\",le=\"1.0E-6\"} 1");
    }

    @Test
    void failureSeriesExistAtZeroBeforeTheFirstFailure() {
        String scrape = metrics.scrape();
        assertThat(scrape).contains("camgate_signature_failures_total{reason=\"mismatch\"} 0.0")
                .contains("camgate_signature_failures_total{reason=\"malformed\"} 0.0")
                .contains("camgate_upstream_failures_total{kind=\"failed\"} 0.0")
                .contains("camgate_upstream_failures_total{kind=\"timeout\"} 0.0")
                .contains("camgate_framing_rejections_total 0.0");
        metrics.upstreamFailure(UpstreamFailure.TIMEOUT);
        assertThat(metrics.scrape()).contains("camgate_upstream_failures_total{kind=\"timeout\"} 1.0");
    }
}
