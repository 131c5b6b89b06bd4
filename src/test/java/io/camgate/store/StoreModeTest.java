package io.camgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.camgate.authz.index.EngineKind;
import io.camgate.config.ConfigLoader;
import io.camgate.config.GatewaySettingsLoader;
import io.camgate.config.ReloadListener;
import io.camgate.config.StoreSection;
import io.camgate.config.StoreSettings;
import io.camgate.policy.PolicyException;
import io.camgate.testing.ExampleConfig;
import io.camgate.testing.LocalEtcd;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas in one JVM share a real etcd: they start on the same revision, follow a change,
 * never publish a broken one, refuse a write made against an old read, and keep serving (and
 * stay ready) while etcd is paused or killed.
 */
class StoreModeTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static LocalEtcd etcd;
    private static int prefixes;

    @TempDir
    Path dir;
    private StoreSettings settings;
    private Client client;
    private StoreKeys keys;
    private Optional<SecretSeal> seal;
    private StoreMode a;
    private StoreMode b;
    private final ConfigLoader loader = ConfigLoader.withSystemEnvironment();

    @BeforeAll
    static void startEtcd() throws Exception {
        etcd = LocalEtcd.start();
    }

    @AfterAll
    static void stopEtcd() throws Exception {
        if (etcd != null) {
            etcd.close();
        }
    }

    @BeforeEach
    void importExample() throws Exception {
        ExampleConfig.copyTo(dir);
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        Files.writeString(dir.resolve("seal.key"), Base64.getEncoder().encodeToString(key) + "\n");
        // each test its own prefix, so that they do not see one another's keys
        Files.writeString(dir.resolve("camgate.yaml"), Files.readString(dir.resolve("camgate.yaml"))
                + "store:\n  endpoints: [" + etcd.endpoint() + "]\n  prefix: /camgate/t" + (++prefixes) + "/\n"
                + "  sealKeyFile: seal.key\n  startTimeout: 20s\n");
        settings = StoreSection.read(dir, System::getenv).orElseThrow();
        client = EtcdConnection.connect(settings);
        keys = new StoreKeys(settings.prefix());
        seal = Optional.of(SecretSeal.fromFile(settings.sealKeyFile()));
        new StoreTransfer(client, keys, seal, WAIT).importDirectory(dir);
        a = open();
        b = open();
    }

    private StoreMode open() throws Exception {
        return StoreMode.open(dir, settings, loader, new GatewaySettingsLoader(System::getenv), EngineKind.INDEX);
    }

    @AfterEach
    void close() {
        for (AutoCloseable c : new AutoCloseable[] {a, b, client}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // the next test starts clean anyway
            }
        }
    }

    @Test
    void replicasStartOnTheSameRevisionAndFollowAChange() throws Exception {
        assertThat(a.ready()).isTrue();
        String first = a.reloader().current().revision();
        assertThat(first).startsWith("etcd:").isEqualTo(b.reloader().current().revision());
        assertThat(a.reloader().current().snapshot().directory().key("AKIDexampleALICE000000000000000011"))
                .isPresent();

        Path policy = dir.resolve("policies/media-jobs.json");
        Files.writeString(policy, Files.readString(policy) + "\n");
        long committed = new StoreTransfer(client, keys, seal, WAIT).importDirectory(dir).revision();
        assertThat(a.mirror().awaitPublished(committed, WAIT)).isTrue();
        assertThat(b.mirror().awaitPublished(committed, WAIT)).isTrue();
        assertThat(a.reloader().current().revision()).isEqualTo("etcd:" + committed)
                .isEqualTo(b.reloader().current().revision());
    }

    @Test
    void aBrokenChangeIsNeverPublishedAndIsCounted() throws Exception {
        String good = a.reloader().current().revision();
        CountDownLatch rejected = new CountDownLatch(1);
        a.reloader().addListener(new ReloadListener() {
            @Override
            public void rejected(Path where, PolicyException problems) {
                rejected.countDown();
            }
        });
        long failures = a.reloader().failures();
        client.getKVClient().put(keys.file("policies/media-jobs.json"),
                ByteSequence.from("{not json", StandardCharsets.UTF_8)).get();
        assertThat(rejected.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(a.reloader().failures()).isGreaterThan(failures);
        assertThat(a.reloader().current().revision()).isEqualTo(good);
        assertThat(a.ready()).isTrue();
    }

    @Test
    void anImportTooLargeForOneTransactionIsPublishedWholeOrNotAtAll() throws Exception {
        long generation = a.reloader().current().snapshot().generation();
        long failures = a.reloader().failures();
        String before = a.reloader().current().revision();
        // 200 new policies, the last attached to bob: any state with accounts.yaml and not all of them is broken
        for (int i = 0; i < 200; i++) {
            Files.write(dir.resolve("policies/bulk-%03d.json".formatted(i)), policy());
        }
        Path accounts = dir.resolve("accounts.yaml");
        Files.writeString(accounts, Files.readString(accounts).replace("policies: [QcloudCIFullAccess,",
                "policies: [bulk-199, QcloudCIFullAccess,"));
        // a secret too large for etcd's requests (1.5 MiB) makes the second of two transactions fail
        byte[] huge = new byte[2 << 20];
        new java.security.SecureRandom().nextBytes(huge);
        Files.write(dir.resolve("secrets/zz-huge.key"), huge);
        StoreWriteException interrupted = catchThrowableOfType(StoreWriteException.class,
                () -> new StoreTransfer(client, keys, seal, WAIT).importDirectory(dir));
        assertThat(interrupted).hasMessageContaining("after 126 of 202 changes");
        assertThat(client.getKVClient().get(keys.file("policies/bulk-000.json")).get().getCount()).isOne();
        // a replica that starts now finds an import under way: it does not sync from half of it
        try (StoreMode late = StoreMode.open(dir, withWork(null, false, Duration.ofMillis(300)), loader,
                new GatewaySettingsLoader(System::getenv), EngineKind.INDEX)) {
            assertThat(late.ready()).isFalse();
            // the import run again writes what still differs and ends it
            Files.delete(dir.resolve("secrets/zz-huge.key"));
            long committed = new StoreTransfer(client, keys, seal, WAIT).importDirectory(dir).revision();
            assertThat(client.getKVClient().get(keys.importMarker()).get().getCount()).isZero();
            assertThat(a.mirror().awaitPublished(committed, WAIT)).isTrue();
            assertThat(late.mirror().awaitPublished(committed, WAIT)).isTrue();
            assertThat(late.ready()).isTrue();
        }
        assertThat(a.reloader().current().revision()).isNotEqualTo(before);
        assertThat(a.reloader().current().snapshot().policies().customPolicies()).containsKey("bulk-199");
        assertThat(a.reloader().failures()).as("no half of the import was read").isEqualTo(failures);
        assertThat(a.reloader().current().snapshot().generation()).isEqualTo(generation + 1);
    }

    @Test
    void aWriteMadeAgainstAnOldReadIsRefusedAndChangesNothing() throws Exception {
        Path scratch = Files.createDirectory(dir.resolve("scratch"));
        long read = a.mirror().checkout(scratch);
        StoreWriter writer = a.writer();
        long first = writer.commit(Map.of("policies/one.json", policy()), read, WAIT);
        StoreWriteException lost = catchThrowableOfType(StoreWriteException.class,
                () -> writer.commit(Map.of("policies/two.json", policy()), read, WAIT));
        assertThat(lost.conflict()).isTrue();
        assertThat(a.mirror().awaitPublished(first, WAIT)).isTrue();
        assertThat(a.reloader().current().snapshot().policies().customPolicies()).containsKey("one")
                .doesNotContainKey("two");
    }

    @Test
    void secretFilesAreSealedInTheStore() throws Exception {
        byte[] stored = client.getKVClient().get(keys.file("secrets/upstream.key")).get().getKvs().get(0).getValue()
                .getBytes();
        String plain = Files.readString(dir.resolve("secrets/upstream.key"));
        assertThat(new String(stored, StandardCharsets.US_ASCII)).startsWith("camgate-seal:v1:")
                .doesNotContain(plain.strip());
        assertThat(new String(seal.get().open("secrets/upstream.key", stored), StandardCharsets.UTF_8))
                .isEqualTo(plain);
        assertThat(catchThrowableOfType(java.io.IOException.class,
                () -> seal.get().open("secrets/other.key", stored))).hasMessageContaining("does not open");
    }

    @Test
    void aPausedStoreLeavesReplicasServingAndReadyAndWritesUnavailable() throws Exception {
        String before = a.reloader().current().revision();
        etcd.pause();
        try {
            assertThat(a.mirror().awaitConnected(false, WAIT)).as("a silent store shows as disconnected").isTrue();
            assertThat(a.ready()).isTrue();
            assertThat(a.reloader().current().revision()).isEqualTo(before);
            StoreWriteException down = catchThrowableOfType(StoreWriteException.class,
                    () -> a.writer().commit(Map.of("policies/one.json", policy()), 0, Duration.ofMillis(500)));
            assertThat(down.conflict()).isFalse();
        } finally {
            etcd.resume();
        }
        assertThat(a.mirror().awaitConnected(true, WAIT)).isTrue();
    }

    @Test
    void aKilledAndRestartedStoreIsFollowedAgain() throws Exception {
        etcd.kill();
        etcd.restart();
        Path policy = dir.resolve("policies/media-jobs.json");
        Files.writeString(policy, Files.readString(policy) + "\n\n");
        long committed = new StoreTransfer(client, keys, seal, WAIT).importDirectory(dir).revision();
        assertThat(a.mirror().awaitPublished(committed, WAIT)).isTrue();
        assertThat(b.mirror().awaitPublished(committed, WAIT)).isTrue();
    }

    @Test
    void aWatchResumingFromACompactedRevisionReadsTheStoreWholeAndConverges() throws Exception {
        long was = a.mirror().revision();
        long relists = a.mirror().relists();
        Path policy = dir.resolve("policies/media-jobs.json");
        Files.writeString(policy, Files.readString(policy) + "\n");
        new StoreTransfer(client, keys, seal, WAIT).importDirectory(dir);
        Files.writeString(policy, Files.readString(policy) + "\n");
        long committed = new StoreTransfer(client, keys, seal, WAIT).importDirectory(dir).revision();
        assertThat(committed).isGreaterThan(was + 1);
        client.getKVClient().compact(committed).get(30, TimeUnit.SECONDS);
        a.mirror().watchFrom(was + 1).get(30, TimeUnit.SECONDS);
        // etcd cancels a watch from a compacted revision: only a fresh read and watch see the next change
        Files.writeString(policy, Files.readString(policy) + "\n");
        long next = new StoreTransfer(client, keys, seal, WAIT).importDirectory(dir).revision();
        assertThat(a.mirror().awaitPublished(next, WAIT)).isTrue();
        assertThat(a.mirror().relists()).as("the compacted watch was replaced by a full read")
                .isGreaterThan(relists);
    }

    @Test
    void aSafetyNetReReadThatFindsNothingNewPublishesNothing() throws Exception {
        long generation = a.reloader().current().generation();
        long relists = a.mirror().relists();
        a.mirror().resyncNow().get(30, TimeUnit.SECONDS);
        assertThat(a.mirror().relists()).isEqualTo(relists + 1);
        // a reload it asked for would run on the reload thread after this one: ask, and see the generation held
        assertThat(a.reloader().reload().generation()).isEqualTo(generation + 1);
    }

    @Test
    void aPodStartedDuringAnOutageServesItsOldCopyOnlyWhenStaleStartIsAllowed() throws Exception {
        Path work = dir.resolve("work");
        StoreSettings persisted = withWork(work, false, Duration.ofSeconds(20));
        try (StoreMode earlier = StoreMode.open(dir, persisted, loader, new GatewaySettingsLoader(System::getenv),
                EngineKind.INDEX)) {
            assertThat(earlier.ready()).isTrue();
        }
        etcd.pause();
        try {
            try (StoreMode strict = StoreMode.open(dir, withWork(work, false, Duration.ofMillis(300)), loader,
                    new GatewaySettingsLoader(System::getenv), EngineKind.INDEX)) {
                assertThat(strict.ready()).as("no stale start: not ready, knows no one").isFalse();
                assertThat(strict.reloader().current().snapshot().directory().accounts()).isEmpty();
            }
            try (StoreMode stale = StoreMode.open(dir, withWork(work, true, Duration.ofMillis(300)), loader,
                    new GatewaySettingsLoader(System::getenv), EngineKind.INDEX)) {
                assertThat(stale.ready()).isTrue();
                assertThat(stale.stale()).isTrue();
                assertThat(stale.reloader().current().revision()).startsWith("stale:");
                assertThat(stale.reloader().current().snapshot().directory().key("AKIDexampleALICE000000000000000011"))
                        .isPresent();
            }
        } finally {
            etcd.resume();
        }
    }

    private StoreSettings withWork(Path work, boolean staleStart, Duration startTimeout) {
        StoreSettings s = settings;
        return new StoreSettings(s.endpoints(), s.prefix(), s.user(), s.password(), s.caFile(), s.certFile(),
                s.keyFile(), s.sealKeyFile(), work, staleStart, startTimeout, s.writeTimeout(), s.resync());
    }

    private static byte[] policy() {
        return """
                {"version": "2.0", "statement": [{"effect": "allow", "action": ["name/cos:GetObject"],
                 "resource": ["*"]}]}""".getBytes(StandardCharsets.UTF_8);
    }
}
