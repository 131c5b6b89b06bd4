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
        assertThat(text).endsWith("\r[###############               ]  50%  1,234 decisions" + System.lineSeparator());
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
