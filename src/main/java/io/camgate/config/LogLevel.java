package io.camgate.config;

import java.util.Locale;

/** How much of its operational logging camgate writes, from the fewest lines to the most. */
public enum LogLevel {
    ERROR, WARN, INFO, DEBUG, TRACE;

    /** The level as camgate.yaml and {@code --log-level} spell it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
