package io.camgate.cos;

/** What a COS request addresses, decided by the path alone. */
public enum Scope {
    /** No bucket: GetService. */
    SERVICE,
    /** A bucket: the path is {@code /} (or path-style {@code /<bucket>[/]}). */
    BUCKET,
    /** An object: the key is not empty. */
    OBJECT
}
