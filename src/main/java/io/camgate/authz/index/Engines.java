package io.camgate.authz.index;

import io.camgate.authz.PolicyEngine;
import io.camgate.authz.ReferenceEvaluator;
import io.camgate.authz.Snapshot;

/** Gives the engine that decides for a snapshot. */
public final class Engines {
    private Engines() {
    }

    /** The compiled index over {@code snapshot}. */
    public static PolicyEngine forSnapshot(Snapshot snapshot) {
        return forSnapshot(snapshot, EngineKind.INDEX);
    }

    /** The engine of {@code kind} over {@code snapshot}. */
    public static PolicyEngine forSnapshot(Snapshot snapshot, EngineKind kind) {
        return switch (kind) {
            case INDEX -> new IndexedEngine(snapshot);
            case REFERENCE -> new ReferenceEvaluator(snapshot);
        };
    }
}
