package io.camgate.chart;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The PromQL the chart's PrometheusRule and Grafana dashboard run, and the metric names in it. */
final class MonitoringQueries {
    private static final Pattern METRIC = Pattern.compile("\\b((?:camgate|jvm|process|system|netty)_[a-z0-9_]+)\\b");

    private MonitoringQueries() {
    }

    /** Every alert's expression. */
    static List<String> ruleExpressions(RenderedChart chart) {
        List<String> out = new ArrayList<>();
        for (JsonNode group : chart.one("PrometheusRule").path("spec").path("groups")) {
            group.path("rules").forEach(r -> out.add(r.path("expr").asText()));
        }
        return out;
    }

    /** The dashboard as Grafana reads it from the ConfigMap. */
    static JsonNode dashboard(RenderedChart chart) {
        JsonNode configMap = chart.all("ConfigMap").stream()
                .filter(c -> c.path("data").has("camgate.json")).findFirst().orElseThrow();
        try {
            return RenderedChart.YAML.readTree(configMap.path("data").path("camgate.json").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every query of the dashboard: its panels' targets and its template variables. */
    static List<String> dashboardExpressions(RenderedChart chart) {
        JsonNode dashboard = dashboard(chart);
        List<String> out = new ArrayList<>(dashboard.findValuesAsText("expr"));
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("query").has("query")) {
                out.add(variable.path("query").path("query").asText());
            }
        }
        return out;
    }

    /** The metric names (as exposed, with _bucket, _count ...) that {@code expressions} read. */
    static Set<String> metrics(List<String> expressions) {
        Set<String> out = new TreeSet<>();
        for (String e : expressions) {
            Matcher m = METRIC.matcher(e);
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }
}
