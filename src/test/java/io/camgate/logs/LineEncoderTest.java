package io.camgate.logs;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The encoder writes the fields every line starts with as logback's encoder writes them for its own lines. */
class LineEncoderTest {
    private static final List<Instant> INSTANTS = List.of(Instant.parse("2026-12-06T14:48:01.149963335Z"),
            Instant.parse("2026-12-06T14:48:01.149963330Z"), Instant.parse("2026-12-06T14:48:01.100Z"),
            Instant.parse("2026-12-06T14:48:01Z"), Instant.parse("2026-12-06T23:59:59.999999999Z"),
            Instant.parse("2026-12-07T00:00:00.000000001Z"), Instant.parse("1970-01-01T00:00:00Z"),
            Instant.parse("1969-12-31T23:59:59.5Z"));

    /** The encoder of logback.xml's console appender, the one operational lines go through. */
    @SuppressWarnings("unchecked")
    private static Encoder<ILoggingEvent> logbackEncoder() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        AsyncAppender async = (AsyncAppender) context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("async");
        return ((OutputStreamAppender<ILoggingEvent>) async.getAppender("json")).getEncoder();
    }

    private static String encode(Clock clock, LogLine line) {
        LineEncoder encoder = new LineEncoder(clock);
        encoder.add(line);
        return encoder.take();
    }

    @Test
    void theCommonFieldsAreByteForByteThoseOfLogbacksLines() {
        Logger logger = (Logger) LoggerFactory.getLogger("camgate.access");
        for (Instant at : INSTANTS) {
            LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, "access", null, null);
            event.setInstant(at);
            String logback = new String(logbackEncoder().encode(event), StandardCharsets.UTF_8).strip();

            String ours = encode(Clock.fixed(at, ZoneOffset.UTC), out -> out.begin("camgate.access", "access"));

            assertThat(ours).as(at.toString()).isEqualTo(logback);
        }
    }

    @Test
    void theRequestsTimeIsWrittenAsAnInstantPrintsIt() {
        for (Instant at : INSTANTS) {
            long millis = at.toEpochMilli();
            String line = encode(Clock.systemUTC(), out -> {
                out.begin("t", "m").writeFieldName("time");
                out.writeMillis(millis);
            });
            assertThat(line).as(at.toString()).endsWith(",\"time\":\"" + Instant.ofEpochMilli(millis) + "\"}");
        }
    }

    @Test
    void durationsAreExactMillisecondsAndReadAsJavaWritesADouble() {
        long[] nanos = {0, 1, 999, 1_000, 3_756_896, 2_500_000, 140_877_320, 1_000_000_000, 12_345_678_901_234L,
                -1_500_000, -500_000};
        for (long n : nanos) {
            String line = encode(Clock.systemUTC(), out -> {
                out.begin("t", "m").writeFieldName("durationMs");
                out.writeNanosAsMillis(n);
            });
            String written = line.substring(line.indexOf("\"durationMs\":") + 13, line.length() - 1);
            assertThat(new BigDecimal(written)).as(written).isEqualByComparingTo(BigDecimal.valueOf(n, 6));
            double millis = n / 1_000_000d;
            if (Math.abs(millis) >= 1e-3 && Math.abs(millis) < 1e7 || n == 0) {
                assertThat(written).isEqualTo(Double.toString(millis));
            }
        }
    }
}
