package io.camgate.store;

import io.camgate.authz.index.Published;
import io.camgate.config.ReloadListener;
import io.camgate.config.SnapshotFeed;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica's copy of the store. It reads every file key in pages at one pinned revision,
 * then watches the prefix from the next revision; jetcd resumes a broken watch from the last
 * revision it delivered. A watch that finds its revision compacted, or ends, is replaced by a
 * fresh read. A full re-read every {@code resync} (±50%, so replicas do not re-read together)
 * backs the watch up, and publishes nothing when nothing changed. A probe every
 * {@link #PROBE} reads {@code meta/seq} and asks the watch for progress, so that a store that
 * went silent (paused, partitioned) shows as disconnected and stale instead of idle.
 *
 * <p>All of that runs on one thread of its own ({@code camgate-store}); jetcd's callbacks only
 * hand their responses to it. The reloader reads the mirror through {@link #materialize} on its
 * reload thread, and hears about changes through the {@code onChange} given to {@link #start};
 * nothing here runs on, or blocks, an event loop.
 *
 * <p>The revision a snapshot carries, {@code etcd:N}, is the highest mod revision under the
 * prefix: the revision of the last change, the same on every replica that has seen it. While
 * an import written in several transactions is under way ({@code meta/import}), the mirror
 * follows it but publishes, and lets writes check out, only the state before it.
 */
public final class StoreMirror implements SnapshotFeed, ReloadListener, AutoCloseable {
    /** How often the link is probed. */
    static final Duration PROBE = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(StoreMirror.class);

    private final Client client;
    private final StoreKeys keys;
    private final Optional<SecretSeal> seal;
    private final Duration resync;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "camgate-store");
        t.setDaemon(true);
        return t;
    });
    private final Object lock = new Object();
    /** Guarded by {@link #lock}: relative path to content as stored (secrets sealed). */
    private TreeMap<String, byte[]> files = new TreeMap<>();
    /** Guarded by {@link #lock}. */
    private long contentRevision;
    /** Guarded by {@link #lock}: the mod revision of meta/seq, which writes compare against. */
    private long seqRevision;
    /** Guarded by {@link #lock}: whether an import in several transactions is under way. */
    private boolean importing;
    /** Guarded by {@link #lock}: the last state with no import under way, the one published; null before one. */
    private Held held;
    private volatile boolean synced;
    private volatile boolean connected;
    private volatile long lastHeardNanos = System.nanoTime();
    private final PublishedRevision published = new PublishedRevision();
    private final AtomicLong relists = new AtomicLong();
    private Watch.Watcher watcher;
    /** How many watches were opened; only the store thread touches it. */
    private long watches;
    private Runnable onChange = () -> { };
    private volatile boolean closed;

    /** A mirror of the store {@code client} reaches, under {@code keys}. */
    public StoreMirror(Client client, StoreKeys keys, Optional<SecretSeal> seal, Duration resync) {
        this.client = client;
        this.keys = keys;
        this.seal = seal;
        this.resync = resync;
    }

    /** Starts reading and watching; {@code onChange} is run (on the store thread) after each change. */
    public void start(Runnable changed) {
        thread.execute(() -> {
            onChange = changed;
            relistAndWatch();
        });
        thread.scheduleWithFixedDelay(this::probe, PROBE.toMillis(), PROBE.toMillis(), TimeUnit.MILLISECONDS);
        scheduleResync();
    }

    /** Waits until the first full read has succeeded, at most {@code timeout}; whether it has. */
    public boolean awaitFirstSync(Duration timeout) throws InterruptedException {
        return Monitors.await(lock, () -> synced, timeout);
    }

    /** Whether the mirror has read the store at least once since the process started. */
    public boolean synced() {
        return synced;
    }

    /** Whether the last probe reached the store. */
    public boolean connected() {
        return connected;
    }

    /** Waits until {@link #connected()} is {@code want}, at most {@code timeout}; whether it is. */
    public boolean awaitConnected(boolean want, Duration timeout) throws InterruptedException {
        return Monitors.await(lock, () -> connected == want, timeout);
    }

    private void connected(boolean now) {
        if (connected != now) {
            if (now) {
                LOG.info("the store {} answers", keys.prefix());
            }
            synchronized (lock) {
                connected = now;
                lock.notifyAll();
            }
        }
    }

    /** Seconds since the store was last heard from (a probe, a watch response). */
    public double stalenessSeconds() {
        return (System.nanoTime() - lastHeardNanos) / 1e9;
    }

    /** The revision of the last complete change the mirror holds, the one it publishes (0 before the first read). */
    public long revision() {
        synchronized (lock) {
            return held == null ? 0 : held.revision();
        }
    }

    /** The store revision of the snapshot in force (0 before one from the store was published). */
    public long publishedRevision() {
        return published.get();
    }

    /** How many full reads ran (start, compaction, the safety net, a lost watch). */
    public long relists() {
        return relists.get();
    }

    /**
     * Waits until the snapshot in force is at store revision {@code revision} or later, at most
     * {@code timeout}. Runs on the caller's thread, which must not be an event loop.
     */
    public boolean awaitPublished(long revision, Duration timeout) throws InterruptedException {
        return published.await(revision, timeout);
    }

    @Override
    public void published(Published snapshot) {
        published.saw(PublishedRevision.of(snapshot.revision()));
    }

    @Override
    public String materialize(Path workingCopy) throws IOException {
        return PublishedRevision.PREFIX + writeOut(workingCopy)[0];
    }

    /**
     * Writes the files as they are now into {@code dir} (secrets opened), for a change to be made
     * against them; returns the mod revision of {@code meta/seq} they are at, to condition the write on.
     */
    public long checkout(Path dir) throws IOException {
        return writeOut(dir)[1];
    }

    /** Writes one consistent state into {@code dir}; returns its revision and its meta/seq mod revision. */
    private long[] writeOut(Path dir) throws IOException {
        Held now;
        synchronized (lock) {
            now = held == null ? new Held(Map.of(), 0, 0) : held;
        }
        WorkingCopy.write(dir, now.files(), seal);
        return new long[] {now.revision(), now.seq()};
    }

    /** One complete state of the store: its files, its revision, the mod revision of meta/seq. */
    private record Held(Map<String, byte[]> files, long revision, long seq) { }

    /** Keeps the state just read or watched as the one to publish unless an import is under way; whether it did. */
    private boolean hold() {
        if (importing) {
            return false;
        }
        held = new Held(files, contentRevision, seqRevision);
        synced = true;
        lock.notifyAll();
        return true;
    }

    private void relistAndWatch() {
        if (closed) {
            return;
        }
        try {
            long pinned = relist();
            watch(pinned + 1);
        } catch (Exception e) {
            // the probe retries while nothing is synced; a synced mirror keeps its copy meanwhile
            connected(false);
            LOG.warn("cannot read the store {}: {}", keys.prefix(), describe(e));
            thread.schedule(this::relistAndWatch, PROBE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Reads every file key at one revision; returns that revision. */
    private long relist() throws Exception {
        relists.incrementAndGet();
        StoreRead read = StoreRead.of(client, keys, PROBE.multipliedBy(5));
        heard();
        boolean changed;
        synchronized (lock) {
            changed = held == null || !WorkingCopy.same(held.files(), read.files()) || held.revision() != read.revision();
            files = new TreeMap<>(read.files());
            contentRevision = read.revision();
            seqRevision = read.seq();
            importing = read.importing();
            changed &= hold();
        }
        if (changed) {
            onChange.run();
        }
        return read.pinned();
    }

    /** Watches again from {@code fromRevision}, as jetcd resumes a broken watch; tests resume from a compacted one. */
    Future<?> watchFrom(long fromRevision) {
        return thread.submit(() -> watch(fromRevision));
    }

    /** Runs the safety-net re-read now; done when it is. */
    Future<?> resyncNow() {
        return thread.submit(() -> {
            relist();
            return null;
        });
    }

    private void watch(long fromRevision) {
        // callbacks of a watch that was replaced (closing it completes it) are ignored by its number
        long number = ++watches;
        if (watcher != null) {
            watcher.close();
        }
        WatchOption option = WatchOption.builder().isPrefix(true).withRevision(fromRevision)
                .withProgressNotify(true).build();
        watcher = client.getWatchClient().watch(StoreKeys.bytes(keys.prefix()), option, Watch.listener(
                response -> onStoreThread(() -> {
                    if (number == watches) {
                        apply(response);
                    }
                }),
                error -> onStoreThread(() -> {
                    if (number == watches) {
                        watchFailed(error);
                    }
                }),
                () -> onStoreThread(() -> {
                    if (number == watches) {
                        watchEnded();
                    }
                })));
    }

    /** Hands a jetcd callback to the store thread; after {@link #close} there is nothing left to do with it. */
    private void onStoreThread(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException e) {
            // closing: the client's own close completes the watch
        }
    }

    private void apply(WatchResponse response) {
        heard();
        if (response.getEvents().isEmpty()) {
            return;
        }
        synchronized (lock) {
            TreeMap<String, byte[]> next = new TreeMap<>(files);
            for (WatchEvent e : response.getEvents()) {
                KeyValue kv = e.getKeyValue();
                String relative = keys.relative(kv.getKey());
                boolean put = e.getEventType() == WatchEvent.EventType.PUT;
                if (relative != null) {
                    if (put) {
                        next.put(relative, kv.getValue().getBytes());
                    } else {
                        next.remove(relative);
                    }
                } else if (kv.getKey().equals(keys.seq())) {
                    seqRevision = put ? kv.getModRevision() : 0;
                } else if (kv.getKey().equals(keys.importMarker())) {
                    importing = put;
                }
                contentRevision = Math.max(contentRevision, kv.getModRevision());
            }
            files = next;
            if (!hold()) {
                return;
            }
        }
        onChange.run();
    }

    private void watchFailed(Throwable error) {
        if (closed) {
            return;
        }
        if (error instanceof CompactedException || error.getCause() instanceof CompactedException) {
            LOG.info("the store's history was compacted past this replica's watch; reading it whole");
            relistAndWatch();
        } else {
            // jetcd re-establishes the watch from its last revision by itself
            connected(false);
            LOG.warn("the store's watch broke: {}", describe(error));
        }
    }

    private void watchEnded() {
        if (!closed) {
            LOG.info("the store's watch ended; reading the store whole");
            relistAndWatch();
        }
    }

    private void probe() {
        try {
            client.getKVClient().get(keys.seq()).get(PROBE.toMillis(), TimeUnit.MILLISECONDS);
            heard();
            Watch.Watcher w = watcher;
            if (w != null) {
                w.requestProgress();
            }
            if (!synced) {
                relistAndWatch();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (connected) {
                LOG.warn("the store does not answer ({}); serving the last good snapshot", describe(e));
            }
            connected(false);
        }
    }

    private void scheduleResync() {
        long mean = resync.toMillis();
        long delay = mean / 2 + ThreadLocalRandom.current().nextLong(mean + 1);
        thread.schedule(() -> {
            try {
                if (synced && !closed) {
                    relist();
                }
            } catch (Exception e) {
                LOG.warn("the periodic re-read of the store failed: {}", describe(e));
            }
            scheduleResync();
        }, delay, TimeUnit.MILLISECONDS);
    }

    private void heard() {
        lastHeardNanos = System.nanoTime();
        connected(true);
    }

    private static String describe(Throwable e) {
        Throwable root = e.getCause() != null ? e.getCause() : e;
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** Stops watching and probing; the client is closed by its owner. */
    @Override
    public void close() {
        closed = true;
        thread.execute(() -> {
            if (watcher != null) {
                watcher.close();
            }
        });
        thread.shutdown();
    }
}
