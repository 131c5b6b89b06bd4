package io.camgate.limits;

import java.util.concurrent.atomic.AtomicLong;

/**
 * This replica's lease of one shared bucket. The request path spends the tokens in hand with a
 * compare-and-set and, when they run low, only raises a flag for the {@link LeaseKeeper}'s
 * thread, which asks Redis for the next batch ahead of need. While Redis cannot be reached the
 * keeper gives the lease a local bucket of G/N (starting empty, so an outage adds no burst);
 * what that bucket admits is owed, and the keeper pays it back once Redis answers again. A
 * subject decided exactly (below {@code exactBelow}) leases nothing, so that exact decisions see
 * every token: should a request of it be admitted here rather than exactly, it is admitted from
 * a local bucket of G/N and paid back the same way.
 */
final class LeasedBucket implements Pool {
    final String key;
    final long rate;
    final boolean bytes;
    /** Whether this lease never holds tokens and admits from its local bucket only. */
    final boolean localOnly;
    private final LeaseKeeper keeper;
    /** Tokens in hand; bodies may overdraw them, and the next lease covers the deficit first. */
    private final AtomicLong inHand = new AtomicLong();
    /** Tokens admitted by the local fallback bucket, not yet paid back to Redis. */
    private final AtomicLong owed = new AtomicLong();
    private volatile long lowWater;
    private volatile boolean wanted;
    /** Whether a batch has arrived; until then one request may borrow, so a new lease turns nobody away. */
    private volatile boolean leased;
    private volatile TokenBucket fallback;
    /** The keeper's: the clock time before which asking Redis again is pointless. */
    volatile long notBefore;
    /** The keeper's: the tokens in hand when it last saw them change, and when that was. */
    private long seenInHand;
    private long seenAt;

    /** A lease that asks for its first batch at once. */
    LeasedBucket(String key, long rate, boolean bytes, LeaseKeeper keeper) {
        this.key = key;
        this.rate = rate;
        this.bytes = bytes;
        this.keeper = keeper;
        this.localOnly = false;
        this.wanted = true;
        keeper.wake();
    }

    /** A lease of nothing, admitting up to {@code share} per second locally and paying it back. */
    LeasedBucket(String key, long rate, long share, long now, LeaseKeeper keeper) {
        this.key = key;
        this.rate = rate;
        this.bytes = false;
        this.keeper = keeper;
        this.localOnly = true;
        this.fallback = new TokenBucket(Math.max(1, share), now);
    }

    @Override
    public boolean tryTake(long n, long now) {
        for (long have = inHand.get(); have >= 1; have = inHand.get()) {
            if (inHand.compareAndSet(have, have - n)) {
                if (have - n < lowWater) {
                    want();
                }
                return true;
            }
        }
        want();
        TokenBucket local = fallback;
        if (local == null && !leased && inHand.compareAndSet(0, -n)) {
            return true; // the first batch pays this back
        }
        if (local != null && local.tryTake(n, now)) {
            owed.addAndGet(n);
            return true;
        }
        return false;
    }

    @Override
    public boolean hasTokens(long now) {
        long have = inHand.get();
        if (have >= 1) {
            return true;
        }
        want();
        TokenBucket local = fallback;
        return local == null ? !leased && have == 0 : local.hasTokens(now);
    }

    @Override
    public void charge(long n, long now) {
        TokenBucket local = fallback;
        if (local != null && inHand.get() < n) {
            local.charge(n, now);
            owed.addAndGet(n);
            return;
        }
        if (inHand.addAndGet(-n) < lowWater) {
            want();
        }
    }

    private void want() {
        if (!wanted) {
            wanted = true;
            keeper.wake();
        }
    }

    /* The keeper's side, called on its thread only. */

    boolean wanted() {
        return wanted;
    }

    boolean inFallback() {
        return fallback != null;
    }

    /** How many tokens to ask for so that a batch is in hand. */
    long shortOf(long batch) {
        lowWater = Math.max(1, batch / 2);
        return localOnly ? 0 : Math.max(0, batch - inHand.get());
    }

    long owed() {
        return owed.get();
    }

    /** Adds a lease of {@code granted} tokens, {@code paid} of the debt having been paid with it. */
    void granted(long granted, long paid, long batch) {
        owed.addAndGet(-paid);
        leased = true;
        if (!localOnly) {
            fallback = null;
        }
        long now = inHand.addAndGet(granted);
        wanted = now < Math.max(1, batch / 2);
    }

    /**
     * Takes back the tokens in hand when none were spent or added for {@code idle}, so that the
     * keeper returns them to the shared bucket and an idle replica strands none; the lease then
     * starts over (its next request may borrow one token, as a new lease's first does). The
     * request path's compare-and-set and this swap each take a token whole, so a token is either
     * spent here or returned, never both.
     *
     * @return the tokens to return, 0 when the lease is in use, empty, or limiting locally
     */
    long takeIdle(long now, long idle) {
        long have = inHand.get();
        if (have != seenInHand) {
            seenInHand = have;
            seenAt = now;
            return 0;
        }
        if (have <= 0 || localOnly || fallback != null || wanted || now - seenAt < idle) {
            return 0;
        }
        long taken = inHand.getAndSet(0);
        if (taken <= 0) {
            inHand.addAndGet(taken); // a body overdrew the lease meanwhile: the debt stays
            return 0;
        }
        leased = false;
        seenInHand = 0;
        seenAt = now;
        return taken;
    }

    /** Redis did not answer: from now on this replica admits up to {@code share} per second on its own. */
    void fallBack(long share, long now) {
        if (fallback == null) {
            fallback = new TokenBucket(Math.max(1, share), 0, now);
        }
    }
}
