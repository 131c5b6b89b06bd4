package io.camgate.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code logging:} section of camgate.yaml. Absent means level {@code info} and one allow
 * in a hundred in the decision log.
 *
 * @param level         the level of the operational lines (reloads, failures); the access and
 *                      decision logs are written at any level
 * @param allowSampling the share of allows the decision log keeps, from 0 to 1; every denial
 *                      is kept whatever it says
 */
public record LoggingSection(LogLevel level, double allowSampling) {
    /** The defaults. */
    public static final LoggingSection DEFAULT = new LoggingSection(LogLevel.INFO, 0.01);

    private static final Set<String> FIELDS = Set.of("level", "allowSampling");

    static LoggingSection read(YamlNode node) {
        if (!node.present() || !node.expectObject(FIELDS)) {
            return DEFAULT;
        }
        LogLevel level = DEFAULT.level();
        String levelText = node.child("level").text(false);
        if (levelText != null) {
            try {
                level = LogLevel.valueOf(levelText.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                node.child("level").problem("expected one of " + Arrays.stream(LogLevel.values())
                        .map(LogLevel::label).collect(Collectors.joining(", ")) + ", not \"" + levelText + "\"");
            }
        }
        double sampling = DEFAULT.allowSampling();
        String samplingText = node.child("allowSampling").text(false);
        if (samplingText != null) {
            try {
                sampling = Double.parseDouble(samplingText.strip());
            } catch (NumberFormatException e) {
                sampling = Double.NaN;
            }
            if (!(sampling >= 0 && sampling <= 1)) {
                node.child("allowSampling").problem("expected a share from 0 to 1 (0.01 keeps one allow in a "
                        + "hundred), not \"" + samplingText + "\"");
                sampling = DEFAULT.allowSampling();
            }
        }
        return new LoggingSection(level, sampling);
    }
}
