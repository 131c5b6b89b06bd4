package io.camgate.config;

import java.time.Duration;

/** Durations as configuration files write them: a whole number and a unit, {@code 500ms}, {@code 15m}, {@code 7d}. */
final class DurationText {
    private DurationText() {
    }

    /** The duration at {@code node}, {@code fallback} when absent, or null with a problem reported. */
    static Duration read(YamlNode node, Duration fallback) {
        String text = node.text(false);
        if (text == null) {
            return fallback;
        }
        Duration d = parse(text.strip());
        if (d == null) {
            node.problem("expected a duration such as 500ms, 30s, 15m, 2h or 7d, not \"" + text + "\"");
        }
        return d;
    }

    /** {@code text} as a duration, or null when it is not one. */
    static Duration parse(String text) {
        int unit = 0;
        while (unit < text.length() && Character.isDigit(text.charAt(unit))) {
            unit++;
        }
        if (unit == 0 || unit > 9) {
            return null;
        }
        long n = Long.parseLong(text.substring(0, unit));
        return switch (text.substring(unit)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> null;
        };
    }
}
