package io.camgate.authz.index;

import io.camgate.authz.Snapshot;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one publication point of the current snapshot. A reload builds a whole snapshot, and
 * its engine, off the request path and then swaps it in atomically; requests read
 * {@link #current()} once and keep what they got. Generations only grow: a snapshot that is
 * not newer than the current one is refused, so a slow reload cannot undo a newer one.
 */
public final class SnapshotHolder {
    private final EngineKind kind;
    private final AtomicReference<Published> current;

    /** A holder that starts with {@code initial} and builds engines of {@code kind}. */
    public SnapshotHolder(Snapshot initial, EngineKind kind) {
        this.kind = kind;
        this.current = new AtomicReference<>(new Published(initial, Engines.forSnapshot(initial, kind)));
    }

    /** A holder that starts with {@code initial} and decides with the compiled index. */
    public SnapshotHolder(Snapshot initial) {
        this(initial, EngineKind.INDEX);
    }

    /** What a request should use: the latest published snapshot and its engine. */
    public Published current() {
        return current.get();
    }

    /** The generation of the current snapshot. */
    public long generation() {
        return current.get().generation();
    }

    /** The revision of the current snapshot. */
    public String revision() {
        return current.get().revision();
    }

    /**
     * Builds the engine for {@code next} and makes it current.
     *
     * @return what was published
     * @throws IllegalArgumentException when {@code next} is not newer than the current snapshot
     */
    public Published publish(Snapshot next) {
        return publish(prepare(next));
    }

    /** Builds the engine for {@code next} without publishing it, so that what goes with it can be made ready first. */
    public Published prepare(Snapshot next) {
        return new Published(next, Engines.forSnapshot(next, kind));
    }

    /**
     * Makes {@code published} (from {@link #prepare}) current.
     *
     * @return {@code published}
     * @throws IllegalArgumentException when it is not newer than the current snapshot
     */
    public Published publish(Published published) {
        while (true) {
            Published now = current.get();
            if (published.generation() <= now.generation()) {
                throw new IllegalArgumentException("snapshot generation " + published.generation()
                        + " is not newer than the current " + now.generation());
            }
            if (current.compareAndSet(now, published)) {
                return published;
            }
        }
    }
}
