package io.camgate.proxy;

import io.camgate.authz.index.Published;
import io.camgate.authz.index.SnapshotHolder;
import io.camgate.proxy.upstream.RouteTable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the data plane serves by: the published snapshot and the route table of the
 * camgate.yaml published with it. A request takes both in one read ({@link #current()}) and
 * keeps them to its end, so it is decided and forwarded by one configuration, whatever is
 * published meanwhile.
 *
 * <p>The snapshot holder stays the one publication point. A reload stages the new routes for
 * the snapshot it is about to publish ({@link #stage}); the first request that sees that
 * snapshot takes the staged routes with it. A snapshot published without staged routes (the
 * policies changed, camgate.yaml was not read) keeps the routes in force.
 */
final class ServedConfig {
    /**
     * One configuration as requests use it.
     *
     * @param published the snapshot and its engine
     * @param routes    where allowed requests go
     */
    record Current(Published published, RouteTable routes) {
    }

    private final SnapshotHolder snapshots;
    private final AtomicReference<Current> current;
    private volatile Current staged;

    /** Serves whatever {@code snapshots} holds, with {@code routes} until a reload stages others. */
    public ServedConfig(SnapshotHolder snapshots, RouteTable routes) {
        this.snapshots = snapshots;
        this.current = new AtomicReference<>(new Current(snapshots.current(), routes));
    }

    /** The configuration a request starts with. */
    Current current() {
        // the pair first: its snapshot is never newer than the holder's, so the swap below only moves forward
        Current pair = current.get();
        Published latest = snapshots.current();
        if (pair.published() == latest) {
            return pair;
        }
        Current next = staged;
        if (next == null || next.published() != latest) {
            next = new Current(latest, pair.routes());
        }
        current.compareAndSet(pair, next);
        return next;
    }

    /** Stages {@code routes} to take effect with {@code next}, once it is published. */
    void stage(Published next, RouteTable routes) {
        staged = new Current(next, routes);
    }
}
