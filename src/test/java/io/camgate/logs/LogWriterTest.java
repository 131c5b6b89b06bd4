package io.camgate.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LogWriterTest {
    @Test
    void aWriterThatFallsBehindDropsAndCountsInsteadOfBlockingTheCaller() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger written = new AtomicInteger();
        LogWriter writer = LogWriter.start();
        try {
            writer.execute(() -> {
                writing.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(writing.await(30, TimeUnit.SECONDS)).isTrue();
            // the writer is stuck in a slow write: the queue fills, then lines are dropped at once
            for (int i = 0; i < LogWriter.CAPACITY + 5; i++) {
                writer.execute(written::incrementAndGet);
            }
            assertThat(writer.dropped()).isEqualTo(5);
        } finally {
            release.countDown();
            writer.close();
        }
        assertThat(written.get()).isEqualTo(LogWriter.CAPACITY);
    }

    @Test
    void theAccessLogFormatsOnTheWritersThread() throws Exception {
        CountDownLatch line = new CountDownLatch(1);
        String[] seen = new String[2];
        try (LogWriter writer = LogWriter.start()) {
            new AccessLog(writer, l -> {
                seen[0] = l.toString();
                seen[1] = Thread.currentThread().getName();
                line.countDown();
            }).record("r1", "GET", "/a?q-signature=abc", 200, "allow", 0, 5, 1_000_000, "100000000013");
            assertThat(line.await(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(seen[0]).contains("\"requestId\":\"r1\"").contains("q-signature=REDACTED").doesNotContain("abc");
        assertThat(seen[1]).isEqualTo("camgate-log-writer");
    }
}
