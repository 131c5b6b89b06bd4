package io.camgate.limits;

/**
 * A token bucket that refills at {@code rate} tokens per second up to one second's worth.
 * Taking may overdraw it (a body's size is known only once it has passed), and while it is
 * overdrawn or empty nothing more is admitted. Time comes from the caller, so that tests drive
 * it without waiting.
 */
final class TokenBucket implements Pool {
    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final double rate;
    private double tokens;
    private long updated;

    TokenBucket(long rate, long now) {
        this(rate, rate, now);
    }

    /** A bucket holding {@code tokens} to start with. */
    TokenBucket(long rate, long tokens, long now) {
        this.rate = rate;
        this.tokens = tokens;
        this.updated = now;
    }

    @Override
    public synchronized boolean tryTake(long n, long now) {
        refill(now);
        if (tokens < 1) {
            return false;
        }
        tokens -= n;
        return true;
    }

    @Override
    public synchronized boolean hasTokens(long now) {
        refill(now);
        return tokens >= 1;
    }

    @Override
    public synchronized void charge(long n, long now) {
        refill(now);
        tokens -= n;
    }

    private void refill(long now) {
        long elapsed = now - updated;
        if (elapsed > 0) {
            tokens = Math.min(rate, tokens + elapsed * rate / NANOS_PER_SECOND);
            updated = now;
        }
    }
}
