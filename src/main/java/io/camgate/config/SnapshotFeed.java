package io.camgate.config;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a reloader's snapshot files come from when they are not the configuration directory's
 * own: the shared store's mirror writes its current state into the working copy and says which
 * revision that is. Called on the reload thread only, right before the working copy is read,
 * so that what is read is one revision, whole.
 */
public interface SnapshotFeed {
    /**
     * Writes the files as they are now into {@code workingCopy}.
     *
     * @return the revision they are at, e.g. {@code etcd:42}
     * @throws IOException when the working copy cannot be written; the reload is rejected
     */
    String materialize(Path workingCopy) throws IOException;
}
