package io.camgate.config;

import io.camgate.authz.index.Published;
import io.camgate.policy.PolicyException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Hears what a {@link ConfigReloader} did: a snapshot staged and published, or a directory
 * rejected or refused. Every call comes on the reload thread, one reload at a time.
 */
public interface ReloadListener {
    /**
     * A snapshot is about to become current, with the camgate.yaml read beside it (empty when
     * the reloader does not read camgate.yaml). Whatever must change together with the
     * snapshot is prepared here, before any request can see it.
     */
    default void staging(Published next, Optional<GatewaySettings> settings) {
    }

    /** A new snapshot is current. */
    default void published(Published published) {
    }

    /** The directory failed validation or asked for a change only a restart makes; the last good one stays. */
    default void rejected(Path dir, PolicyException problems) {
    }
}
