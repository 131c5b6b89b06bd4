package io.camgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.testing.ExampleConfig;
import io.camgate.testing.LocalEtcd;
import io.camgate.testing.LocalRedis;
import io.camgate.testing.S3ProxyServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code camgate serve} processes share one real etcd (their configuration) and one real
 * Redis (their limits), with s3proxy behind them, as replicas behind a Service do: signed
 * requests spread unevenly over the three are admitted within one shared budget, not three;
 * with Redis paused under load each replica falls back to its share G/N, so the fleet still
 * holds the limit, and once Redis answers again they lease from it again; a limit below
 * {@code exactBelow} is decided in Redis request by request, whichever gateway takes them.
 *
 * <p>The replicas refill from Redis's clock, which a test cannot move, so the counts are checked
 * against bounds that grow with the measured duration of each phase (the budget is G per second
 * plus one second's worth): a longer run loosens them but can never make a broken limit pass,
 * and per-replica buckets would admit about three times as much. Nothing asserts on time.
 */
class SharedLimitReplicasTest {
    private static final String HOST = OperatedGatewayTest.HOST;
    private static final String[] ROOT = OperatedGatewayTest.ROOT;
    private static final String[] BOB = OperatedGatewayTest.BOB;
    private static final String[] CAROL = OperatedGatewayTest.CAROL;
    private static final String[] DAVE = OperatedGatewayTest.DAVE;
    /** Bob's and Dave's limit, G requests per second; the bucket holds one second's worth (C = G). */
    private static final int G = 20;
    private static final int N = 3;
    /** The lease batch at G and N: max(1, G / (20 N)). */
    private static final int BATCH = Math.max(1, G / (20 * N));
    /** Carol's limit, below {@code exactBelow}: each of her requests is decided in Redis. */
    private static final int SMALL = 3;
    /** A bound on any one loop of requests, so that a broken gateway ends the test rather than hanging it. */
    private static final int MAX_REQUESTS = 3000;
    /** The key that seals secret keys in the store (a test's own, 32 bytes in base64). */
    private static final String SEAL_KEY = Base64.getEncoder().encodeToString(new byte[32]) + "\n";

    @TempDir
    static Path tmp;
    private static S3ProxyServer s3;
    private static LocalEtcd etcd;
    private static LocalRedis redis;
    private static final List<Process> PROCESSES = new ArrayList<>();
    private static List<ReplicaProcess> pods;
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void startFleet() throws Exception {
        s3 = S3ProxyServer.start(Files.createDirectories(tmp.resolve("s3")));
        etcd = LocalEtcd.start();
        redis = LocalRedis.start(Files.createDirectories(tmp.resolve("redis")));
        Path example = ExampleConfig.copyTo(tmp.resolve("example"));
        Path accounts = example.resolve("accounts.yaml");
        Files.writeString(accounts, Files.readString(accounts)
                .replaceFirst("        name: bob .*\n", limited("bob", G))
                .replaceFirst("        name: carol .*\n", limited("carol", SMALL))
                .replaceFirst("        name: dave .*\n", limited("dave", G)));
        Path first = podDir("a");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(Main.run(new PrintWriter(out), new PrintWriter(err), "store", "import", "--config",
                example.toString(), "--store", first.toString())).as("%s", err).isZero();
        pods = List.of(ReplicaProcess.serve(first, "a", PROCESSES), ReplicaProcess.serve(podDir("b"), "b", PROCESSES),
                ReplicaProcess.serve(podDir("c"), "c", PROCESSES));
        assertThat(pods.get(0).send(ROOT, "PUT", HOST, "/", "").status()).isIn(200, 409);
        assertThat(pods.get(0).send(ROOT, "PUT", HOST, "/hello.txt", "hello\n").status()).isEqualTo(200);
    }

    @AfterAll
    static void stopFleet() throws Exception {
        for (Process p : PROCESSES) {
            p.destroyForcibly();
        }
        if (redis != null) {
            redis.close();
        }
        if (etcd != null) {
            etcd.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    private static String limited(String user, int requestsPerSecond) {
        return "        name: " + user + "\n        limits: {requestsPerSecond: " + requestsPerSecond + "}\n";
    }

    /** A pod's directory: camgate.yaml routes to s3proxy, reads the store and shares limits through Redis. */
    private static Path podDir(String name) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        ExampleConfig.routeTo(dir, s3);
        Files.writeString(dir.resolve("seal.key"), SEAL_KEY);
        Files.writeString(dir.resolve("camgate.yaml"), Files.readString(dir.resolve("camgate.yaml")) + """
                store:
                  endpoints: [%s]
                  prefix: /camgate/limits/
                  sealKeyFile: seal.key
                limits:
                  redis: {uri: "%s", timeout: 100ms}
                  replicas: %d
                  exactBelow: 10
                """.formatted(etcd.endpoint(), redis.uri(), N));
        return dir;
    }

    /**
     * Clients sending GETs of hello.txt signed with {@code key}, {@code clients[i]} of them to
     * pod i, each until {@code done} says so for its pod or after {@link #MAX_REQUESTS}; what a
     * pod admits is added to {@code admitted[i]}, answers other than 200 and 503 SlowDown are
     * kept in {@link #failures}.
     */
    private void load(String[] key, int[] clients, AtomicInteger[] admitted, IntPredicate done) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(IntStream.of(clients).sum());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < clients.length; i++) {
                int pod = i;
                for (int c = 0; c < clients[i]; c++) {
                    running.add(pool.submit(() -> {
                        for (int n = 0; n < MAX_REQUESTS && !done.test(pod); n++) {
                            DemoCall.Reply r = pods.get(pod).send(key, "GET", HOST, "/hello.txt", "");
                            if (r.status() == 200) {
                                admitted[pod].incrementAndGet();
                            } else if (r.status() != 503 || !r.code().equals("SlowDown")) {
                                failures.add(r.status() + " " + r.code());
                            }
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> f : running) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static AtomicInteger[] counters() {
        return new AtomicInteger[] {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
    }

    private static int sum(AtomicInteger[] counts) {
        return Stream.of(counts).mapToInt(AtomicInteger::get).sum();
    }

    /**
     * What the fleet may admit of one subject over {@code seconds}: one second's worth, G per
     * second, the leases held unspent (N × b) and one borrowed request per replica.
     */
    private static double budget(double seconds) {
        return G + G * seconds + N * (BATCH + 1);
    }

    /** How many shared buckets the replicas limit locally because Redis did not answer. */
    private static double fallbacks() throws Exception {
        double total = 0;
        for (ReplicaProcess pod : pods) {
            total += pod.metrics().sum("camgate_limits_shared_fallback");
        }
        return total;
    }

    @Test
    void skewedLoadOnThreeReplicasIsAdmittedWithinOneSharedBudget() throws Exception {
        // four clients on a, one each on b and c, 600 requests in all
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger[] skewed = counters();
        long start = System.nanoTime();
        load(BOB, new int[] {4, 1, 1}, skewed, pod -> sent.incrementAndGet() > 600);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(failures).isEmpty();
        String seen = "admitted %s in %.1f s".formatted(Arrays.toString(skewed), seconds);
        assertThat(sum(skewed)).as(seen).isLessThanOrEqualTo((int) budget(seconds));
        // every replica gets some of the budget, and together more than one replica's share G/N
        for (AtomicInteger n : skewed) {
            assertThat(n.get()).as(seen).isPositive();
        }
        assertThat(sum(skewed)).as(seen).isGreaterThan((int) (G / N * (1 + seconds)));
    }

    @Test
    void withRedisPausedUnderLoadEachReplicaHoldsItsShareAndLeasesAgainAfter() throws Exception {
        // dave leases on every replica, then Redis stops answering while the load goes on
        AtomicInteger[] warm = counters();
        long start = System.nanoTime();
        AtomicInteger sent = new AtomicInteger();
        load(DAVE, new int[] {1, 1, 1}, warm, pod -> sent.incrementAndGet() > 9);
        AtomicInteger[] paused = counters();
        redis.pause();
        long pausedAt = System.nanoTime();
        try {
            // each replica goes on until it has admitted more than the one batch it may have held
            // when Redis stopped: the rest came from its own bucket of G/N
            load(DAVE, new int[] {2, 1, 1}, paused, pod -> paused[pod].get() > BATCH + 2);
            for (int i = 0; i < pods.size(); i++) {
                assertThat(paused[i].get()).as("admitted by %s with Redis paused", "abc".charAt(i))
                        .isGreaterThan(BATCH + 2);
                assertThat(pods.get(i).metrics().sum("camgate_limits_shared_fallback"))
                        .as("buckets limited locally").isPositive();
            }
        } finally {
            redis.resume();
        }
        double pausedSeconds = (System.nanoTime() - pausedAt) / 1e9;
        assertThat(failures).isEmpty();
        assertThat(sum(paused)).as("admitted %s with Redis paused for %.1f s", Arrays.toString(paused), pausedSeconds)
                .isLessThanOrEqualTo((int) (G * pausedSeconds) + N * (BATCH + 1));

        // Redis answers again: every replica leases from it again, having paid back what it admitted alone
        AtomicInteger[] after = counters();
        for (int round = 0; round < 100 && fallbacks() > 0; round++) {
            AtomicInteger each = new AtomicInteger();
            load(DAVE, new int[] {2, 1, 1}, after, pod -> each.incrementAndGet() > 20);
        }
        assertThat(fallbacks()).isZero();
        double seconds = (System.nanoTime() - start) / 1e9;
        int total = sum(warm) + sum(paused) + sum(after);
        assertThat(total).as("admitted %d in %.1f s", total, seconds).isLessThanOrEqualTo((int) budget(seconds));
        assertThat(failures).isEmpty();
    }

    @Test
    void aSmallLimitIsDecidedInRedisForEveryRequestWhicheverGatewayTakesIt() throws Exception {
        long evalsBefore = redis.calls("eval");
        long start = System.nanoTime();
        // the whole bucket is there for one gateway's first requests, not a replica's share (one of three)
        for (int i = 0; i < SMALL; i++) {
            assertThat(pods.get(0).send(CAROL, "GET", HOST, "/hello.txt", "").status()).as("request %d", i)
                    .isEqualTo(200);
        }
        // then two gateways share it, without the slack of leases: one second's worth and SMALL per second
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger[] admitted = counters();
        load(CAROL, new int[] {2, 2, 0}, admitted, pod -> sent.incrementAndGet() > 200);
        double seconds = (System.nanoTime() - start) / 1e9;
        int total = SMALL + sum(admitted);
        assertThat(failures).isEmpty();
        assertThat(total).as("admitted %s in %.1f s", Arrays.toString(admitted), seconds)
                .isLessThanOrEqualTo((int) (SMALL + SMALL * seconds));
        // one Redis call for each request (the replicas' own calls come on top)
        assertThat(redis.calls("eval") - evalsBefore).isGreaterThanOrEqualTo(SMALL + 200);

        // a Redis that does not answer turns the request away (fails closed), and only that one
        redis.pause();
        try {
            DemoCall.Reply refused = pods.get(1).send(CAROL, "GET", HOST, "/hello.txt", "");
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.code()).isEqualTo("SlowDown");
            assertThat(pods.get(1).send(ROOT, "GET", HOST, "/hello.txt", "").status()).isEqualTo(200);
        } finally {
            redis.resume();
        }
    }
}
