package io.camgate.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The ServiceMonitor, the PrometheusRule and the Grafana dashboard, as the monitoring stack reads them. */
class MonitoringObjectsTest {
    private final RenderedChart defaults = ValueSets.defaults();
    private final RenderedChart all = ValueSets.allFeatures();

    @Test
    void noRuleOrDashboardUnlessAskedFor() {
        assertThat(defaults.all("PrometheusRule")).isEmpty();
        assertThat(defaults.all("ConfigMap")).noneMatch(c -> c.path("data").has("camgate.json"));
    }

    @Test
    void theServiceMonitorLivesWhereThePrometheusLooksAndScrapesTheRelease() {
        JsonNode monitor = all.one("ServiceMonitor");
        assertThat(monitor.path("metadata").path("namespace").asText()).isEqualTo("monitoring");
        assertThat(monitor.path("spec").path("namespaceSelector").path("matchNames").path(0).asText())
                .isEqualTo("storage");
        assertThat(monitor.path("spec").path("targetLabels").path(0).asText()).isEqualTo("app.kubernetes.io/instance");
        assertThat(all.one("Service").path("metadata").path("labels").has("app.kubernetes.io/instance")).isTrue();
    }

    @Test
    void theRuleAlertsOnWhatAnOperatorMustActOn() {
        JsonNode rule = all.one("PrometheusRule");
        assertThat(rule.path("metadata").path("labels").path("release").asText()).isEqualTo("prometheus");
        List<JsonNode> rules = StreamSupport.stream(rule.path("spec").path("groups").path(0).path("rules").spliterator(),
                false).toList();
        assertThat(rules).extracting(r -> r.path("alert").asText()).containsExactly("CamgateReloadFailing",
                "CamgateReloadRefused", "CamgateShadowDisagreements", "CamgateHighErrorRatio", "CamgateLogLinesDropped", "CamgateRevisionSkew",
                "CamgateConfigRevisionSkew", "CamgateUpstreamFailing");
        for (JsonNode r : rules) {
            assertThat(r.path("labels").path("severity").asText()).as(r.path("alert").asText()).isNotEmpty();
            assertThat(r.path("labels").path("team").asText()).isEqualTo("storage");
            assertThat(r.path("annotations").path("summary").asText()).isNotBlank();
            assertThat(r.path("annotations").path("description").asText()).isNotBlank();
        }
        // the ratio given in the values, and the release's own series: job is the Service's name
        String service = all.one("Service").path("metadata").path("name").asText();
        assertThat(MonitoringQueries.ruleExpressions(all)).allSatisfy(e -> assertThat(e)
                .contains("job=\"" + service + "\",namespace=\"storage\""));
        assertThat(rules.get(3).path("expr").asText()).endsWith("> 0.02").contains("decision!=\"throttled\"");
        // Prometheus fills $labels and $value; Helm must have left them alone
        assertThat(rules.get(0).path("annotations").path("summary").asText()).contains("{{ $labels.pod }}");
    }

    @Test
    void theDashboardIsAConfigMapTheGrafanaSidecarLoads() {
        JsonNode configMap = all.named("ConfigMap", all.one("Deployment").path("metadata").path("name").asText()
                + "-dashboard");
        assertThat(configMap.path("metadata").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
        assertThat(configMap.path("metadata").path("namespace").asText()).isEqualTo("monitoring");
        assertThat(configMap.path("metadata").path("annotations").path("grafana_folder").asText()).isEqualTo("Storage");
        JsonNode dashboard = MonitoringQueries.dashboard(all);
        assertThat(dashboard.path("uid").asText()).isEqualTo("camgate-gateway");
        assertThat(dashboard.path("panels").size()).isGreaterThan(10);
        assertThat(dashboard.findValues("datasource")).allSatisfy(d -> assertThat(d.path("uid").asText())
                .isEqualTo("${datasource}"));
    }

    @Test
    void theRuleAndTheDashboardReadTheStandardJvmNamesAndCamgatesOwn() {
        assertThat(MonitoringQueries.metrics(MonitoringQueries.dashboardExpressions(all)))
                .contains("jvm_memory_used_bytes", "process_cpu_seconds_total", "camgate_requests_total",
                        "camgate_request_duration_seconds_bucket")
                .noneMatch(m -> m.startsWith("camgate_jvm_") || m.endsWith("_ns_total"));
        assertThat(MonitoringQueries.metrics(MonitoringQueries.ruleExpressions(all))).contains(
                "camgate_policy_load_failures_total", "camgate_config_reloads_refused_total",
                "camgate_shadow_disagreements_total", "camgate_requests_total",
                "camgate_log_lines_dropped_total", "camgate_build_info", "camgate_snapshot_info",
                "camgate_upstream_failures_total");
    }
}
