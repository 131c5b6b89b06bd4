package io.camgate.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.sign.AuthError;
import java.util.Set;
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
        assertThat(labelValues("camgate_signature_failures_total", "reason"))
                .containsExactlyInAnyOrder("mismatch", "unknown_key", "malformed", "post_policy");
        assertThat(metrics.scrape()).doesNotContain("string-to-sign-detail").doesNotContain("q-ak missing");
    }
}
