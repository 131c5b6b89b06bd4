package io.camgate.loadtest;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Writes a run's report into a directory: {@code report.html} and, for other tools,
 * {@code <name>.hgrm} per latency histogram (HdrHistogram's percentile distribution, in the
 * report's unit), {@code percentiles.csv}, {@code throughput.csv}, {@code decisions.csv},
 * {@code reasons.csv} and {@code callers.csv}.
 */
public final class ReportFiles {
    /** The percentiles the tables and {@code percentiles.csv} list. */
    static final List<String> PERCENTILE_NAMES = List.of("p50", "p90", "p99", "p99.9", "p99.99", "max", "mean");
    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};

    private ReportFiles() {
    }

    /** Writes the report of {@code data} into {@code dir}, creating it; returns the HTML file. */
    public static Path write(Path dir, ReportData data) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, Histogram> e : data.latencies().entrySet()) {
            try (PrintStream out = new PrintStream(Files.newOutputStream(dir.resolve(e.getKey() + ".hgrm")), false,
                    StandardCharsets.UTF_8)) {
                e.getValue().outputPercentileDistribution(out, data.unitNanos());
            }
        }
        StringBuilder percentiles = new StringBuilder("histogram,unit," + String.join(",", PERCENTILE_NAMES) + "\n");
        data.latencies().forEach((name, h) -> {
            percentiles.append(name).append(',').append(data.unit().replace('µ', 'u'));
            for (double v : percentileValues(h)) {
                percentiles.append(String.format(Locale.ROOT, ",%.3f", v / data.unitNanos()));
            }
            percentiles.append('\n');
        });
        Files.writeString(dir.resolve("percentiles.csv"), percentiles);
        StringBuilder throughput = new StringBuilder("second,requests\n");
        for (int s = 0; s < data.perSecond().length; s++) {
            throughput.append(s).append(',').append(data.perSecond()[s]).append('\n');
        }
        Files.writeString(dir.resolve("throughput.csv"), throughput);
        Files.writeString(dir.resolve("decisions.csv"), counts("decision", data.decisions()));
        Files.writeString(dir.resolve("reasons.csv"), counts("reason", data.reasons()));
        String unit = data.unit().replace('µ', 'u');
        StringBuilder callers = new StringBuilder("caller,requests,mean_" + unit + ",max_" + unit + "\n");
        for (CallerLatency c : data.slowest()) {
            callers.append(String.format(Locale.ROOT, "%s,%d,%.3f,%.3f%n", c.caller(), c.count(),
                    c.meanNanos() / data.unitNanos(), c.maxNanos() / data.unitNanos()));
        }
        Files.writeString(dir.resolve("callers.csv"), callers);
        Path html = dir.resolve("report.html");
        Files.writeString(html, HtmlReport.render(data));
        return html;
    }

    /** The values of {@link #PERCENTILE_NAMES}, in nanoseconds. */
    static double[] percentileValues(Histogram h) {
        double[] out = new double[PERCENTILE_NAMES.size()];
        for (int i = 0; i < PERCENTILES.length; i++) {
            out[i] = h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(PERCENTILES[i]);
        }
        out[PERCENTILES.length] = h.getTotalCount() == 0 ? 0 : h.getMaxValue();
        out[PERCENTILES.length + 1] = h.getTotalCount() == 0 ? 0 : h.getMean();
        return out;
    }

    private static String counts(String what, Map<String, Long> counts) {
        StringBuilder out = new StringBuilder(what + ",requests\n");
        counts.forEach((k, v) -> out.append(k).append(',').append(v).append('\n'));
        return out.toString();
    }
}
