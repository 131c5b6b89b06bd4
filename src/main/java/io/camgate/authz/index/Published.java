package io.camgate.authz.index;

import io.camgate.authz.PolicyEngine;
import io.camgate.authz.Snapshot;

/**
 * A snapshot as published, with the engine that decides for it. A request takes one
 * {@code Published} when it starts and uses it to the end, whatever is published meanwhile.
 *
 * @param snapshot the snapshot
 * @param engine   the engine built for exactly that snapshot
 */
public record Published(Snapshot snapshot, PolicyEngine engine) {
    /** The snapshot's generation. */
    public long generation() {
        return snapshot.generation();
    }

    /** What the snapshot holds, the same on every replica serving the same content. */
    public String revision() {
        return snapshot.revision();
    }
}
