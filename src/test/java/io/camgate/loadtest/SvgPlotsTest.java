package io.camgate.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class SvgPlotsTest {
    private static final Pattern POINTS = Pattern.compile("data-points=\"(\\d+)\"[^>]* points=\"([^\"]*)\"");

    @Test
    void percentileAxisLabelsCountNines() {
        assertThat(SvgPlots.ninesLabel(0)).isEqualTo("0%");
        assertThat(SvgPlots.ninesLabel(1)).isEqualTo("90%");
        assertThat(SvgPlots.ninesLabel(2)).isEqualTo("99%");
        assertThat(SvgPlots.ninesLabel(4)).isEqualTo("99.99%");
    }

    @Test
    void thePercentileAxisEndsWhereTheCountStillTellsPercentilesApart() {
        Histogram small = Latencies.histogram();
        for (int i = 1; i <= 400; i++) {
            small.recordValue(i * 1000L);
        }
        Map<String, Histogram> one = new LinkedHashMap<>();
        one.put("response", small);
        String svg = SvgPlots.percentiles(one, 1e6, "ms");
        assertThat(svg).contains(">99.9%<").doesNotContain(">99.99%<");
        Matcher m = POINTS.matcher(svg);
        assertThat(m.find()).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isGreaterThan(10);
    }

    @Test
    void aShortLastSecondIsLeftOutOfTheThroughputLineAndALongerOneCountsAsARate() {
        Matcher shortLast = POINTS.matcher(SvgPlots.throughput(new long[] {100, 100, 3}, 2.01));
        assertThat(shortLast.find()).isTrue();
        assertThat(shortLast.group(1)).isEqualTo("2");
        Matcher longLast = POINTS.matcher(SvgPlots.throughput(new long[] {100, 100, 75}, 2.75));
        assertThat(longLast.find()).isTrue();
        assertThat(longLast.group(1)).isEqualTo("3");
        // 75 requests in three quarters of a second is 100/s: the last point is level with the others
        String[] xy = longLast.group(2).split(" ");
        assertThat(xy[2].split(",")[1]).isEqualTo(xy[0].split(",")[1]);
    }
}
