package io.camgate.policy;

import java.util.Locale;

/**
 * One entry of a statement's {@code action} element: {@code name/cos:GetObject},
 * {@code cos:Get*}, {@code *}, or a feature set {@code permid/<id>}.
 *
 * <p>Actions compare case-insensitively and the {@code name/} prefix is optional on both
 * sides, so patterns and request actions are both reduced by {@link #normalize(String)}
 * before a {@link Glob} match.
 */
public final class ActionPattern {
    private static final String NAME_PREFIX = "name/";
    private static final String PERMID_PREFIX = "permid/";

    private final String source;
    private final String normalized;
    private final String featureSet;

    private ActionPattern(String source, String normalized, String featureSet) {
        this.source = source;
        this.normalized = normalized;
        this.featureSet = featureSet;
    }

    /**
     * Reads one action pattern.
     *
     * @throws IllegalArgumentException with the reason when it is malformed (empty, a
     *         {@code service:name} form without a service or a name, a bad feature-set id)
     */
    public static ActionPattern parse(String text) {
        String trimmed = text.trim();
        if (trimmed.regionMatches(true, 0, PERMID_PREFIX, 0, PERMID_PREFIX.length())) {
            String id = trimmed.substring(PERMID_PREFIX.length());
            if (id.isEmpty() || !id.chars().allMatch(Character::isLetterOrDigit)) {
                throw new IllegalArgumentException("a feature set is written permid/<id> with a letters-and-digits id");
            }
            return new ActionPattern(trimmed, null, featureSetKey(id));
        }
        String normalized = normalize(trimmed);
        if (normalized.isEmpty()) {
            throw new IllegalArgumentException("an action is empty");
        }
        if (!normalized.equals("*")) {
            int colon = normalized.indexOf(':');
            if (colon <= 0 || colon == normalized.length() - 1 || normalized.indexOf(':', colon + 1) >= 0) {
                throw new IllegalArgumentException(
                        "an action is \"*\" or service:name, optionally after name/ (e.g. name/cos:GetObject)");
            }
        }
        return new ActionPattern(trimmed, normalized, null);
    }

    /** The key under which the directory keeps feature set {@code id}: {@code permid/<id>} in lower case. */
    public static String featureSetKey(String id) {
        return PERMID_PREFIX + id.toLowerCase(Locale.ROOT);
    }

    /** Lower-cases an action and drops an optional {@code name/} prefix. */
    public static String normalize(String action) {
        String lower = action.trim().toLowerCase(Locale.ROOT);
        return lower.startsWith(NAME_PREFIX) ? lower.substring(NAME_PREFIX.length()) : lower;
    }

    /** The pattern as written in the document. */
    public String source() {
        return source;
    }

    /** True for {@code permid/<id>}: its actions come from the directory's feature sets. */
    public boolean isFeatureSet() {
        return featureSet != null;
    }

    /** The feature-set key, {@code permid/<id>} in lower case; only for feature sets. */
    public String featureSet() {
        return featureSet;
    }

    /** The normalized glob ({@code cos:get*}); null for feature sets. */
    public String normalized() {
        return normalized;
    }

    /** Whether this (non-feature-set) pattern covers an action already {@link #normalize normalized}. */
    public boolean matchesNormalized(String normalizedAction) {
        return normalized != null && Glob.matches(normalized, normalizedAction);
    }

    @Override
    public String toString() {
        return source;
    }
}
