package io.camgate.limits;

import io.lettuce.core.RedisException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this replica's leases of the shared buckets topped up, on a thread of its own so that no
 * request waits on Redis. Each pass registers the replica (which tells it N, the replicas that
 * checked in within the last 3 s), then asks Redis, all at once, for a batch for every lease
 * that ran low, paying back at the same time what a lease admitted while Redis was away. A lease
 * whose answer fails or does not come within the timeout falls back to G/N on its own and is
 * retried every 250 ms; what exactly decided subjects admitted locally is paid back as often. A
 * lease whose tokens lay unspent for a second hands them back to the shared bucket, so replicas
 * that went idle strand none of the budget.
 *
 * <p>Batch size b = max(1, G / (20 N)) tokens (bytes: at least 64 KiB), so the leases the fleet
 * holds unspent, at most N × b ≈ 5 % of one second's worth, bound how far admissions in any
 * window can exceed the shared budget (plus one request per replica and subject: a new lease lets
 * its first request borrow a token, which its first batch pays back, so it turns nobody away). Subjects below {@code exactBelow} lease nothing: they
 * are decided in Redis per request ({@link Limiter#admitExactly}).
 */
public final class LeaseKeeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);
    private static final long MILLI = 1_000_000L;
    private static final long REGISTER_EVERY = 1_000 * MILLI;
    private static final long REPLICA_TTL_MICROS = 3_000_000L;
    private static final long RETRY = 250 * MILLI;
    private static final long PASS = 10 * MILLI;
    private static final long MIN_BYTE_BATCH = 64 * 1024;
    /** How long a lease's tokens may lie unspent before they go back to the shared bucket. */
    static final long IDLE = 1_000 * MILLI;

    private final RedisLeases redis;
    private final SharedLimitSettings settings;
    private final LongSupplier nanoTime;
    private final LongSupplier sharedMicros;
    private final String replica = UUID.randomUUID().toString();
    private final Map<String, LeasedBucket> leases = new ConcurrentHashMap<>();
    private volatile long replicas;
    private volatile Thread thread;
    private volatile boolean closed;
    private long registerAt;
    private long retryAt;

    private LeaseKeeper(RedisLeases redis, SharedLimitSettings settings, LongSupplier nanoTime,
            LongSupplier sharedMicros) {
        this.redis = redis;
        this.settings = settings;
        this.nanoTime = nanoTime;
        this.sharedMicros = sharedMicros;
        this.replicas = settings.replicas();
        this.registerAt = nanoTime.getAsLong();
        this.retryAt = registerAt;
    }

    /**
     * Connects to the Redis of {@code settings}; call {@link #start()} to keep the leases topped
     * up. When Redis cannot be reached, the replica starts all the same, each limit at its share
     * G/N, and the keeper tries again every 250 ms.
     *
     * @param nanoTime     this replica's clock
     * @param sharedMicros the clock all replicas share, in microseconds, or null for Redis's own
     */
    public static LeaseKeeper connect(SharedLimitSettings settings, LongSupplier nanoTime, LongSupplier sharedMicros) {
        LeaseKeeper keeper = new LeaseKeeper(RedisLeases.open(settings), settings, nanoTime, sharedMicros);
        keeper.connect();
        return keeper;
    }

    private void connect() {
        try {
            redis.connect();
        } catch (RedisException e) {
            LOG.warn("the shared limits' Redis at {} cannot be reached ({}); limiting each subject to its share"
                    + " G/N until it can", settings.uri(), e.getClass().getSimpleName());
        }
    }

    /** Starts the thread that tops up the leases, waking when one runs low and every 10 ms. */
    public LeaseKeeper start() {
        Thread t = new Thread(this::run, "camgate-limit-leases");
        t.setDaemon(true);
        thread = t;
        t.start();
        return this;
    }

    /** The settings this keeper was connected with. */
    public SharedLimitSettings settings() {
        return settings;
    }

    /** How many replicas this one counts, from Redis's register or, before that, the setting. */
    public long replicas() {
        return replicas;
    }

    /** How many leases are limiting locally at G/N because Redis did not answer. */
    public long inFallback() {
        return leases.values().stream().filter(l -> !l.localOnly && l.inFallback()).count();
    }

    /** The lease of {@code subject}'s {@code kind} bucket at {@code rate} per second. */
    LeasedBucket lease(String subject, Limiter.Kind kind, long rate) {
        String key = RedisLeases.key(subject, kind);
        boolean exact = kind == Limiter.Kind.REQUESTS && rate < settings.exactBelow();
        return leases.compute(key, (k, was) -> was != null && was.rate == rate ? was
                : exact ? new LeasedBucket(k, rate, rate / replicas, nanoTime.getAsLong(), this)
                : new LeasedBucket(k, rate, kind == Limiter.Kind.BYTES, this));
    }

    /** Forgets the lease of {@code subject}'s buckets, whose limit was removed. */
    void forget(String subject) {
        leases.remove(RedisLeases.key(subject, Limiter.Kind.REQUESTS));
        leases.remove(RedisLeases.key(subject, Limiter.Kind.BYTES));
    }

    /** One request of {@code subject}, decided by Redis alone: completes true when a token was taken. */
    CompletableFuture<Boolean> takeExactly(String subject, long rate) {
        return redis.lease(RedisLeases.key(subject, Limiter.Kind.REQUESTS), rate, 1, 0, shared())
                .thenApply(r -> r[0] == 1);
    }

    void wake() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /**
     * One pass: registers the replica when due, then leases a batch for every lease that ran low
     * and retries the ones in fallback; waits for the answers (up to the timeout). Runs on the
     * keeper's thread, or on a test's, never on an event loop.
     */
    public void refill() {
        long now = nanoTime.getAsLong();
        boolean retry = now - retryAt >= 0;
        if (retry && !redis.connected()) {
            connect();
        }
        if (now - registerAt >= 0) {
            registerAt = now + REGISTER_EVERY;
            await(redis.register(replica, shared(), REPLICA_TTL_MICROS).thenAccept(n -> replicas = Math.max(1, n)));
        }
        List<CompletableFuture<?>> asked = new ArrayList<>();
        for (LeasedBucket lease : leases.values()) {
            if (lease.localOnly ? retry && lease.owed() > 0
                    : lease.inFallback() ? retry : lease.wanted() && now - lease.notBefore >= 0) {
                asked.add(ask(lease, now));
            } else {
                long idle = lease.takeIdle(now, IDLE);
                if (idle > 0) {
                    // a negative debt returns them; should the call fail they are lost, which only under-admits
                    asked.add(redis.lease(lease.key, lease.rate, 0, -idle, shared()));
                }
            }
        }
        if (retry) {
            retryAt = now + RETRY;
        }
        for (CompletableFuture<?> f : asked) {
            await(f);
        }
    }

    private CompletableFuture<?> ask(LeasedBucket lease, long now) {
        long batch = batch(lease);
        long want = lease.shortOf(batch);
        long debt = lease.owed();
        return redis.lease(lease.key, lease.rate, want, debt, shared()).handle((r, failure) -> {
            if (failure != null) {
                lease.fallBack(lease.rate / replicas, now);
            } else {
                lease.granted(r[0], debt, batch);
                lease.notBefore = r[0] < want ? now + r[1] * 1_000 : now;
            }
            return null;
        });
    }

    private long batch(LeasedBucket lease) {
        long b = Math.max(1, lease.rate / (20 * replicas));
        return lease.bytes ? Math.min(lease.rate, Math.max(MIN_BYTE_BATCH, b)) : b;
    }

    private void await(CompletableFuture<?> f) {
        try {
            f.get(settings.timeout().toNanos() * 2, TimeUnit.NANOSECONDS);
        } catch (Exception e) {
            // a lease's own failure already put it in fallback; the register keeps the last N
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Long shared() {
        return sharedMicros == null ? null : sharedMicros.getAsLong();
    }

    private void run() {
        while (!closed) {
            try {
                refill();
            } catch (RuntimeException e) {
                LOG.warn("topping up the shared limits' leases failed: {}", e.getClass().getSimpleName());
            }
            LockSupport.parkNanos(PASS);
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(settings.timeout().toMillis() * 4);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        await(redis.deregister(replica));
        redis.close();
    }
}
