package io.camgate.store;

import io.camgate.authz.PolicySet;
import io.camgate.authz.Snapshot;
import io.camgate.authz.index.EngineKind;
import io.camgate.config.ConfigEdit;
import io.camgate.config.ConfigLoader;
import io.camgate.config.ConfigReloader;
import io.camgate.config.GatewaySettingsLoader;
import io.camgate.config.LoadedConfig;
import io.camgate.config.StoreSettings;
import io.camgate.identity.Directory;
import io.camgate.policy.PolicyException;
import io.etcd.jetcd.Client;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replica in store mode: the etcd client, the mirror, the writer and the reloader the mirror
 * feeds. Opening waits (on the starting thread, bounded by {@code startTimeout}) for the first
 * full read. A replica that cannot read the store by then starts unready with a snapshot that
 * knows no one (every request is refused), and becomes ready when the first read succeeds;
 * unless {@code allowStaleStart} is set and {@code workDir} holds a copy a previous run left,
 * which it then serves, flagged stale, until it catches up. Stale start is opt-in because an old
 * copy can hold a key that was deleted since.
 */
public final class StoreMode implements AutoCloseable {
    /** The revision of the snapshot a replica holds before its first read: it knows no one. */
    public static final String UNSYNCED = "none";
    private static final Logger LOG = LoggerFactory.getLogger(StoreMode.class);

    private final StoreSettings settings;
    private final Client client;
    private final StoreMirror mirror;
    private final StoreWriter writer;
    private final ConfigReloader reloader;
    private final boolean staleStart;
    private final Path workDir;
    private final boolean temporaryWorkDir;

    private StoreMode(StoreSettings settings, Client client, StoreMirror mirror, StoreWriter writer,
            ConfigReloader reloader, boolean staleStart, Path workDir, boolean temporaryWorkDir) {
        this.settings = settings;
        this.client = client;
        this.mirror = mirror;
        this.writer = writer;
        this.reloader = reloader;
        this.staleStart = staleStart;
        this.workDir = workDir;
        this.temporaryWorkDir = temporaryWorkDir;
    }

    /**
     * Connects to the store {@code settings} names and opens the live reloader on it; camgate.yaml
     * stays in {@code dir}.
     *
     * @throws PolicyException when what the store holds, or camgate.yaml, does not validate
     * @throws IOException     when the seal key, the TLS files or the working copy cannot be used
     */
    public static StoreMode open(Path dir, StoreSettings settings, ConfigLoader loader,
            GatewaySettingsLoader settingsLoader, EngineKind kind)
            throws PolicyException, IOException, InterruptedException {
        Optional<SecretSeal> seal = settings.sealKey().isPresent()
                ? Optional.of(SecretSeal.fromFile(settings.sealKey().get())) : Optional.empty();
        boolean temporary = settings.workDir() == null;
        Path work = temporary ? Files.createTempDirectory("camgate-store-") : settings.workDir();
        Files.createDirectories(work);
        Client client = EtcdConnection.connect(settings);
        StoreKeys keys = new StoreKeys(settings.prefix());
        StoreMirror mirror = new StoreMirror(client, keys, seal, settings.resync());
        AtomicReference<ConfigReloader> fed = new AtomicReference<>();
        mirror.start(() -> {
            ConfigReloader r = fed.get();
            if (r != null) {
                r.requestReload();
            }
        });
        try {
            LoadedConfig initial;
            boolean stale = false;
            if (mirror.awaitFirstSync(settings.startTimeout())) {
                String revision = mirror.materialize(work);
                initial = LoadedConfig.read(dir, work, loader, settingsLoader, LoadedConfig.Settings.REQUIRED, 1)
                        .withRevision(revision);
            } else if (settings.allowStaleStart() && Files.isRegularFile(work.resolve(ConfigLoader.ACCOUNTS_FILE))) {
                LOG.warn("the store {} does not answer; serving the copy a previous run left in {}, flagged stale",
                        settings.endpoints(), work);
                LoadedConfig old = LoadedConfig.read(dir, work, loader, settingsLoader,
                        LoadedConfig.Settings.REQUIRED, 1);
                initial = old.withRevision("stale:" + old.snapshot().revision());
                stale = true;
            } else {
                LOG.warn("the store {} does not answer; not ready until it does", settings.endpoints());
                initial = new LoadedConfig(new Snapshot(1, UNSYNCED, Directory.empty(),
                        new PolicySet(Map.of(), Map.of())), Optional.of(settingsLoader.load(dir)));
            }
            ConfigReloader reloader = ConfigReloader.openFed(dir, work, mirror, loader, settingsLoader, initial, kind);
            reloader.addListener(mirror);
            mirror.published(reloader.current());
            fed.set(reloader);
            if (mirror.synced() && PublishedRevision.of(reloader.current().revision()) < mirror.revision()) {
                reloader.requestReload();
            }
            return new StoreMode(settings, client, mirror, new StoreWriter(client, keys, seal), reloader, stale,
                    work, temporary);
        } catch (PolicyException | IOException | RuntimeException | InterruptedException e) {
            mirror.close();
            client.close();
            throw e;
        }
    }

    /** The live reloader, fed by the mirror. */
    public ConfigReloader reloader() {
        return reloader;
    }

    /** The mirror. */
    public StoreMirror mirror() {
        return mirror;
    }

    /** The writer CAM API changes go through. */
    public StoreWriter writer() {
        return writer;
    }

    /** The settings. */
    public StoreSettings settings() {
        return settings;
    }

    /**
     * Ready once the store was read (or a stale start was allowed and taken); a store that becomes
     * unreachable later leaves a replica ready on its last good snapshot.
     */
    public boolean ready() {
        return staleStart || (mirror.synced() && !UNSYNCED.equals(reloader.current().revision()));
    }

    /** Whether the snapshot in force came from a previous run's copy and the store has not been read since. */
    public boolean stale() {
        return PublishedRevision.of(reloader.current().revision()) == 0;
    }

    @Override
    public void close() {
        mirror.close();
        client.close();
        if (temporaryWorkDir) {
            try {
                ConfigEdit.deleteTree(workDir);
            } catch (IOException e) {
                LOG.debug("cannot remove the working copy {}: {}", workDir, e.toString());
            }
        }
    }
}
