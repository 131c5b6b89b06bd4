package io.camgate.proxy;

import io.camgate.proxy.ProxyHandler.State;
import io.camgate.proxy.upstream.Verdict;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpRequest;

/**
 * The {@link ProxyHandler}'s phase for a decision that waits on something off the event loop
 * (a caller's limit decided in Redis, {@link Verdict.Later}): the request is parked in
 * {@link State#DECIDING}, where its connection is not read and whatever of its body already
 * arrived waits in the backlog, and the event loop goes on with other connections. When the
 * answer comes, on another thread, the rest of the decision is handed back to the connection's
 * event loop, and acted on there unless the request ended meanwhile (the client left or was
 * answered). Nothing here blocks: a Redis that does not answer fails the stage at its timeout,
 * which throttles the request.
 */
final class ParkedDecision {
    private final ProxyHandler conn;

    ParkedDecision(ProxyHandler conn) {
        this.conn = conn;
    }

    /** Parks the current request until {@code later} is ready. */
    <T> void park(Verdict.Later<T> later) {
        conn.state = State.DECIDING;
        HttpRequest parked = conn.head;
        EventLoop loop = conn.ctx.channel().eventLoop();
        later.ready().whenComplete((value, failure) -> loop.execute(() -> resume(parked, later, value, failure)));
    }

    private <T> void resume(HttpRequest parked, Verdict.Later<T> later, T value, Throwable failure) {
        if (conn.state != State.DECIDING || conn.head != parked) {
            return;
        }
        Verdict verdict;
        try {
            verdict = later.then().apply(value, failure);
        } catch (RuntimeException e) {
            verdict = conn.refusal.internalError();
        }
        conn.act(verdict);
        conn.drainBacklog();
    }
}
