package io.camgate.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.identity.Directory;
import io.camgate.identity.RateLimit;
import io.camgate.testing.LocalRedis;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three limiters, standing for three replicas, share one real Redis. All of them, and the Redis
 * scripts, run on one injected clock that the test moves in 5 ms steps; after each step every
 * replica's keeper runs one pass on the test's thread. So the counts are exact for the clock,
 * whatever the machine's load, and nothing waits except on Redis's own answers (and, while it
 * is paused, on the 300 ms command timeout).
 */
class SharedLimitsTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long STEP = 5_000_000L;
    private static final int N = 3;
    private static final long G = 2_000;
    /** The largest batch a replica leases once all three have registered: G / (20 N). */
    private static final long BATCH = G / (20 * N);

    @TempDir
    static Path dir;
    static LocalRedis redis;

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final List<LeaseKeeper> keepers = new ArrayList<>();
    private final List<Limiter> replicas = new ArrayList<>();

    @BeforeAll
    static void startRedis() throws Exception {
        redis = LocalRedis.start(dir);
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    private void replicas(long exactBelow) throws Exception {
        redis.flush();
        SharedLimitSettings settings = new SharedLimitSettings(redis.uri(), null, null, Duration.ofMillis(300), 1,
                exactBelow);
        for (int i = 0; i < N; i++) {
            LeaseKeeper keeper = LeaseKeeper.connect(settings, now::get, () -> now.get() / 1_000);
            keepers.add(keeper);
            replicas.add(new Limiter(now::get, keeper));
        }
        // one pass each registers every replica; a second second later, each knows N
        refill();
        now.addAndGet(SECOND);
        refill();
        keepers.forEach(k -> assertThat(k.replicas()).isEqualTo(N));
    }

    private void refill() {
        keepers.forEach(LeaseKeeper::refill);
    }

    private static Directory limited(String subject, long requestsPerSecond) {
        return new Directory(List.of(), Map.of(), Map.of(subject, new RateLimit(requestsPerSecond, 0)));
    }

    /** Runs {@code seconds} of skewed load: replica 0 is offered 1.5 G, the others 0.1 G each. Returns admitted per replica. */
    private long[] load(Directory d, String key, double seconds) {
        long[] admitted = new long[N];
        long[] offered = {(long) (1.5 * G * STEP / SECOND), (long) (0.1 * G * STEP / SECOND),
            (long) (0.1 * G * STEP / SECOND)};
        for (long t = 0; t < seconds * SECOND; t += STEP) {
            now.addAndGet(STEP);
            for (int r = 0; r < N; r++) {
                for (int i = 0; i < offered[r]; i++) {
                    if (!replicas.get(r).admit(d, null, key).throttled()) {
                        admitted[r]++;
                    }
                }
            }
            refill();
        }
        return admitted;
    }

    private static long sum(long[] a) {
        long s = 0;
        for (long x : a) {
            s += x;
        }
        return s;
    }

    @Test
    void skewedLoadAcrossReplicasStaysWithinTheSharedBudget() throws Exception {
        replicas(0);
        String key = "AKIDskewed";
        long[] admitted = load(limited(key, G), key, 10);
        long budget = 10 * G + G; // refilled for 10 s, plus the bucket's one second's worth at the start
        System.out.printf("skewed load, 10 s: admitted %d of %d (%s)%n", sum(admitted), budget,
                java.util.Arrays.toString(admitted));
        assertThat(sum(admitted)).isLessThanOrEqualTo(budget + N * BATCH);
        // the only shortfall: tokens leased to the light replicas and not yet spent, and one
        // step of refill a lease arrives late by
        assertThat(sum(admitted)).isGreaterThanOrEqualTo(budget - N * BATCH - G * STEP / SECOND);
        // the light replicas get all they ask for: 0.1 G for 10 s each
        assertThat(admitted[1]).isGreaterThanOrEqualTo(G - BATCH);
        assertThat(admitted[2]).isGreaterThanOrEqualTo(G - BATCH);
    }

    @Test
    void redisPausedUnderLoadFallsBackToGOverNAndIsPaidBackAfter() throws Exception {
        replicas(0);
        String key = "AKIDoutage";
        Directory d = limited(key, G);
        load(d, key, 2);
        redis.pause();
        long[] during;
        try {
            during = load(d, key, 2);
        } finally {
            redis.resume();
        }
        System.out.printf("Redis paused 2 s: admitted %s%n", java.util.Arrays.toString(during));
        for (long r : during) {
            // its own bucket of G/N (starting empty), plus what it held leased when Redis stopped
            assertThat(r).isLessThanOrEqualTo(2 * G / N + BATCH);
        }
        // the loaded replica kept admitting on its own, at close to G/N
        assertThat(during[0]).isGreaterThanOrEqualTo(2 * G / N * 9 / 10);
        long[] after = load(d, key, 1);
        System.out.printf("the second after: admitted %s%n", java.util.Arrays.toString(after));
        // without the payback, the shared bucket (full after 2 s unused) would add G to this second
        assertThat(sum(after)).isLessThanOrEqualTo(G + N * BATCH);
        assertThat(sum(after)).isGreaterThan(G / 2);
    }

    @Test
    void aReplicaStartedWhileRedisIsDownLimitsToItsShareAndPaysBackWhenRedisComes(@TempDir Path later)
            throws Exception {
        int port = LocalRedis.freePort();
        long g = 100;
        SharedLimitSettings settings = new SharedLimitSettings("redis://127.0.0.1:" + port, null, null,
                Duration.ofMillis(300), 2, 0);
        LeaseKeeper keeper = LeaseKeeper.connect(settings, now::get, () -> now.get() / 1_000);
        keepers.add(keeper);
        Limiter limiter = new Limiter(now::get, keeper);
        String key = "AKIDlateRedis";
        Directory d = limited(key, g);
        long alone = offer(limiter, keeper, d, key, SECOND);
        // its share G/N with N = 2 from the setting, from an empty bucket
        assertThat(alone).isBetween(g / 2 - 2, g / 2);
        try (LocalRedis late = LocalRedis.start(later, port)) {
            keeper.refill(); // connects, pays back what it admitted alone, leases
            long joined = offer(limiter, keeper, d, key, SECOND);
            // now it has the whole bucket (it is the only replica registered): more than its share,
            // but the bucket's first second's worth less what it admitted alone, plus G, plus a batch
            assertThat(joined).isGreaterThan(g / 2);
            assertThat(joined).isLessThanOrEqualTo(g - alone + g + g / 20);
            keeper.close();
            keepers.remove(keeper);
        }
    }

    /** Offers 5 requests every 10 ms for {@code nanos}, topping up after each step; returns how many were admitted. */
    private long offer(Limiter limiter, LeaseKeeper keeper, Directory d, String key, long nanos) {
        long admitted = 0;
        for (long t = 0; t < nanos; t += 2 * STEP) {
            now.addAndGet(2 * STEP);
            for (int i = 0; i < 5; i++) {
                admitted += limiter.admit(d, null, key).throttled() ? 0 : 1;
            }
            keeper.refill();
        }
        return admitted;
    }

    @Test
    void aNewLeaseLetsItsFirstRequestBorrowAndItsFirstBatchPaysItBack() throws Exception {
        replicas(0);
        String key = "AKIDfirst";
        Directory d = limited(key, G);
        Limiter replica = replicas.get(0);
        assertThat(replica.admit(d, null, key).throttled()).isFalse();
        // one borrowed token, no more, until a batch arrives
        assertThat(replica.admit(d, null, key).throttled()).isTrue();
        refill();
        long admitted = 0;
        while (!replica.admit(d, null, key).throttled()) {
            admitted++;
        }
        // a full batch in hand: the lease asked for one more token, the borrowed one
        assertThat(admitted).isEqualTo(BATCH);
    }

    @Test
    void tokensALeaseLeavesUnspentGoBackToTheSharedBucket() throws Exception {
        replicas(0);
        String key = "AKIDidle";
        Directory d = limited(key, G);
        // replicas 1 and 2 lease a batch each for one request, then go idle
        long admitted = 0;
        for (int r = 1; r < N; r++) {
            admitted += replicas.get(r).admit(d, null, key).throttled() ? 0 : 1;
        }
        refill();
        // replica 0 alone is offered 1.5 G for 3 s
        long offered = (long) (1.5 * G * STEP / SECOND);
        for (long t = 0; t < 3 * SECOND; t += STEP) {
            now.addAndGet(STEP);
            for (int i = 0; i < offered; i++) {
                admitted += replicas.get(0).admit(d, null, key).throttled() ? 0 : 1;
            }
            refill();
        }
        long budget = 3 * G + G;
        System.out.printf("two replicas idle, 3 s: admitted %d of %d%n", admitted, budget);
        assertThat(admitted).isLessThanOrEqualTo(budget + N * BATCH);
        // had the idle replicas kept their batches, at least 2 b of the budget would be stranded
        assertThat(admitted).isGreaterThan(budget - 2 * BATCH);
        // an idle replica that is asked again turns nobody away: it borrows, as a new lease does
        assertThat(replicas.get(1).admit(d, null, key).throttled()).isFalse();
    }

    @Test
    void exactModeAdmitsExactlyTheBudget() throws Exception {
        replicas(100);
        String key = "AKIDexact";
        Directory d = limited(key, 10);
        assertThat(replicas.get(0).decidesExactly(d, null, key)).isTrue();
        assertThat(replicas.get(0).decidesExactly(limited(key, 100), null, key)).isFalse();
        long admitted = 0;
        for (int i = 0; i < 30; i++) {
            Allowance a = replicas.get(i % N).admitExactly(d, null, key).toCompletableFuture().join();
            admitted += a.throttled() ? 0 : 1;
            refill(); // leases nothing for an exact subject
        }
        assertThat(admitted).isEqualTo(10);
        now.addAndGet(SECOND / 2);
        admitted = 0;
        for (int i = 0; i < 30; i++) {
            admitted += replicas.get(i % N).admitExactly(d, null, key).toCompletableFuture().join().throttled() ? 0 : 1;
        }
        assertThat(admitted).isEqualTo(5);
    }

    @org.junit.jupiter.api.AfterEach
    void closeKeepers() {
        keepers.forEach(LeaseKeeper::close);
    }
}
