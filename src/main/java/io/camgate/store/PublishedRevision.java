package io.camgate.store;

import java.time.Duration;

/**
 * The store revision of the snapshot in force, and a bounded wait for it to reach a revision: a
 * CAM write is answered once its own replica has published the write's commit.
 */
final class PublishedRevision {
    /** How a snapshot revision from the store starts: {@code etcd:N}. */
    static final String PREFIX = "etcd:";

    private long revision;

    /** The numeric revision of a snapshot revision {@code etcd:N}, or 0 for another kind. */
    static long of(String snapshotRevision) {
        if (snapshotRevision == null || !snapshotRevision.startsWith(PREFIX)) {
            return 0;
        }
        return Long.parseLong(snapshotRevision.substring(PREFIX.length()));
    }

    /** A snapshot at store revision {@code n} was published (0: not from the store). */
    synchronized void saw(long n) {
        if (n > revision) {
            revision = n;
            notifyAll();
        }
    }

    /** The highest store revision published. */
    synchronized long get() {
        return revision;
    }

    /** Waits until {@code n} or later is published, at most {@code timeout}; whether it is. */
    boolean await(long n, Duration timeout) throws InterruptedException {
        return Monitors.await(this, () -> revision >= n, timeout);
    }
}
