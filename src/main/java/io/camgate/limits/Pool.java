package io.camgate.limits;

/**
 * The tokens one replica may spend for one subject and one kind of limit: a bucket of its own,
 * or its lease of a bucket shared through Redis. Time, in nanoseconds, comes from the caller.
 */
interface Pool {
    /** Takes {@code n} tokens when at least one is there; false (and nothing taken) otherwise. */
    boolean tryTake(long n, long now);

    /** Whether at least one token is there. */
    boolean hasTokens(long now);

    /** Takes {@code n} tokens, overdrawing if need be. */
    void charge(long n, long now);
}
