package io.camgate.loadtest;

/**
 * How long one caller's requests took in a run.
 *
 * @param caller    the caller's uin or {@code anonymous}
 * @param count     how many of its requests ended
 * @param meanNanos their mean latency
 * @param maxNanos  the longest
 */
public record CallerLatency(String caller, long count, double meanNanos, long maxNanos) {
}
