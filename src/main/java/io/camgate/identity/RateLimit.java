package io.camgate.identity;

/**
 * The request-rate and bandwidth limits of one sub-account or access key, as token buckets
 * that hold one second's worth. Zero means no limit of that kind.
 *
 * @param requestsPerSecond requests admitted per second, on average
 * @param bytesPerSecond    body bytes (both directions) per second, on average
 */
public record RateLimit(long requestsPerSecond, long bytesPerSecond) {
    /** Checks the values. */
    public RateLimit {
        if (requestsPerSecond < 0 || bytesPerSecond < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
    }
}
