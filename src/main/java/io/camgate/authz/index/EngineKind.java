package io.camgate.authz.index;

import java.util.Locale;
import java.util.Optional;

/** Which engine decides: the compiled index (the default) or the reference scan. */
public enum EngineKind {
    /** {@link IndexedEngine}. */
    INDEX,
    /** {@link io.camgate.authz.ReferenceEvaluator}. */
    REFERENCE;

    /** The lower-case name used on the command line, e.g. {@code --engine index}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code index} or {@code reference} in any letter case. */
    public static Optional<EngineKind> parse(String text) {
        for (EngineKind kind : values()) {
            if (kind.label().equalsIgnoreCase(text.trim())) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
