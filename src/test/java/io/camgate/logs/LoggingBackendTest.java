package io.camgate.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.config.LogLevel;
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
        assertThat(LoggerFactory.getLogger("camgate.access").isInfoEnabled()).isTrue();
        assertThat(LoggerFactory.getLogger(DecisionLog.LOGGER).isInfoEnabled()).isTrue();

        LoggingBackend.level(LogLevel.DEBUG);
        assertThat(operational.isDebugEnabled()).isTrue();
        assertThat(operational.isTraceEnabled()).isFalse();
    }
}
