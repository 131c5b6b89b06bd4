package io.camgate.config;

import io.camgate.authz.Decision;
import io.camgate.authz.Need;
import io.camgate.authz.index.SnapshotHolder;
import io.camgate.identity.Principal;
import io.camgate.policy.ConditionContext;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides each request a second time against the shadow policy set (camgate.yaml's
 * {@code shadow:} directory) and counts where it would have answered otherwise, so a rollout
 * can be watched before it is made live. It never changes the answer: the live decision is
 * what the request gets, whatever the shadow says or throws. Disagreements are logged at most
 * once a second (with how many were not), so a wide change cannot flood the log, and the line
 * is written by the given log executor, never by the event loop that observed it. Cheap enough
 * for the event loop: one more decision, no allocation beyond it.
 */
public final class ShadowComparator {
    private static final Logger LOG = LoggerFactory.getLogger(ShadowComparator.class);
    private static final long LOG_INTERVAL_NANOS = 1_000_000_000L;

    private final SnapshotHolder shadow;
    private final Executor logs;
    /** Counts by live decision (row) and shadow decision (column): deny 0, allow 1. */
    private final LongAdder[][] counts = {{new LongAdder(), new LongAdder()}, {new LongAdder(), new LongAdder()}};
    private final LongAdder errors = new LongAdder();
    private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
    private final AtomicLong unlogged = new AtomicLong();

    /**
     * Compares against whatever {@code shadow} holds at each call.
     *
     * @param logs writes the disagreement lines (a log writer's thread; {@code Runnable::run} in tests)
     */
    public ShadowComparator(SnapshotHolder shadow, Executor logs) {
        this.shadow = shadow;
        this.logs = logs;
    }

    /**
     * Decides {@code needs} against the shadow set and records how it compares with {@code live}.
     *
     * @return {@code live}, always
     */
    public Decision observe(Principal principal, List<Need> needs, ConditionContext context, Decision live) {
        Decision other;
        try {
            other = shadow.current().engine().decideAll(principal, needs, context);
        } catch (RuntimeException e) {
            errors.increment();
            LOG.warn("shadow decision failed; the live answer stands", e);
            return live;
        }
        counts[live.allowed() ? 1 : 0][other.allowed() ? 1 : 0].increment();
        if (live.allowed() != other.allowed()) {
            logDisagreement(principal, needs, live, other);
        }
        return live;
    }

    /** How many decisions were compared with {@code live} as the live answer and {@code shadowAllowed} as the shadow's. */
    public long count(boolean liveAllowed, boolean shadowAllowed) {
        return counts[liveAllowed ? 1 : 0][shadowAllowed ? 1 : 0].sum();
    }

    /** How many decisions the shadow set would have answered otherwise. */
    public long disagreements() {
        return count(true, false) + count(false, true);
    }

    /** How many shadow decisions failed with an error. */
    public long errors() {
        return errors.sum();
    }

    /** The generation of the shadow snapshot in use. */
    public long generation() {
        return shadow.generation();
    }

    private void logDisagreement(Principal principal, List<Need> needs, Decision live, Decision other) {
        long now = System.nanoTime();
        long last = lastLog.get();
        if (now - last < LOG_INTERVAL_NANOS || !lastLog.compareAndSet(last, now)) {
            unlogged.incrementAndGet();
            return;
        }
        Need first = needs.isEmpty() ? null : needs.get(0);
        long skipped = unlogged.getAndSet(0);
        logs.execute(() -> LOG.info("shadow disagrees: principal={} action={} resource={} live={}/{} shadow={}/{} statements={}"
                        + " (and {} more since the last line)",
                principal.uin() == null ? "anonymous" : principal.uin(),
                first == null ? "-" : first.action(), first == null ? "-" : first.resource().text(),
                live.allowed() ? "allow" : "deny", live.reason().label(),
                other.allowed() ? "allow" : "deny", other.reason().label(), other.statements(), skipped));
    }
}
