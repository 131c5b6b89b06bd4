package io.camgate.authz;

import java.util.Locale;

/** Why a decision came out as it did. */
public enum Reason {
    /** The caller is the root account that owns the resource. */
    ROOT,
    /** A matching allow statement, and no matching deny. */
    ALLOWED,
    /** A matching deny statement. */
    EXPLICIT_DENY,
    /** Nothing matched. */
    IMPLICIT_DENY;

    /** The lower-case name used in JSON, e.g. {@code explicit_deny}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
