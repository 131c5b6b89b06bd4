package io.camgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.authz.Decision;
import io.camgate.authz.Need;
import io.camgate.authz.index.EngineKind;
import io.camgate.authz.index.Published;
import io.camgate.identity.Principal;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.PolicyException;
import io.camgate.policy.ResourceName;
import io.camgate.testing.ExampleConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReloaderTest {
    private static final Principal DAVE = new Principal.SubUser("100000000014", "100000000001");
    private static final Need SECRET_READ = new Need("name/cos:GetObject", ResourceName.parse(
            "qcs::cos:ap-shanghai:uid/1250000001:examplebucket-1250000001/secret/plan.txt"));
    private static final String DENY_OTHER = """
            {"version": "2.0", "statement": [{"effect": "deny", "action": ["name/cos:*"],
              "resource": ["qcs::cos::uid/1250000001:examplebucket-1250000001/other/*"]}]}
            """;

    @TempDir
    Path tmp;

    private final ConfigLoader loader = new ConfigLoader(Map.<String, String>of()::get);
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private ConfigReloader reloader;

    @AfterEach
    void close() {
        if (reloader != null) {
            reloader.close();
        }
    }

    private ConfigReloader open(Path dir) throws PolicyException {
        reloader = ConfigReloader.open(dir, loader, EngineKind.INDEX, "test");
        reloader.addListener(new ReloadListener() {
            @Override
            public void published(Published published) {
                events.add(published);
            }

            @Override
            public void rejected(Path where, PolicyException problems) {
                events.add(problems);
            }
        });
        return reloader;
    }

    /** The next reload's outcome, waiting at most 30 s (a bound, not a pace). */
    private Object next() throws InterruptedException {
        Object e = events.poll(30, TimeUnit.SECONDS);
        assertThat(e).as("a reload within the bound").isNotNull();
        return e;
    }

    private boolean daveReadsSecret() {
        Decision d = reloader.current().engine().decide(DAVE, SECRET_READ, ConditionContext.EMPTY);
        return d.allowed();
    }

    @Test
    void anEditedPolicyChangesDecisions() throws Exception {
        Path dir = ExampleConfig.copyTo(tmp.resolve("config"));
        open(dir).watch(Duration.ofMillis(50));
        assertThat(daveReadsSecret()).isFalse();

        Files.writeString(dir.resolve("policies/deny-secret.json"), DENY_OTHER);

        Object e = next();
        assertThat(e).isInstanceOf(Published.class);
        assertThat(((Published) e).generation()).isGreaterThanOrEqualTo(2);
        assertThat(daveReadsSecret()).isTrue();
        assertThat(reloader.reloads()).isGreaterThanOrEqualTo(1);
        assertThat(reloader.failures()).isZero();
    }

    @Test
    void aBrokenFileIsRejectedAndTheLastGoodSnapshotStays() throws Exception {
        Path dir = ExampleConfig.copyTo(tmp.resolve("config"));
        open(dir).watch(Duration.ofMillis(50));
        Published before = reloader.current();

        Files.writeString(dir.resolve("policies/deny-secret.json"), "{\"version\": \"2.0\", \"statement\": [{\"effect\": \"forbid\"");

        Object e = next();
        assertThat(e).isInstanceOf(PolicyException.class);
        assertThat(reloader.failures()).isGreaterThanOrEqualTo(1);
        assertThat(reloader.lastProblems()).isNotEmpty()
                .anySatisfy(p -> assertThat(p.file()).endsWith("deny-secret.json"));
        assertThat(reloader.current()).isSameAs(before);
        assertThat(daveReadsSecret()).isFalse();

        // the fix is picked up in turn
        Files.writeString(dir.resolve("policies/deny-secret.json"), DENY_OTHER);
        while (!(next() instanceof Published)) {
            // a write may show as more than one burst; wait for the one that publishes
        }
        assertThat(daveReadsSecret()).isTrue();
        assertThat(reloader.lastProblems()).isEmpty();
    }

    @Test
    void aConfigMapSymlinkSwapIsPickedUp() throws Exception {
        // the layout the kubelet writes: ..<timestamp>/ holds the files, ..data points at it,
        // and each visible entry points through ..data
        Path root = Files.createDirectories(tmp.resolve("mounted"));
        ExampleConfig.copyTo(root.resolve("..2026_01_01_v1"));
        Files.createSymbolicLink(root.resolve("..data"), Path.of("..2026_01_01_v1"));
        for (String entry : new String[] {"accounts.yaml", "policies", "bucket-policies", "secrets"}) {
            Files.createSymbolicLink(root.resolve(entry), Path.of("..data", entry));
        }
        open(root).watch(Duration.ofMillis(50));
        assertThat(daveReadsSecret()).isFalse();

        Path v2 = ExampleConfig.copyTo(root.resolve("..2026_01_01_v2"));
        Files.writeString(v2.resolve("policies/deny-secret.json"), DENY_OTHER);
        Files.createSymbolicLink(root.resolve("..data_tmp"), Path.of("..2026_01_01_v2"));
        Files.move(root.resolve("..data_tmp"), root.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);

        Object e;
        do {
            e = next();
        } while (!(e instanceof Published) || !daveReadsSecret());
        assertThat(daveReadsSecret()).isTrue();
    }

    @Test
    void anAdminReloadPublishesTheNextGenerationOrReportsWhy() throws Exception {
        Path dir = ExampleConfig.copyTo(tmp.resolve("config"));
        open(dir);
        assertThat(reloader.current().generation()).isEqualTo(1);

        ReloadOutcome same = reloader.reload();
        assertThat(same.published()).isTrue();
        assertThat(same.generation()).isEqualTo(2);

        Files.writeString(dir.resolve("accounts.yaml"), "accounts: [{uin: x}]");
        ReloadOutcome broken = reloader.reload();
        assertThat(broken.published()).isFalse();
        assertThat(broken.generation()).isEqualTo(2);
        assertThat(broken.problems()).anySatisfy(p -> {
            assertThat(p.file()).endsWith("accounts.yaml");
            assertThat(p.pointer()).isEqualTo("/accounts/0/uin");
        });
        assertThat(reloader.failures()).isEqualTo(1);
        assertThat(reloader.current().generation()).isEqualTo(2);
    }

    @Test
    void sighupReloads() throws Exception {
        Path dir = ExampleConfig.copyTo(tmp.resolve("config"));
        open(dir);
        if (!reloader.reloadOnHangup()) {
            return; // this JVM does not let us take HUP; without a handler HUP would end it
        }
        Files.writeString(dir.resolve("policies/deny-secret.json"), DENY_OTHER);
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(ProcessHandle.current().pid())).start();
        assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();

        assertThat(next()).isInstanceOf(Published.class);
        assertThat(daveReadsSecret()).isTrue();
    }

    @Test
    void editsUnderLoadChangeDecisionsWithoutAFailedOne() throws Exception {
        Path dir = ExampleConfig.copyTo(tmp.resolve("config"));
        open(dir).watch(Duration.ofMillis(20));
        String denySecret = Files.readString(dir.resolve("policies/deny-secret.json"));
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        LongAdder allowed = new LongAdder();
        LongAdder denied = new LongAdder();
        List<Thread> deciders = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            Thread d = new Thread(() -> {
                // bounded: stops when told, or after this many decisions at the latest
                for (int i = 0; i < 50_000_000 && !done.get(); i++) {
                    try {
                        Published p = reloader.current();
                        Decision d1 = p.engine().decide(DAVE, SECRET_READ, ConditionContext.EMPTY);
                        // a request keeps its snapshot: the same engine answers the same
                        Decision d2 = p.engine().decide(DAVE, SECRET_READ, ConditionContext.EMPTY);
                        if (d1.allowed() != d2.allowed()) {
                            throw new AssertionError("one snapshot answered twice differently");
                        }
                        (d1.allowed() ? allowed : denied).increment();
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                        return;
                    }
                }
            });
            d.start();
            deciders.add(d);
        }
        for (int round = 0; round < 6; round++) {
            boolean open = round % 2 == 0;
            Files.writeString(dir.resolve("policies/deny-secret.json"), open ? DENY_OTHER : denySecret);
            Object e;
            do {
                e = next();
            } while (!(e instanceof Published) || daveReadsSecret() != open);
        }
        done.set(true);
        for (Thread d : deciders) {
            d.join(30_000);
        }
        assertThat(failure.get()).isNull();
        assertThat(allowed.sum()).isPositive();
        assertThat(denied.sum()).isPositive();
        // a reload may have caught a file half written and been rejected: the last good snapshot
        // then stayed, which is what the deciders saw
    }

    @Test
    void theFirstLoadMustBeValid() throws IOException {
        Path dir = ExampleConfig.copyTo(tmp.resolve("config"));
        Files.writeString(dir.resolve("accounts.yaml"), "nonsense: [");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfigReloader.open(dir, loader, EngineKind.INDEX,
                "test")).isInstanceOf(PolicyException.class);
    }
}
