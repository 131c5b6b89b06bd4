package io.camgate.loadtest;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What a run's report shows, whichever driver ran it.
 *
 * @param title      the report's title
 * @param facts      one line each: what ran, with which settings, and the headline figures
 * @param unit       the latency unit to show ({@code µs}, {@code ms})
 * @param unitNanos  nanoseconds per unit
 * @param latencies  latency histograms in nanoseconds, by name ({@code decision}, {@code response} …)
 * @param perSecond  requests ended in each second of the run, from its start
 * @param seconds    how long the run took (its last second may be partial)
 * @param decisions  requests by decision ({@code allow}, {@code deny})
 * @param reasons    requests by reason label
 * @param slowest    the callers with the highest mean latency, slowest first
 */
public record ReportData(String title, List<String> facts, String unit, double unitNanos,
        Map<String, Histogram> latencies, long[] perSecond, double seconds, Map<String, Long> decisions,
        Map<String, Long> reasons, List<CallerLatency> slowest) {
    /** How many callers the report lists at most. */
    public static final int SLOWEST = 15;
}
