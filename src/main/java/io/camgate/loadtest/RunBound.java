package io.camgate.loadtest;

import java.time.Duration;

/**
 * How long a run goes on: a number of requests, or a length of time; exactly one.
 *
 * @param requests the number of requests, or 0 when bounded by time
 * @param duration the length, or null when bounded by requests
 */
public record RunBound(long requests, Duration duration) {
    /**
     * @throws IllegalArgumentException unless exactly one of the two is given and positive
     */
    public RunBound {
        boolean byCount = requests > 0;
        boolean byTime = duration != null && !duration.isNegative() && !duration.isZero();
        if (byCount == byTime || requests < 0 || (duration != null && !byTime)) {
            throw new IllegalArgumentException("bound a run by a positive number of requests or a positive duration,"
                    + " not both");
        }
    }

    /** A run of {@code n} requests. */
    public static RunBound requests(long n) {
        return new RunBound(n, null);
    }

    /** A run of {@code d}. */
    public static RunBound lasting(Duration d) {
        return new RunBound(0, d);
    }

    /** Whether the run is bounded by a number of requests. */
    public boolean byRequests() {
        return requests > 0;
    }
}
