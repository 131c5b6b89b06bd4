package io.camgate.bench;

import io.camgate.identity.Directory;
import io.camgate.identity.RateLimit;
import io.camgate.limits.Allowance;
import io.camgate.limits.LeaseKeeper;
import io.camgate.limits.Limiter;
import io.camgate.limits.SharedLimitSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The limiter's cost on the request path: one {@code admit} of a caller limited both by its key
 * and by its sub-user (requests and bytes), then one 1 KiB charge. {@code local}: the buckets in
 * this replica, as without a {@code limits:} section; {@code leased}: leases of buckets shared in
 * a redis-server the benchmark starts (Debian's, on a free loopback port), topped up by the
 * keeper's thread. The limits are high enough that nothing is throttled, so both measure the
 * admitted path.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar LimiterBenchmark -f 1 -wi 3 -i 5 -w 1 -r 1
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LimiterBenchmark {
    private static final String USER = "100000000012";
    private static final String KEY = "AKIDexampleBOB00000000000000000012";

    @Param({"local", "leased"})
    String mode;

    private LocalRedisServer redis;
    private LeaseKeeper keeper;
    private Limiter limiter;
    private Directory directory;

    @Setup
    public void setUp() throws Exception {
        RateLimit high = new RateLimit(1_000_000_000L, 1L << 50);
        directory = new Directory(List.of(), Map.of(), Map.of(USER, high, KEY, high));
        if (mode.equals("leased")) {
            redis = new LocalRedisServer();
            keeper = LeaseKeeper.connect(new SharedLimitSettings(redis.uri(), null, null, Duration.ofMillis(100), 1, 0),
                    System::nanoTime, null).start();
            limiter = new Limiter(System::nanoTime, keeper);
        } else {
            limiter = new Limiter(System::nanoTime);
        }
    }

    @TearDown
    public void tearDown() throws Exception {
        if (keeper != null) {
            keeper.close();
            redis.close();
        }
    }

    @Benchmark
    public Allowance admit() {
        Allowance a = limiter.admit(directory, USER, KEY);
        if (!a.throttled()) {
            a.charge(1024);
        }
        return a;
    }

    /**
     * {@link #admit} as the decider runs it: first asked whether Redis decides this caller exactly
     * (it does not here: {@code exactBelow} is 0), so the difference is that question's cost.
     */
    @Benchmark
    public Allowance decideThenAdmit() {
        if (limiter.decidesExactly(directory, USER, KEY)) {
            throw new IllegalStateException("no exact limits in this benchmark");
        }
        return admit();
    }
}
