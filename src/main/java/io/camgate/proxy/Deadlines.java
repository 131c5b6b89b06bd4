package io.camgate.proxy;

import io.camgate.metrics.UpstreamError;
import io.camgate.proxy.ProxyHandler.State;
import io.camgate.proxy.splice.SplicedBody;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The client connection's one timer, a part of {@link ProxyHandler}: at most one deadline runs
 * at a time, and each state names the one it needs. The header deadline closes a connection
 * that sends no request; the body deadline ends a request whose body stops coming; the response
 * deadline ends a request the upstream does not answer; the linger deadline closes a connection
 * whose refused body is being drained. The tasks are made once per connection.
 *
 * <p>Re-arming does not re-schedule: a deadline is a time and a watch, and the one scheduled
 * timer, when it fires before the deadline in force, waits again for the rest. A kept-alive
 * connection moves between the header and response deadlines on every request; this way it
 * schedules and cancels no timer per request, only about once per header timeout. A deadline
 * earlier than the timer re-schedules it, and a closed connection cancels it ({@link #stop}),
 * so that no timer keeps a closed connection reachable.
 */
final class Deadlines {
    private final ProxyHandler conn;
    private final ProxyLimits limits;
    private final Runnable headerWatch = this::onHeaderTimeout;
    /** The body watch re-schedules itself for whatever is left instead of a timer re-armed per chunk. */
    private final Runnable bodyWatch = this::checkBodyIdle;
    private final Runnable responseWatch = this::onResponseTimeout;
    private final Runnable lingerWatch = this::onLingerTimeout;
    private final Runnable wake = this::onTimer;
    /** The scheduled timer, or null; it fires at {@link #timerAt} (System.nanoTime). */
    private ScheduledFuture<?> timer;
    private long timerAt;
    /** The watch to run once {@link #dueAt} (System.nanoTime) passes, or null when no deadline runs. */
    private Runnable due;
    private long dueAt;
    /** When the client last sent something, or the gateway last began waiting for its body (System.nanoTime). */
    private long lastClientRead;

    Deadlines(ProxyHandler conn, ProxyLimits limits) {
        this.conn = conn;
        this.limits = limits;
    }

    /** The client sent something, or the gateway reads it again after holding back for the upstream. */
    void clientRead() {
        lastClientRead = System.nanoTime();
    }

    /** Waits for a request head at most {@link ProxyLimits#headerReadTimeout}. */
    void header() {
        arm(limits.headerReadTimeout(), headerWatch);
    }

    /**
     * Starts timing the client's body: from now, and from each later read, it may leave the
     * gateway waiting at most {@link ProxyLimits#bodyTimeout}.
     */
    void body() {
        lastClientRead = System.nanoTime();
        arm(limits.bodyTimeout(), bodyWatch);
    }

    /** Waits for the response head at most {@code after} (the route's response timeout). */
    void response(Duration after) {
        arm(after, responseWatch);
    }

    /** Drains a refused body at most {@link ProxyLimits#lingerTimeout}, then closes. */
    void linger() {
        arm(limits.lingerTimeout(), lingerWatch);
    }

    /** No deadline runs (the timer, if scheduled, finds nothing due when it fires). */
    void cancel() {
        due = null;
    }

    /** The connection is closed: no deadline runs and the timer is cancelled. */
    void stop() {
        due = null;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void arm(Duration after, Runnable action) {
        arm(after.toNanos(), action);
    }

    private void arm(long afterNanos, Runnable action) {
        due = action;
        dueAt = System.nanoTime() + afterNanos;
        if (timer != null) {
            if (timerAt - dueAt <= 0) {
                return;
            }
            timer.cancel(false);
        }
        timer = conn.ctx.executor().schedule(wake, afterNanos, TimeUnit.NANOSECONDS);
        timerAt = dueAt;
    }

    private void onTimer() {
        timer = null;
        Runnable action = due;
        if (action == null) {
            return;
        }
        long left = dueAt - System.nanoTime();
        if (left > 0) {
            timer = conn.ctx.executor().schedule(wake, left, TimeUnit.NANOSECONDS);
            timerAt = dueAt;
            return;
        }
        due = null;
        action.run();
    }

    private void onHeaderTimeout() {
        if (conn.state == State.IDLE) {
            conn.close();
        }
    }

    private void onResponseTimeout() {
        if (conn.state == State.AWAITING) {
            conn.upstream.report(UpstreamError.TIMEOUT, null);
            conn.upstream.release(false);
            conn.refusal.respond(conn.refusal.upstreamTimedOut());
            conn.drainBacklog();
        }
    }

    private void onLingerTimeout() {
        conn.ctx.close();
    }

    private void checkBodyIdle() {
        if (conn.state != State.BUFFERING && conn.state != State.SENDING) {
            return;
        }
        long now = System.nanoTime();
        if (conn.splice.request()) {
            // The kernel moves the body past this handler, so the client socket says when it last got data.
            // A store that reads nothing fills the pipe and then the client's window, so it is cut off
            // after the same time too (as a proxy's send timeout would), with the connection closed.
            lastClientRead = now - TimeUnit.MILLISECONDS.toNanos(SplicedBody.millisSinceData(conn.ctx.channel()));
        } else if (conn.state == State.SENDING && conn.upstream.connected() && !conn.upstream.writable()) {
            // Reads are paused for the upstream's sake, not the client's: that time is not the client's idleness.
            lastClientRead = now;
        }
        long left = limits.bodyTimeout().toNanos() - (now - lastClientRead);
        if (left > 0) {
            arm(left, bodyWatch);
            return;
        }
        if (conn.splice.request()) {
            // Half a body has gone by the kernel: no response can follow it on this connection.
            conn.upstream.release(false);
            conn.close();
            return;
        }
        conn.refusal.bodyTimedOut();
    }
}
