package io.camgate.config;

import io.camgate.authz.Snapshot;
import io.camgate.policy.PolicyException;
import io.camgate.policy.PolicyProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A whole configuration directory, read and validated at once: the snapshot (accounts.yaml and
 * the policies) and, where it is read, camgate.yaml. Every file is read even when an earlier
 * one has problems, so that one pass reports all of them.
 *
 * @param snapshot the validated snapshot
 * @param settings camgate.yaml, when it was read
 */
public record LoadedConfig(Snapshot snapshot, Optional<GatewaySettings> settings) {
    /** Whether camgate.yaml is read, and whether it must be there. */
    public enum Settings {
        /** Not read (a shadow directory). */
        IGNORED,
        /** Read when present (check). */
        OPTIONAL,
        /** Read, and a problem when missing (the served directory). */
        REQUIRED
    }

    /**
     * Reads and validates {@code dir}.
     *
     * @throws PolicyException with every problem of every file, each with file, pointer and reason
     */
    public static LoadedConfig read(Path dir, ConfigLoader loader, GatewaySettingsLoader settingsLoader,
            Settings which, long generation) throws PolicyException {
        return read(dir, dir, loader, settingsLoader, which, generation);
    }

    /**
     * Reads camgate.yaml from {@code dir} and the snapshot from {@code snapshotDir} (the store's
     * working copy, or {@code dir} itself).
     *
     * @throws PolicyException with every problem of every file, each with file, pointer and reason
     */
    public static LoadedConfig read(Path dir, Path snapshotDir, ConfigLoader loader,
            GatewaySettingsLoader settingsLoader, Settings which, long generation) throws PolicyException {
        List<PolicyProblem> problems = new ArrayList<>();
        Snapshot snapshot = null;
        try {
            snapshot = loader.load(snapshotDir, generation);
        } catch (PolicyException e) {
            problems.addAll(e.problems());
        }
        GatewaySettings settings = null;
        if (which == Settings.REQUIRED && !GatewaySettingsLoader.present(dir)) {
            problems.add(new PolicyProblem(dir.resolve(GatewaySettingsLoader.FILE).toString(), "",
                    "missing: the gateway was started with it, and serves by it"));
        } else if (which != Settings.IGNORED && GatewaySettingsLoader.present(dir)) {
            try {
                settings = settingsLoader.load(dir);
            } catch (PolicyException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new PolicyException(problems);
        }
        return new LoadedConfig(snapshot, Optional.ofNullable(settings));
    }

    /** The same, its snapshot named {@code revision} (the store's) instead of by the files' digest. */
    public LoadedConfig withRevision(String revision) {
        return new LoadedConfig(new Snapshot(snapshot.generation(), revision, snapshot.directory(),
                snapshot.policies()), settings);
    }
}
