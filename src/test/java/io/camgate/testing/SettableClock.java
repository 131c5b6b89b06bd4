package io.camgate.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock a test sets and moves by hand, so that expiry is tested without waiting. */
public final class SettableClock extends Clock {
    private volatile Instant now;

    /** A clock standing at {@code start}. */
    public SettableClock(Instant start) {
        this.now = start;
    }

    /** Moves the clock forward (or back, for a negative amount). */
    public void advance(Duration amount) {
        now = now.plus(amount);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
