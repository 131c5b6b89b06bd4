package io.camgate.gate;

/**
 * A rule a key must meet where the request goes, checked on every key a body names before the
 * request is decided (a store that reads some keys as others, for example).
 */
public interface KeyRule {
    /** Why {@code key} cannot go where the request goes, or null when it can. */
    String refusal(String key);
}
