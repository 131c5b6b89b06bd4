package io.camgate.loadtest;

import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The self-contained HTML page of a run's report: the facts, the latency percentile plot, the
 * throughput over time, the decision and reason mix and the slowest callers. Styles and plots
 * are inline; it loads nothing from anywhere.
 */
final class HtmlReport {
    private HtmlReport() {
    }

    static String render(ReportData d) {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(SvgPlots.esc(d.title())).append("</title><style>")
                .append("body{font-family:sans-serif;margin:2em;color:#222}svg{display:block;margin:1em 0}")
                .append("table{border-collapse:collapse}td,th{padding:4px 10px;border-bottom:1px solid #ddd;")
                .append("text-align:right}td:first-child,th:first-child{text-align:left}")
                .append("</style></head><body>\n<h1>").append(SvgPlots.esc(d.title())).append("</h1>\n<ul>");
        d.facts().forEach(f -> out.append("<li>").append(SvgPlots.esc(f)).append("</li>"));
        out.append("</ul>\n<h2>Latency</h2>\n");
        out.append(SvgPlots.percentiles(d.latencies(), d.unitNanos(), d.unit())).append('\n');
        out.append(percentileTable(d)).append('\n');
        out.append("<h2>Throughput</h2>\n").append(SvgPlots.throughput(d.perSecond(), d.seconds())).append('\n');
        out.append("<h2>Decisions</h2>\n").append(SvgPlots.bars("By decision", d.decisions())).append('\n');
        out.append(SvgPlots.bars("By reason", d.reasons())).append('\n');
        out.append("<h2>Slowest callers</h2>\n<table id=\"slowest\"><tr><th>caller</th><th>requests</th><th>mean (")
                .append(d.unit()).append(")</th><th>max (").append(d.unit()).append(")</th></tr>");
        for (CallerLatency c : d.slowest()) {
            out.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%,d</td><td>%.2f</td><td>%.2f</td></tr>",
                    SvgPlots.esc(c.caller()), c.count(), c.meanNanos() / d.unitNanos(), c.maxNanos() / d.unitNanos()));
        }
        out.append("</table>\n<p>Files beside this one: the histograms as <code>.hgrm</code> (HdrHistogram "
                + "percentile distributions), <code>percentiles.csv</code>, <code>throughput.csv</code>, "
                + "<code>decisions.csv</code>, <code>reasons.csv</code> and <code>callers.csv</code>.</p>\n");
        return out.append("</body></html>\n").toString();
    }

    private static String percentileTable(ReportData d) {
        StringBuilder out = new StringBuilder("<table id=\"percentiles\"><tr><th>latency (" + d.unit() + ")</th>");
        for (String p : ReportFiles.PERCENTILE_NAMES) {
            out.append("<th>").append(p).append("</th>");
        }
        out.append("</tr>");
        for (Map.Entry<String, Histogram> e : d.latencies().entrySet()) {
            out.append("<tr><td>").append(SvgPlots.esc(e.getKey())).append("</td>");
            for (double v : ReportFiles.percentileValues(e.getValue())) {
                out.append(String.format(Locale.ROOT, "<td>%.2f</td>", v / d.unitNanos()));
            }
            out.append("</tr>");
        }
        return out.append("</table>").toString();
    }
}
