package io.camgate.logs;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.camgate.config.LogLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's logging backend (logback, configured by logback.xml): the level of camgate's
 * operational lines, and the last flush at exit. The access and decision logs do not pass through
 * logback ({@link LogWriter} writes them), so they are written at any level. Under another SLF4J backend
 * (an application embedding camgate) both do nothing.
 */
public final class LoggingBackend {
    private LoggingBackend() {
    }

    /** From now on, operational lines below {@code level} are not written. */
    public static void level(LogLevel level) {
        if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(Level.toLevel(level.name()));
        }
    }

    /** Writes what the asynchronous appender still holds and stops logging: the last thing a process does. */
    public static void flush() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }
}
