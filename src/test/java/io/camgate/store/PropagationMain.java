package io.camgate.store;

import io.camgate.authz.index.EngineKind;
import io.camgate.authz.index.Published;
import io.camgate.config.ConfigEdit;
import io.camgate.config.ConfigLoader;
import io.camgate.config.GatewaySettingsLoader;
import io.camgate.config.ReloadListener;
import io.camgate.config.StoreSection;
import io.camgate.config.StoreSettings;
import io.camgate.testing.ExampleConfig;
import io.camgate.testing.LocalEtcd;
import io.etcd.jetcd.Client;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Measures how long a store change takes to be published by three replicas: a real etcd (Debian's),
 * three {@link StoreMode} replicas in this JVM (each its own etcd client, mirror, reloader and
 * engine), and a writer that commits a policy change and waits until all three have published
 * it before the next. Prints the commit time and each replica's publication time (from the start
 * of the commit), median and p99. Bounded: {@code N} changes (default 200, at most 2,000) and
 * two minutes.
 *
 * <p>{@code benchmarks/store/run.sh [N]}
 */
public final class PropagationMain {
    private PropagationMain() {
    }

    public static void main(String[] args) throws Exception {
        int n = Math.min(2000, args.length > 0 ? Integer.parseInt(args[0]) : 200);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        Path dir = Files.createTempDirectory("camgate-propagation-");
        try (LocalEtcd etcd = LocalEtcd.start()) {
            ExampleConfig.copyTo(dir);
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.writeString(dir.resolve("seal.key"), Base64.getEncoder().encodeToString(key));
            Files.writeString(dir.resolve("camgate.yaml"), Files.readString(dir.resolve("camgate.yaml"))
                    + "store:\n  endpoints: [" + etcd.endpoint() + "]\n  sealKeyFile: seal.key\n");
            StoreSettings settings = StoreSection.read(dir, System::getenv).orElseThrow();
            StoreKeys keys = new StoreKeys(settings.prefix());
            Optional<SecretSeal> seal = Optional.of(SecretSeal.fromFile(settings.sealKeyFile()));
            try (Client client = EtcdConnection.connect(settings)) {
                new StoreTransfer(client, keys, seal, Duration.ofSeconds(30)).importDirectory(dir);
                List<StoreMode> replicas = new ArrayList<>();
                List<Map<Long, Long>> seen = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    StoreMode r = StoreMode.open(dir, settings, ConfigLoader.withSystemEnvironment(),
                            new GatewaySettingsLoader(System::getenv), EngineKind.INDEX);
                    Map<Long, Long> times = new HashMap<>();
                    r.reloader().addListener(new ReloadListener() {
                        @Override
                        public void published(Published p) {
                            synchronized (times) {
                                times.putIfAbsent(PublishedRevision.of(p.revision()), System.nanoTime());
                                times.notifyAll();
                            }
                        }
                    });
                    replicas.add(r);
                    seen.add(times);
                }
                StoreWriter writer = replicas.get(0).writer();
                Path scratch = Files.createDirectory(dir.resolve("scratch"));
                long[] commit = new long[n];
                long[][] published = new long[3][n];
                int done = 0;
                for (; done < n && System.nanoTime() < deadline; done++) {
                    long seq = replicas.get(0).mirror().checkout(scratch);
                    byte[] policy = ("{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\",\"action\":"
                            + "[\"name/cos:GetObject\"],\"resource\":[\"qcs::cos:ap-shanghai:uid/1250000001:"
                            + "examplebucket-1250000001/bench/" + done + "/*\"]}]}").getBytes(StandardCharsets.UTF_8);
                    long t0 = System.nanoTime();
                    long revision = writer.commit(Map.of("policies/bench.json", policy), seq, Duration.ofSeconds(10));
                    commit[done] = System.nanoTime() - t0;
                    for (int i = 0; i < 3; i++) {
                        published[i][done] = awaitPublished(seen.get(i), revision) - t0;
                    }
                }
                System.out.printf("changes: %d (first 20 are warm-up and left out)%n", done);
                print("commit acknowledged", commit, done);
                long[] last = new long[done];
                for (int i = 0; i < 3; i++) {
                    print("replica " + (i + 1) + " published", published[i], done);
                    for (int j = 0; j < done; j++) {
                        last[j] = Math.max(last[j], published[i][j]);
                    }
                }
                print("all three published", last, done);
                for (StoreMode r : replicas) {
                    r.close();
                }
            }
        } finally {
            ConfigEdit.deleteTree(dir);
        }
    }

    /** When {@code times} (one replica's publications) got {@code revision}, waiting at most 10 s. */
    private static long awaitPublished(Map<Long, Long> times, long revision) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        synchronized (times) {
            while (!times.containsKey(revision)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("revision " + revision + " was not published within 10 s");
                }
                TimeUnit.NANOSECONDS.timedWait(times, left);
            }
            return times.get(revision);
        }
    }

    private static void print(String what, long[] nanos, int count) {
        long[] s = Arrays.copyOfRange(nanos, Math.min(20, count), count);
        Arrays.sort(s);
        if (s.length == 0) {
            return;
        }
        System.out.printf("%-22s median %6.1f ms   p99 %6.1f ms   max %6.1f ms%n", what, s[s.length / 2] / 1e6,
                s[(int) Math.min(s.length - 1, Math.ceil(s.length * 0.99) - 1)] / 1e6, s[s.length - 1] / 1e6);
    }
}
