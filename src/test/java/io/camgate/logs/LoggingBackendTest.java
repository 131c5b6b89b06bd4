package io.camgate.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.config.LogLevel;
import io.camgate.identity.Principal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LoggingBackendTest {
    private final Logger operational = LoggerFactory.getLogger("io.camgate.config.ConfigReloader");

    @AfterEach
    void backToInfo() {
        LoggingBackend.level(LogLevel.INFO);
    }

    @Test
    void theLevelGovernsOperationalLinesButNeverTheAccessAndDecisionLogs() {
        LoggingBackend.level(LogLevel.WARN);
        assertThat(operational.isInfoEnabled()).isFalse();
        assertThat(operational.isWarnEnabled()).isTrue();
        // the access and decision lines do not pass through logback, so no level holds them back
        List<String> lines = new ArrayList<>();
        new AccessLog(lines::add).record(LogWriterTest.request(1, "/a"));
        new DecisionLog(1, lines::add).record("r2", 1, null, Principal.ANONYMOUS, LogsTest.READ, LogsTest.CONTEXT,
                LogsTest.DENY);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\"logger\":\"camgate.access\"").contains("\"level\":\"INFO\"");
        assertThat(lines.get(1)).contains("\"logger\":\"camgate.decisions\"").contains("\"level\":\"INFO\"");

        LoggingBackend.level(LogLevel.DEBUG);
        assertThat(operational.isDebugEnabled()).isTrue();
        assertThat(operational.isTraceEnabled()).isFalse();
    }
}
