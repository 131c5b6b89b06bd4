package io.camgate.bench;

import io.camgate.identity.Directory;
import io.camgate.identity.RateLimit;
import io.camgate.limits.LeaseKeeper;
import io.camgate.limits.Limiter;
import io.camgate.limits.SharedLimitSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Admitted / budget across three replicas sharing one Redis, under skewed load, in real time
 * (not a test: the machine's load shows in it). Three limiters stand for three replicas, each
 * with its own Redis connection and lease keeper thread, Redis's clock shared by all; one
 * thread per replica offers requests of one access key limited to G per second, paced by the
 * clock: replica 0 offers 1.5 G, the others 0.1 G each. The budget over t seconds is G·t plus
 * the bucket's one second's worth at the start.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.camgate.bench.SharedLimitRun 2000 10
 * </pre>
 */
public final class SharedLimitRun {
    private static final int N = 3;
    private static final double[] OFFERED = {1.5, 0.1, 0.1};

    private SharedLimitRun() {
    }

    public static void main(String[] args) throws Exception {
        long g = args.length > 0 ? Long.parseLong(args[0]) : 2_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String key = "AKIDsharedLimitRun";
        Directory d = new Directory(List.of(), Map.of(), Map.of(key, new RateLimit(g, 0)));
        try (LocalRedisServer redis = new LocalRedisServer()) {
            SharedLimitSettings settings = new SharedLimitSettings(redis.uri(), null, null, Duration.ofMillis(100), N, 0);
            LeaseKeeper[] keepers = new LeaseKeeper[N];
            Limiter[] limiters = new Limiter[N];
            for (int r = 0; r < N; r++) {
                keepers[r] = LeaseKeeper.connect(settings, System::nanoTime, null).start();
                limiters[r] = new Limiter(System::nanoTime, keepers[r]);
            }
            AtomicLongArray admitted = new AtomicLongArray(N);
            AtomicLongArray offered = new AtomicLongArray(N);
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            Thread[] load = new Thread[N];
            for (int r = 0; r < N; r++) {
                int replica = r;
                long gap = (long) (1_000_000_000L / (OFFERED[r] * g));
                load[r] = new Thread(() -> {
                    long next = System.nanoTime();
                    while (next < end) {
                        long now = System.nanoTime();
                        if (now < next) {
                            LockSupport.parkNanos(next - now);
                            continue;
                        }
                        offered.incrementAndGet(replica);
                        if (!limiters[replica].admit(d, null, key).throttled()) {
                            admitted.incrementAndGet(replica);
                        }
                        next += gap;
                    }
                }, "load-" + r);
                load[r].start();
            }
            for (Thread t : load) {
                t.join();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long total = 0;
            StringBuilder split = new StringBuilder();
            for (int r = 0; r < N; r++) {
                total += admitted.get(r);
                split.append(r == 0 ? "" : " / ").append(admitted.get(r)).append(" of ").append(offered.get(r));
            }
            double budget = g * elapsed + g;
            System.out.printf("G=%d/s, %d replicas, %.2f s: admitted %d, budget %.0f, admitted/budget %.3f;"
                    + " per replica (admitted of offered) %s; N seen by replica 0: %d%n", g, N, elapsed, total, budget,
                    total / budget, split, keepers[0].replicas());
            for (LeaseKeeper k : keepers) {
                k.close();
            }
        }
    }
}
