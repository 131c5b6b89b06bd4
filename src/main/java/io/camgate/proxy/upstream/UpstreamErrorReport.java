package io.camgate.proxy.upstream;

import io.camgate.metrics.UpstreamError;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a failed upstream connection visible: the {@link UpstreamObserver} counts each one, and
 * the log gets one line per route and reason every {@value #LOG_EVERY_SECONDS} seconds at most,
 * naming the route, the reason and the exception (never request data), with how
 * many more happened since the last line. Called on event loops; nothing here blocks beyond
 * the logger itself, which the rate limit keeps rare.
 */
public final class UpstreamErrorReport {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamErrorReport.class);
    private static final long LOG_EVERY_SECONDS = 10;
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(LOG_EVERY_SECONDS);

    private final UpstreamObserver observer;
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    /** When a route and reason was last logged, and how many of it went unlogged since. */
    private static final class Window {
        final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);
        final AtomicLong unlogged = new AtomicLong();
    }

    UpstreamErrorReport(UpstreamObserver observer) {
        this.observer = observer;
    }

    /** A connection of {@code route} failed for {@code reason}; {@code cause} says more, or is null. */
    public void report(UpstreamRoute route, UpstreamError reason, Throwable cause) {
        observer.upstreamFailed(route.name(), reason);
        Window w = windows.computeIfAbsent(route.name() + ' ' + reason.label(), k -> new Window());
        long now = System.nanoTime();
        long last = w.lastLogged.get();
        if (now - last < LOG_EVERY_NANOS || !w.lastLogged.compareAndSet(last, now)) {
            w.unlogged.incrementAndGet();
            return;
        }
        long more = w.unlogged.getAndSet(0);
        LOG.warn("upstream of route {} ({}) failed: {}{}{}", route.name(), route.hostHeader(), reason.label(),
                cause == null ? "" : " (" + cause + ")",
                more == 0 ? "" : "; " + more + " more since the last such line");
    }
}
