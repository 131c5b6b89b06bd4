package io.camgate.metrics;

import java.util.Locale;

/** Why the gateway answered an allowed request itself instead of relaying the upstream's answer. */
public enum UpstreamFailure {
    /** 502: the upstream could not be reached, or its connection failed mid-exchange. */
    FAILED,
    /** 504: the upstream did not answer within the route's response timeout. */
    TIMEOUT;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The {@code kind} label value. */
    public String label() {
        return label;
    }
}
