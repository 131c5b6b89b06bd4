package io.camgate.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The report's plots as inline SVG, drawn here rather than by a script so that the report needs
 * nothing but the file. Each data series carries {@code data-points}, the number of values it
 * plots, so that a test can tell a drawn plot from an empty frame.
 */
final class SvgPlots {
    private static final int W = 720;
    private static final int H = 300;
    private static final int LEFT = 70;
    private static final int RIGHT = 45;
    private static final int TOP = 20;
    private static final int BOTTOM = 45;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e"};
    /** The highest percentile plotted: 99.9999, six nines of 1/(1-p). */
    private static final double MAX_NINES = 6;

    private SvgPlots() {
    }

    /**
     * Latency by percentile, one line per histogram: x is the percentile on the "number of
     * nines" scale ({@code log10(1/(1-p))}) that HdrHistogram plots use, y the latency on a
     * logarithmic scale, so that the median and the tail both show.
     */
    static String percentiles(Map<String, Histogram> histograms, double unitNanos, String unit) {
        double lo = Double.MAX_VALUE;
        double hi = 0;
        // n values tell percentiles apart up to about log10(n) nines; the plot ends there
        long most = histograms.values().stream().mapToLong(Histogram::getTotalCount).max().orElse(0);
        double xMax = Math.max(1, Math.min(MAX_NINES, Math.ceil(Math.log10(Math.max(10, most)))));
        List<List<double[]>> all = new ArrayList<>();
        for (Histogram h : histograms.values()) {
            List<double[]> points = new ArrayList<>();
            if (h.getTotalCount() > 0) {
                for (HistogramIterationValue v : h.percentiles(5)) {
                    double p = v.getPercentileLevelIteratedTo() / 100.0;
                    double x = p >= 1 ? xMax : Math.min(xMax, Math.log10(1 / (1 - p)));
                    double y = Math.max(1, h.highestEquivalentValue(v.getValueIteratedTo())) / unitNanos;
                    points.add(new double[] {x, y});
                    lo = Math.min(lo, y);
                    hi = Math.max(hi, y);
                }
            }
            all.add(points);
        }
        // whole decades around the values; the plot works on their logarithms
        int decadeLo = hi == 0 ? 0 : (int) Math.floor(Math.log10(lo));
        int decadeHi = hi == 0 ? 1 : Math.max(decadeLo + 1, (int) Math.ceil(Math.log10(hi)));
        StringBuilder out = frame("Latency by percentile", unit + " (log scale)");
        for (int n = 0; n <= xMax; n++) {
            out.append(tick(xPixel(n, xMax), H - BOTTOM, ninesLabel(n), true));
        }
        for (int k = decadeLo; k <= decadeHi; k++) {
            out.append(tick(LEFT, yPixel(k - decadeLo, decadeHi - decadeLo), number(Math.pow(10, k)), false));
        }
        int i = 0;
        for (String name : histograms.keySet()) {
            List<double[]> logs = new ArrayList<>();
            for (double[] xy : all.get(i)) {
                logs.add(new double[] {xy[0], Math.log10(xy[1]) - decadeLo});
            }
            out.append(polyline(logs, xMax, decadeHi - decadeLo, COLOURS[i % COLOURS.length], name));
            out.append(legend(i, name));
            i++;
        }
        return out.append("</svg>").toString();
    }

    /** The percentile with {@code n} nines: 0%, 90%, 99%, 99.9% … */
    static String ninesLabel(int n) {
        return n == 0 ? "0%" : n == 1 ? "90%" : "99" + (n == 2 ? "" : "." + "9".repeat(n - 2)) + "%";
    }

    /**
     * Requests ended per second over the run. The last second, usually cut short by the end of
     * the run, counts at the rate of the part the run covered, and is left out when that part
     * is under half a second (too short for a rate; {@code throughput.csv} has its count).
     */
    static String throughput(long[] perSecond, double seconds) {
        double yMax = 0;
        List<double[]> points = new ArrayList<>();
        for (int s = 0; s < perSecond.length; s++) {
            double covered = Math.min(1, seconds - s);
            if (covered < 0.5 && s > 0) {
                continue;
            }
            covered = Math.max(covered, 0.001);
            points.add(new double[] {s + covered / 2, perSecond[s] / covered});
            yMax = Math.max(yMax, perSecond[s] / covered);
        }
        double xMax = Math.max(1, perSecond.length);
        yMax = niceCeiling(yMax);
        StringBuilder out = frame("Throughput over time", "requests/s");
        int step = Math.max(1, (int) Math.ceil(xMax / 10));
        for (int s = 0; s <= xMax; s += step) {
            out.append(tick(xPixel(s, xMax), H - BOTTOM, s + " s", true));
        }
        yTicks(out, yMax);
        out.append(polyline(points, xMax, yMax, COLOURS[0], "throughput"));
        return out.append("</svg>").toString();
    }

    /** Horizontal bars with counts and shares, in the map's order. */
    static String bars(String title, Map<String, Long> counts) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        long max = counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
        int row = 28;
        int height = TOP + 30 + row * counts.size();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot bars\" width=\"%d\" height=\"%d\" "
                        + "data-points=\"%d\" role=\"img\"><title>%s</title>", W, height, counts.size(), esc(title)));
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>", 10, TOP,
                esc(title)));
        int i = 0;
        int barMax = W - 180 - 160;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            int y = TOP + 20 + i * row;
            int len = max == 0 ? 0 : (int) Math.round(barMax * (double) e.getValue() / max);
            out.append(String.format(Locale.ROOT, "<text x=\"170\" y=\"%d\" text-anchor=\"end\">%s</text>", y + 15,
                    esc(e.getKey())));
            out.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"180\" y=\"%d\" width=\"%d\" height=\"20\" "
                    + "fill=\"%s\" data-value=\"%d\"/>", y, len, COLOURS[i % COLOURS.length], e.getValue()));
            out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%,d (%.1f%%)</text>", 186 + len, y + 15,
                    e.getValue(), total == 0 ? 0.0 : 100.0 * e.getValue() / total));
            i++;
        }
        return out.append("</svg>").toString();
    }

    private static StringBuilder frame(String title, String yLabel) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot\" width=\"%d\" height=\"%d\" role=\"img\">"
                        + "<title>%s</title>", W, H, esc(title)));
        out.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fafafa\" "
                + "stroke=\"#999\"/>", LEFT, TOP, W - LEFT - RIGHT, H - TOP - BOTTOM));
        out.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" "
                + "text-anchor=\"middle\">%s</text>", (H - BOTTOM + TOP) / 2, (H - BOTTOM + TOP) / 2, esc(yLabel)));
        return out;
    }

    private static void yTicks(StringBuilder out, double yMax) {
        for (int k = 0; k <= 4; k++) {
            double v = yMax * k / 4;
            out.append(tick(LEFT, yPixel(v, yMax), number(v), false));
        }
    }

    private static String tick(double x, double y, String label, boolean onX) {
        if (onX) {
            return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"12\">%s</text>", x, TOP, x,
                    H - BOTTOM, x, H - BOTTOM + 18, esc(label));
        }
        return String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" font-size=\"12\">%s</text>", LEFT, y, W - RIGHT, y,
                LEFT - 6, y + 4, esc(label));
    }

    private static String polyline(List<double[]> points, double xMax, double yMax, String colour, String name) {
        StringBuilder p = new StringBuilder();
        for (double[] xy : points) {
            p.append(String.format(Locale.ROOT, "%.1f,%.1f ", xPixel(xy[0], xMax), yPixel(xy[1], yMax)));
        }
        return String.format(Locale.ROOT, "<polyline class=\"series\" data-series=\"%s\" data-points=\"%d\" "
                + "fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>", esc(name), points.size(), colour,
                p.toString().strip());
    }

    private static String legend(int i, String name) {
        int y = TOP + 16 + i * 18;
        return String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"4\" fill=\"%s\"/>"
                + "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>", LEFT + 12, y - 4, COLOURS[i % COLOURS.length],
                LEFT + 30, y, esc(name));
    }

    private static double xPixel(double x, double xMax) {
        return LEFT + (W - LEFT - RIGHT) * x / xMax;
    }

    private static double yPixel(double y, double yMax) {
        return H - BOTTOM - (H - TOP - BOTTOM) * (yMax == 0 ? 0 : y / yMax);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code v}: round axis ends. */
    private static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String number(double v) {
        return v >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%,.0f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    /** Escapes text for XML and HTML. */
    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
