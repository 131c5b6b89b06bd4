package io.camgate.limits;

import io.camgate.identity.Directory;
import io.camgate.identity.RateLimit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Admits requests under the limits that {@code accounts.yaml} gives sub-users and access keys.
 * Each limited subject (a uin or a SecretId) has a request bucket and a byte bucket, held in
 * this replica or, when camgate.yaml has a {@code limits:} section, leased from buckets the
 * replicas share in Redis (see {@link LeaseKeeper}); either way a request is admitted when every bucket that applies to it (its key's and its
 * sub-user's) has a token, and its body bytes are charged afterwards, so a large transfer
 * throttles the caller's next requests rather than stalling this one. A subject's buckets are
 * rebuilt when a reload changes its limits. Throttled requests are counted by kind only, never
 * by subject. Thread-safe; does not block. Subjects below the shared limits' {@code exactBelow}
 * are decided exactly, one Redis call per request, by {@link #admitExactly}.
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
    private final LeaseKeeper shared;
    private final Map<String, Buckets> buckets = new ConcurrentHashMap<>();
    private final LongAdder throttledRequests = new LongAdder();
    private final LongAdder throttledBytes = new LongAdder();

    /** A limiter on the system's monotonic clock. */
    public Limiter() {
        this(System::nanoTime);
    }

    /** A limiter that reads time, in nanoseconds, from {@code nanoTime}. */
    public Limiter(LongSupplier nanoTime) {
        this(nanoTime, null);
    }

    /**
     * A limiter whose buckets are leased from Redis through {@code shared}, or held in this
     * replica when it is null; time, in nanoseconds, from {@code nanoTime}.
     */
    public Limiter(LongSupplier nanoTime, LeaseKeeper shared) {
        this.nanoTime = nanoTime;
        this.shared = shared;
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

    /**
     * {@link #admit}, except that a subject whose request limit is below the shared limits'
     * {@code exactBelow} has its request token taken in Redis, one call per request, instead of
     * from a lease: exact, and slower (one Redis round trip). The stage completes on a Lettuce
     * thread; the caller must not block on it but resume the request on its own event loop. Byte
     * limits stay leased. Redis failing throttles the request (fails closed).
     */
    public CompletionStage<Allowance> admitExactly(Directory directory, String uin, String secretId) {
        String exactKey = exact(directory, secretId);
        String exactUser = exact(directory, uin);
        if (exactKey == null && exactUser == null) {
            return CompletableFuture.completedFuture(admit(directory, uin, secretId));
        }
        Buckets byKey = secretId == null ? null : buckets(directory, secretId);
        Buckets byUser = uin == null ? null : buckets(directory, uin);
        long now = nanoTime.getAsLong();
        if (!hasBytes(byKey, now) || !hasBytes(byUser, now)) {
            throttledBytes.increment();
            return CompletableFuture.completedFuture(Allowance.SLOW_DOWN);
        }
        return take(exactKey, byKey, now).thenCompose(key -> key ? take(exactUser, byUser, now)
                : CompletableFuture.completedFuture(false)).handle((both, failure) -> {
                    if (failure != null || !both) {
                        throttledRequests.increment();
                        return Allowance.SLOW_DOWN;
                    }
                    return byKey == null ? byUser : byUser == null ? byKey : new Both(byKey, byUser);
                });
    }

    /**
     * Whether {@link #admitExactly} would ask Redis for this request (its key's or its
     * sub-user's request limit is below {@code exactBelow}): the request path calls that, and
     * parks the request, only then, and {@link #admit} otherwise. Does not allocate.
     */
    public boolean decidesExactly(Directory directory, String uin, String secretId) {
        return exact(directory, secretId) != null || exact(directory, uin) != null;
    }

    /** The subject when its request limit is decided exactly, else null. */
    private String exact(Directory directory, String subject) {
        if (shared == null || shared.settings().exactBelow() == 0 || subject == null || !directory.hasLimits()) {
            return null;
        }
        RateLimit limit = directory.limit(subject).orElse(null);
        return limit != null && limit.requestsPerSecond() > 0
                && limit.requestsPerSecond() < shared.settings().exactBelow() ? subject : null;
    }

    private CompletableFuture<Boolean> take(String exactSubject, Buckets b, long now) {
        if (exactSubject == null) {
            return CompletableFuture.completedFuture(takeRequest(b, now));
        }
        return shared.takeExactly(exactSubject, b.limit.requestsPerSecond());
    }

    /** How many requests were turned away for {@code kind} since start. */
    public long throttled(Kind kind) {
        return (kind == Kind.REQUESTS ? throttledRequests : throttledBytes).sum();
    }

    private Buckets buckets(Directory directory, String subject) {
        RateLimit limit = directory.limit(subject).orElse(null);
        if (limit == null) {
            if (buckets.remove(subject) != null && shared != null) {
                shared.forget(subject);
            }
            return null;
        }
        Buckets current = buckets.get(subject);
        if (current == null || !current.limit.equals(limit)) {
            current = new Buckets(subject, limit, nanoTime, shared);
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
        final Pool requests;
        final Pool bytes;
        private final LongSupplier nanoTime;

        Buckets(String subject, RateLimit limit, LongSupplier nanoTime, LeaseKeeper shared) {
            long now = nanoTime.getAsLong();
            this.limit = limit;
            this.nanoTime = nanoTime;
            this.requests = pool(subject, Kind.REQUESTS, limit.requestsPerSecond(), now, shared);
            this.bytes = pool(subject, Kind.BYTES, limit.bytesPerSecond(), now, shared);
        }

        private static Pool pool(String subject, Kind kind, long rate, long now, LeaseKeeper shared) {
            if (rate == 0) {
                return null;
            }
            return shared == null ? new TokenBucket(rate, now) : shared.lease(subject, kind, rate);
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
