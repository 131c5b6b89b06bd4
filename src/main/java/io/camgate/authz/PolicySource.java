package io.camgate.authz;

import java.util.Locale;

/** Where a deciding statement came from. */
public enum PolicySource {
    /** A policy attached to a user or group (a preset or {@code policies/<name>.json}). */
    USER,
    /** The bucket policy of the bucket the request is on. */
    BUCKET;

    /** The lower-case name used in JSON. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
