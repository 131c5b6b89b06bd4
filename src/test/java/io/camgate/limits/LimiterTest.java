package io.camgate.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.config.ConfigLoader;
import io.camgate.identity.Directory;
import io.camgate.identity.RateLimit;
import io.camgate.testing.ExampleConfig;
import io.camgate.testing.Trials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LimiterTest {
    private static final long SECOND = 1_000_000_000L;
    private static final String BOB = "100000000012";
    private static final String BOB_KEY = "AKIDexampleBOB00000000000000000012";

    private final AtomicLong now = new AtomicLong(42 * SECOND);
    private final Limiter limiter = new Limiter(now::get);

    private static Directory limited(Map<String, RateLimit> limits) {
        return new Directory(List.of(), Map.of(), limits);
    }

    @Test
    void aRequestLimitTriggersSlowDownAndRecovers() {
        Directory d = limited(Map.of(BOB, new RateLimit(3, 0)));
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.admit(d, BOB, BOB_KEY).throttled()).isFalse();
        }
        assertThat(limiter.admit(d, BOB, BOB_KEY)).isSameAs(Allowance.SLOW_DOWN);
        assertThat(limiter.throttled(Limiter.Kind.REQUESTS)).isEqualTo(1);

        now.addAndGet(SECOND / 3 + 1); // one token back
        assertThat(limiter.admit(d, BOB, BOB_KEY).throttled()).isFalse();
        assertThat(limiter.admit(d, BOB, BOB_KEY).throttled()).isTrue();

        now.addAndGet(10 * SECOND); // the bucket holds one second's worth, no more
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.admit(d, BOB, BOB_KEY).throttled()).isFalse();
        }
        assertThat(limiter.admit(d, BOB, BOB_KEY).throttled()).isTrue();
    }

    @Test
    void bytesOverdrawTheBucketAndThrottleTheNextRequestsUntilRepaid() {
        Directory d = limited(Map.of(BOB_KEY, new RateLimit(0, 1000)));
        Allowance first = limiter.admit(d, BOB, BOB_KEY);
        assertThat(first.throttled()).isFalse();
        first.charge(3000); // 2000 in debt

        assertThat(limiter.admit(d, BOB, BOB_KEY).throttled()).isTrue();
        assertThat(limiter.throttled(Limiter.Kind.BYTES)).isEqualTo(1);
        now.addAndGet(2 * SECOND); // back to 0: still nothing to spend
        assertThat(limiter.admit(d, BOB, BOB_KEY).throttled()).isTrue();
        now.addAndGet(SECOND / 100); // 10 bytes
        assertThat(limiter.admit(d, BOB, BOB_KEY).throttled()).isFalse();
    }

    @Test
    void theKeysAndTheUsersLimitsBothApplyAndOthersAreUntouched() {
        Directory d = limited(Map.of(BOB, new RateLimit(2, 0), BOB_KEY, new RateLimit(5, 0)));
        assertThat(limiter.admit(d, BOB, BOB_KEY).throttled()).isFalse();
        assertThat(limiter.admit(d, BOB, "AKIDanotherKeyOfBob").throttled()).isFalse();
        assertThat(limiter.admit(d, BOB, BOB_KEY).throttled()).isTrue();
        assertThat(limiter.admit(d, "100000000013", "AKIDcarol")).isSameAs(Allowance.UNLIMITED);
        assertThat(limiter.admit(d, null, null)).isSameAs(Allowance.UNLIMITED);
    }

    @Test
    void aReloadWithNewLimitsStartsFreshBuckets() {
        Directory tight = limited(Map.of(BOB, new RateLimit(1, 0)));
        assertThat(limiter.admit(tight, BOB, BOB_KEY).throttled()).isFalse();
        assertThat(limiter.admit(tight, BOB, BOB_KEY).throttled()).isTrue();
        Directory loose = limited(Map.of(BOB, new RateLimit(100, 0)));
        assertThat(limiter.admit(loose, BOB, BOB_KEY).throttled()).isFalse();
        Directory none = limited(Map.of());
        assertThat(limiter.admit(none, BOB, BOB_KEY)).isSameAs(Allowance.UNLIMITED);
    }

    @Test
    void overAnyStretchOfTimeNoMoreThanRateTimesSecondsPlusOneBurstIsAdmitted() {
        Trials.run(200, random -> {
            long rate = 1 + random.nextInt(50);
            AtomicLong clock = new AtomicLong(random.nextLong(1, Long.MAX_VALUE / 4));
            Limiter l = new Limiter(clock::get);
            Directory d = limited(Map.of(BOB, new RateLimit(rate, 0)));
            long start = clock.get();
            long admitted = 0;
            for (int i = 0; i < 500; i++) {
                clock.addAndGet(random.nextInt((int) (SECOND / rate)) * (random.nextBoolean() ? 1 : 0));
                if (!l.admit(d, BOB, null).throttled()) {
                    admitted++;
                }
            }
            double seconds = (clock.get() - start) / (double) SECOND;
            assertThat(admitted).isLessThanOrEqualTo((long) Math.floor(rate * seconds) + rate);
        });
    }

    @Test
    void limitsAreReadFromAccountsYaml(@TempDir Path tmp) throws Exception {
        Path dir = ExampleConfig.copyTo(tmp);
        String yaml = Files.readString(dir.resolve("accounts.yaml"));
        assertThat(yaml).contains("        policies: [QcloudCIFullAccess, ci-pass-role, cos-read-write]\n");
        yaml = yaml.replace("        policies: [QcloudCIFullAccess, ci-pass-role, cos-read-write]\n",
                "        policies: [QcloudCIFullAccess, ci-pass-role, cos-read-write]\n"
                        + "        limits: {requestsPerSecond: 20, bytesPerSecond: 1048576}\n");
        yaml = yaml.replace("secretKey: \"demoCarolSecretKey0000000000013\", status: active}",
                "secretKey: \"demoCarolSecretKey0000000000013\", status: active, limits: {requestsPerSecond: 5}}");
        Files.writeString(dir.resolve("accounts.yaml"), yaml);
        Directory d = new ConfigLoader(Map.<String, String>of()::get).load(dir, 1).directory();
        assertThat(d.limit(BOB)).contains(new RateLimit(20, 1048576));
        assertThat(d.limit("AKIDexampleCAROL000000000000000013")).contains(new RateLimit(5, 0));
        assertThat(d.limit("100000000013")).isEmpty();
    }
}
