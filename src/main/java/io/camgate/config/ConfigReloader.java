package io.camgate.config;

import io.camgate.authz.index.EngineKind;
import io.camgate.authz.index.Published;
import io.camgate.authz.index.SnapshotHolder;
import io.camgate.policy.PolicyException;
import io.camgate.policy.PolicyProblem;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the live snapshot of one configuration directory and reloads it: when the directory
 * changes, on SIGHUP, and when asked (the admin API). Each reload reads and validates the whole
 * directory on the reload thread, off the request path, and publishes the result through the
 * {@link SnapshotHolder} in one atomic swap with the next generation. A directory that fails
 * validation is not published: the last good snapshot stays, and the failure is logged with
 * every problem's file, pointer and reason, and counted. A reloader opened for serving
 * ({@link #openServing}) validates camgate.yaml on every reload too, refuses (and counts
 * apart) a camgate.yaml that changes what only a restart can change, and stages the new
 * settings with the listeners before the snapshot is swapped in.
 *
 * <p>The watcher watches the directory itself and its direct subdirectories, never single
 * files: Kubernetes updates a mounted ConfigMap by swapping a {@code ..data} symlink, which
 * shows up as entries created and moved in the directory. Bursts of events (an editor's
 * save, a swap) are folded into one reload after a quiet period.
 */
public final class ConfigReloader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigReloader.class);

    private final Path dir;
    /** Where accounts and policies are read: {@code dir}, or the working copy a {@link SnapshotFeed} fills. */
    private final Path snapshotDir;
    private final SnapshotFeed feed;
    private final ConfigLoader loader;
    private final SnapshotHolder holder;
    private final ExecutorService reloads;
    private final List<ReloadListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();
    private final GatewaySettingsLoader settingsLoader;
    private final LoadedConfig.Settings which;
    /** camgate.yaml as last published (as read from the file, before any command-line override), or null. */
    private volatile GatewaySettings settings;
    private volatile ReloadOutcome last;
    private volatile WatchService watcher;
    private volatile Thread watchThread;
    private HangupSignal hangup;

    private ConfigReloader(Path dir, ConfigLoader loader, GatewaySettingsLoader settingsLoader, LoadedConfig initial,
            EngineKind kind, String name) {
        this(dir, dir, null, loader, settingsLoader, initial, kind, name);
    }

    private ConfigReloader(Path dir, Path snapshotDir, SnapshotFeed feed, ConfigLoader loader,
            GatewaySettingsLoader settingsLoader, LoadedConfig initial, EngineKind kind, String name) {
        this.dir = dir;
        this.snapshotDir = snapshotDir;
        this.feed = feed;
        this.loader = loader;
        this.settingsLoader = settingsLoader;
        this.which = settingsLoader == null ? LoadedConfig.Settings.IGNORED : LoadedConfig.Settings.REQUIRED;
        this.settings = initial.settings().orElse(null);
        this.holder = new SnapshotHolder(initial.snapshot(), kind);
        this.reloads = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "camgate-reload-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Loads {@code dir} as generation 1. Nothing watches it until {@link #watch} is called.
     *
     * @param name a short name for thread names and logs, e.g. {@code live} or {@code shadow}
     * @throws PolicyException when the directory is not valid: there is no last good snapshot
     */
    public static ConfigReloader open(Path dir, ConfigLoader loader, EngineKind kind, String name)
            throws PolicyException {
        return new ConfigReloader(dir, loader, null, new LoadedConfig(loader.load(dir, 1), Optional.empty()), kind,
                name);
    }

    /**
     * Loads {@code dir} with its camgate.yaml as generation 1, for serving: every reload then
     * validates camgate.yaml too, refuses a change to what only a restart can change
     * ({@link ReloadOutcome.Result#REFUSED}), and hands the new settings to the listeners
     * together with the snapshot ({@link ReloadListener#staging}).
     *
     * @throws PolicyException when the directory or camgate.yaml is not valid
     */
    public static ConfigReloader openServing(Path dir, ConfigLoader loader, GatewaySettingsLoader settingsLoader,
            EngineKind kind) throws PolicyException {
        LoadedConfig initial = LoadedConfig.read(dir, loader, settingsLoader, LoadedConfig.Settings.REQUIRED, 1);
        return new ConfigReloader(dir, loader, settingsLoader, initial, kind, "live");
    }

    /**
     * Opens a reloader whose camgate.yaml is in {@code dir} and whose accounts and policies are
     * the working copy {@code feed} fills before every reload: the shared store's mode. It starts
     * with {@code initial}, which the caller read (or made, before the first sync).
     */
    public static ConfigReloader openFed(Path dir, Path workingCopy, SnapshotFeed feed, ConfigLoader loader,
            GatewaySettingsLoader settingsLoader, LoadedConfig initial, EngineKind kind) {
        return new ConfigReloader(dir, workingCopy, feed, loader, settingsLoader, initial, kind, "live");
    }

    /** The directory accounts and policies are read from (the working copy in store mode). */
    public Path directory() {
        return snapshotDir;
    }

    /** Where requests take the current snapshot from. */
    public SnapshotHolder holder() {
        return holder;
    }

    /** The current snapshot and engine. */
    public Published current() {
        return holder.current();
    }

    /** Adds a listener; it hears every later reload, on the reload thread. */
    public void addListener(ReloadListener listener) {
        listeners.add(listener);
    }

    /** How many snapshots were published by reloads (the initial load not counted). */
    public long reloads() {
        return published.get();
    }

    /** How many reloads were rejected because a file did not validate. */
    public long failures() {
        return failures.get();
    }

    /** How many valid reloads were refused because camgate.yaml changed what takes a restart. */
    public long refusals() {
        return refusals.get();
    }

    /** The problems of the last reload that was not published, or empty when the last reload was published. */
    public List<PolicyProblem> lastProblems() {
        ReloadOutcome outcome = last;
        return outcome == null ? List.of() : outcome.problems();
    }

    /** What the last reload did, empty before the first. */
    public Optional<ReloadOutcome> lastOutcome() {
        return Optional.ofNullable(last);
    }

    /**
     * Reloads now and waits for the outcome. Reloads run one at a time, in order.
     *
     * @throws IllegalStateException when the reload thread failed unexpectedly
     */
    public ReloadOutcome reload() {
        Future<ReloadOutcome> outcome = reloads.submit(this::reloadOnThread);
        try {
            return outcome.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reloading", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reload failed", e.getCause());
        }
    }

    /** Schedules a reload and returns at once; what it did reaches the listeners. */
    public void requestReload() {
        reloads.execute(this::reloadOnThread);
    }

    private ReloadOutcome reloadOnThread() {
        long next = holder.generation() + 1;
        LoadedConfig read;
        try {
            String revision = feed == null ? null : feed.materialize(snapshotDir);
            read = LoadedConfig.read(dir, snapshotDir, loader, settingsLoader, which, next);
            if (revision != null) {
                read = read.withRevision(revision);
            }
        } catch (IOException e) {
            return notPublished(ReloadOutcome.Result.REJECTED,
                    List.of(new PolicyProblem(snapshotDir.toString(), "", "cannot write the working copy: " + e)),
                    "failed");
        } catch (PolicyException e) {
            return notPublished(ReloadOutcome.Result.REJECTED, e.problems(), "rejected");
        } catch (RuntimeException e) {
            LOG.error("reload of {} failed unexpectedly, generation {} stays", dir, next - 1, e);
            return notPublished(ReloadOutcome.Result.REJECTED,
                    List.of(new PolicyProblem(dir.toString(), "", "cannot load: " + e)), "failed");
        }
        LoadedConfig loaded = read;
        GatewaySettings running = settings;
        if (running != null && loaded.settings().isPresent()) {
            List<PolicyProblem> restart = RestartOnlySettings.changes(
                    dir.resolve(GatewaySettingsLoader.FILE).toString(), running, loaded.settings().get());
            if (!restart.isEmpty()) {
                return notPublished(ReloadOutcome.Result.REFUSED, restart, "refused");
            }
        }
        Published staged = holder.prepare(loaded.snapshot());
        try {
            listeners.forEach(l -> l.staging(staged, loaded.settings()));
        } catch (RuntimeException e) {
            // nothing staged is in force before the swap below, so the last good configuration still is
            LOG.error("reload of {} could not be staged, generation {} stays", dir, next - 1, e);
            return notPublished(ReloadOutcome.Result.REJECTED,
                    List.of(new PolicyProblem(dir.toString(), "", "cannot apply: " + e)), "failed");
        }
        Published now = holder.publish(staged);
        loaded.settings().ifPresent(s -> settings = s);
        published.incrementAndGet();
        last = new ReloadOutcome(ReloadOutcome.Result.PUBLISHED, now.generation(), now.revision(), List.of());
        LOG.info("reloaded {}: generation {}, revision {}", dir, now.generation(), now.revision());
        listeners.forEach(l -> l.published(now));
        registerAll();
        return last;
    }

    /** Keeps the last good configuration, says why, counts it and tells the listeners. */
    private ReloadOutcome notPublished(ReloadOutcome.Result result, List<PolicyProblem> problems, String verb) {
        (result == ReloadOutcome.Result.REFUSED ? refusals : failures).incrementAndGet();
        Published kept = holder.current();
        last = new ReloadOutcome(result, kept.generation(), kept.revision(), List.copyOf(problems));
        LOG.warn("reload of {} {}, generation {} (revision {}) stays: {} problem(s)", dir, verb, kept.generation(),
                kept.revision(), problems.size());
        for (PolicyProblem p : problems) {
            LOG.warn("  {} at {}: {}", p.file(), p.pointer().isEmpty() ? "/" : p.pointer(), p.reason());
        }
        PolicyException why = new PolicyException(problems);
        listeners.forEach(l -> l.rejected(dir, why));
        registerAll();
        return last;
    }

    /**
     * Starts watching the directory; a change is reloaded once no further event has come for
     * {@code quiet}.
     *
     * @throws IOException when the directory cannot be watched
     */
    public synchronized void watch(Duration quiet) throws IOException {
        if (watcher != null) {
            throw new IllegalStateException("already watching");
        }
        watcher = dir.getFileSystem().newWatchService();
        registerAll();
        Thread t = new Thread(() -> watchLoop(quiet.toMillis()), "camgate-watch-" + dir.getFileName());
        t.setDaemon(true);
        watchThread = t;
        t.start();
    }

    /**
     * Reloads on SIGHUP where the JVM lets us handle it; logs and goes on where it does not.
     *
     * @return whether the handler is installed
     */
    public synchronized boolean reloadOnHangup() {
        if (hangup == null) {
            hangup = HangupSignal.install(this::requestReload);
        }
        return hangup != null;
    }

    /**
     * Registers the directory and its direct subdirectories. Called again after each reload,
     * because a swapped symlink or a recreated folder is a new directory to the kernel.
     */
    private void registerAll() {
        WatchService w = watcher;
        if (w == null) {
            return;
        }
        try {
            register(w, dir);
            try (Stream<Path> children = Files.list(dir)) {
                for (Path child : (Iterable<Path>) children::iterator) {
                    if (Files.isDirectory(child) && !child.getFileName().toString().startsWith("..")) {
                        register(w, child);
                    }
                }
            }
        } catch (IOException | ClosedWatchServiceException e) {
            LOG.warn("cannot watch {} fully: {}", dir, e.toString());
        }
    }

    private static void register(WatchService w, Path p) throws IOException {
        p.register(w, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
    }

    private void watchLoop(long quietMillis) {
        WatchService w = watcher;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                WatchKey key = w.take();
                drain(key);
                // fold the burst: wait until the directory has been quiet for a while
                WatchKey more;
                while ((more = w.poll(quietMillis, TimeUnit.MILLISECONDS)) != null) {
                    drain(more);
                }
                requestReload();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    /** Stops watching, restores the SIGHUP handler and stops the reload thread. */
    @Override
    public synchronized void close() {
        if (hangup != null) {
            hangup.restore();
            hangup = null;
        }
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException e) {
                LOG.debug("closing the watcher: {}", e.toString());
            }
            watchThread.interrupt();
        }
        reloads.shutdownNow();
    }
}
