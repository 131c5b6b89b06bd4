package io.camgate.limits;

import io.camgate.identity.Directory;
import io.camgate.identity.RateLimit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Admits requests under the limits that {@code accounts.yaml} gives sub-users and access keys.
 * Each limited subject (a uin or a SecretId) has a request bucket and a byte bucket, held in
 * this replica; a request is admitted when every bucket that applies to it (its key's and its
 * sub-user's) has a token, and its body bytes are charged afterwards, so a large transfer
 * throttles the caller's next requests rather than stalling this one. A subject's buckets are
 * rebuilt when a reload changes its limits. Throttled requests are counted by kind only, never
 * by subject. Thread-safe; does not block.
 */
public final class Limiter {
    /** Which limit turned a request away. */
    public enum Kind {
        /** The request rate. */
        REQUESTS,
        /** The bandwidth. */
        BYTES
    }

    private final LongSupplier nanoTime;
    private final Map<String, Buckets> buckets = new ConcurrentHashMap<>();
    private final LongAdder throttledRequests = new LongAdder();
    private final LongAdder throttledBytes = new LongAdder();

    /** A limiter on the system's monotonic clock. */
    public Limiter() {
        this(System::nanoTime);
    }

    /** A limiter that reads time, in nanoseconds, from {@code nanoTime}. */
    public Limiter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /**
     * Admits one request of the sub-user or root account {@code uin}, signed with {@code secretId}.
     *
     * @param directory the directory of the request's snapshot, which holds the limits
     * @param uin       the caller's uin, or null when anonymous
     * @param secretId  the SecretId that signed, or null when anonymous
     * @return {@link Allowance#UNLIMITED} when no limit applies, {@link Allowance#SLOW_DOWN} when
     *         a limit is exhausted, else an allowance that charges the caller's byte buckets
     */
    public Allowance admit(Directory directory, String uin, String secretId) {
        if (!directory.hasLimits()) {
            return Allowance.UNLIMITED;
        }
        Buckets byKey = secretId == null ? null : buckets(directory, secretId);
        Buckets byUser = uin == null ? null : buckets(directory, uin);
        if (byKey == null && byUser == null) {
            return Allowance.UNLIMITED;
        }
        long now = nanoTime.getAsLong();
        if (!hasBytes(byKey, now) || !hasBytes(byUser, now)) {
            throttledBytes.increment();
            return Allowance.SLOW_DOWN;
        }
        if (!takeRequest(byKey, now)) {
            throttledRequests.increment();
            return Allowance.SLOW_DOWN;
        }
        if (!takeRequest(byUser, now)) {
            // the key's token stays spent: the attempt was made with that key
            throttledRequests.increment();
            return Allowance.SLOW_DOWN;
        }
        return byKey == null ? byUser : byUser == null ? byKey : new Both(byKey, byUser);
    }

    /** How many requests were turned away for {@code kind} since start. */
    public long throttled(Kind kind) {
        return (kind == Kind.REQUESTS ? throttledRequests : throttledBytes).sum();
    }

    private Buckets buckets(Directory directory, String subject) {
        RateLimit limit = directory.limit(subject).orElse(null);
        if (limit == null) {
            buckets.remove(subject);
            return null;
        }
        Buckets current = buckets.get(subject);
        if (current == null || !current.limit.equals(limit)) {
            current = new Buckets(limit, nanoTime);
            buckets.put(subject, current);
        }
        return current;
    }

    private static boolean hasBytes(Buckets b, long now) {
        return b == null || b.bytes == null || b.bytes.hasTokens(now);
    }

    private static boolean takeRequest(Buckets b, long now) {
        return b == null || b.requests == null || b.requests.tryTake(1, now);
    }

    /** One subject's buckets; its own allowance when it is the only subject limited. */
    private static final class Buckets implements Allowance {
        final RateLimit limit;
        final TokenBucket requests;
        final TokenBucket bytes;
        private final LongSupplier nanoTime;

        Buckets(RateLimit limit, LongSupplier nanoTime) {
            long now = nanoTime.getAsLong();
            this.limit = limit;
            this.nanoTime = nanoTime;
            this.requests = limit.requestsPerSecond() == 0 ? null : new TokenBucket(limit.requestsPerSecond(), now);
            this.bytes = limit.bytesPerSecond() == 0 ? null : new TokenBucket(limit.bytesPerSecond(), now);
        }

        @Override
        public boolean throttled() {
            return false;
        }

        @Override
        public void charge(long n) {
            if (bytes != null && n > 0) {
                bytes.charge(n, nanoTime.getAsLong());
            }
        }
    }

    /** A request limited both by its key and by its sub-user. */
    private record Both(Buckets key, Buckets user) implements Allowance {
        @Override
        public boolean throttled() {
            return false;
        }

        @Override
        public void charge(long n) {
            key.charge(n);
            user.charge(n);
        }
    }
}
