package io.camgate.policy;

import java.util.Locale;
import java.util.Optional;

/** What a statement does when it matches: grants or forbids. */
public enum Effect {
    ALLOW,
    DENY;

    /** Reads {@code allow} / {@code deny} in any letter case. */
    public static Optional<Effect> parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "allow" -> Optional.of(ALLOW);
            case "deny" -> Optional.of(DENY);
            default -> Optional.empty();
        };
    }

    /** The lower-case spelling used in JSON output. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
