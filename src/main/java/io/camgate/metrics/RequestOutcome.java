package io.camgate.metrics;

import java.util.Locale;

/** How the gateway answered a request, as the {@code decision} label says it. */
public enum RequestOutcome {
    /** Authorized and forwarded. */
    ALLOW,
    /** Refused by policy. */
    DENY,
    /** Refused before a decision: bad signature, malformed request, no route. */
    ERROR,
    /** Turned away by a rate limit with 503 SlowDown. */
    THROTTLED;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The label value. */
    public String label() {
        return label;
    }
}
