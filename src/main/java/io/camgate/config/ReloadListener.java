package io.camgate.config;

import io.camgate.authz.index.Published;
import io.camgate.policy.PolicyException;
import java.nio.file.Path;

/** Hears what a {@link ConfigReloader} did: a snapshot published, or a directory rejected. */
public interface ReloadListener {
    /** A new snapshot is current. */
    default void published(Published published) {
    }

    /** The directory failed validation; the last good snapshot stays. */
    default void rejected(Path dir, PolicyException problems) {
    }
}
