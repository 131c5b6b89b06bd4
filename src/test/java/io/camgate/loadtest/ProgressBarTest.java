package io.camgate.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void closingDrawsTheLastStateAndEndsTheLine() throws Exception {
        StringWriter out = new StringWriter();
        try (AutoCloseable bar = ProgressBar.start(true, new PrintWriter(out), () -> 0.5, () -> 1234, "decisions")) {
            assertThat(bar).isInstanceOf(ProgressBar.class);
        }
        String text = out.toString();
        assertThat(text).containsPattern("\r\\[#{15} {15}\\]  50%  1,234 decisions  [0-9,]+/s  ETA \\d+:\\d\\d\u001b\\[K"
                + System.lineSeparator() + "$");
    }

    @Test
    void theLineShowsTheRateSoFarAndTheTimeLeftAtThatPace() {
        assertThat(ProgressBar.line(0.25, 1000, 2_000_000_000L, "requests"))
                .isEqualTo("[########                      ]  25%  1,000 requests  500/s  ETA 0:06");
        assertThat(ProgressBar.line(0.5, 300_000, 75_000_000_000L, "decisions"))
                .isEqualTo("[###############               ]  50%  300,000 decisions  4,000/s  ETA 1:15");
        assertThat(ProgressBar.line(0, 0, 0, "requests"))
                .isEqualTo("[                              ]   0%  0 requests  -/s  ETA --:--");
    }

    @Test
    void aBarNotShownWritesNothing() throws Exception {
        StringWriter out = new StringWriter();
        try (AutoCloseable bar = ProgressBar.start(false, new PrintWriter(out), () -> 1, () -> 1, "x")) {
            assertThat(bar).isNotInstanceOf(ProgressBar.class);
        }
        assertThat(out.toString()).isEmpty();
    }
}
