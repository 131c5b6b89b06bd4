package io.camgate.loadtest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The percentiles of one latency histogram, in the histogram's unit.
 *
 * @param count how many values were recorded
 * @param mean  the mean
 * @param p50   the median
 * @param p90   the 90th percentile
 * @param p99   the 99th percentile
 * @param p999  the 99.9th percentile
 * @param max   the largest value
 */
public record Latencies(long count, double mean, long p50, long p90, long p99, long p999, long max) {
    /** Histograms keep three significant digits. */
    static final int DIGITS = 3;

    /** A histogram for latencies in nanoseconds that grows to hold whatever value it is given. */
    static Histogram histogram() {
        Histogram h = new Histogram(DIGITS);
        h.setAutoResize(true);
        return h;
    }

    /** The percentiles of {@code h}. */
    static Latencies of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return new Latencies(0, 0, 0, 0, 0, 0, 0);
        }
        return new Latencies(h.getTotalCount(), h.getMean(), h.getValueAtPercentile(50),
                h.getValueAtPercentile(90), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9),
                h.getMaxValue());
    }

    /** Writes the figures, divided by {@code scale}, into {@code node}. */
    void write(ObjectNode node, double scale) {
        node.put("count", count);
        node.put("mean", round(mean / scale));
        node.put("p50", round(p50 / scale));
        node.put("p90", round(p90 / scale));
        node.put("p99", round(p99 / scale));
        node.put("p999", round(p999 / scale));
        node.put("max", round(max / scale));
    }

    /** One line: {@code p50 1.2 p90 3.4 ... (unit)}, divided by {@code scale}. */
    String line(double scale, String unit) {
        return String.format(Locale.ROOT, "p50 %s  p90 %s  p99 %s  p99.9 %s  max %s  mean %s (%s)",
                fmt(p50 / scale), fmt(p90 / scale), fmt(p99 / scale), fmt(p999 / scale), fmt(max / scale),
                fmt(mean / scale), unit);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static String fmt(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
