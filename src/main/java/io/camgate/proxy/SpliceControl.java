package io.camgate.proxy;

import io.camgate.metrics.UpstreamError;
import io.camgate.proxy.ProxyHandler.State;
import io.camgate.proxy.splice.SplicedBody;
import io.camgate.proxy.upstream.UpstreamRelay;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateHandler;

/**
 * Long bodies moved by the kernel, a part of {@link ProxyHandler}. Bodies of known length (1
 * MiB or more, on a plain-HTTP client connection under native epoll) are relayed by
 * {@link SplicedBody} once the head and the body bytes read with it have gone through the
 * codecs: the rest goes from socket to socket inside the kernel. After a spliced request body
 * the client's decoder is reset and the upstream's encoder ended with an empty last chunk, so
 * both connections stay usable; after a spliced response body (only from an upstream that
 * keeps its connection) the upstream connection is closed.
 */
final class SpliceControl {
    private final ProxyHandler conn;
    private boolean splicingRequest;
    private boolean splicingResponse;
    /**
     * Set once this connection has been the source of a splice. From then on Netty's epoll read
     * loop clears any read asked for inside it, so reads are asked for from a task of their own.
     */
    private boolean readsDeferred;

    SpliceControl(ProxyHandler conn) {
        this.conn = conn;
    }

    /** Whether the request body is being spliced now. */
    boolean request() {
        return splicingRequest;
    }

    /** Whether the response body is being spliced now. */
    boolean response() {
        return splicingResponse;
    }

    boolean readsDeferred() {
        return readsDeferred;
    }

    /**
     * Whether the rest of the request body may go by the kernel. A form's file is checked piece
     * by piece up to its closing boundary, and a body whose signed head promised something about
     * it (a SHA-256, chunk signatures, a checksum) is checked as it streams, so neither is spliced.
     */
    boolean requestPossible() {
        UpstreamExchange up = conn.upstream;
        return !splicingRequest && up.bodyTail == null && !up.checked.active() && conn.requestLeft >= SplicedBody.MIN_BYTES
                && SplicedBody.possible(conn.ctx.channel(), up.channel);
    }

    /**
     * Hands the rest of the request body to the kernel. The client's decoder does not see those
     * bytes, so it is told to start afresh with the next request; whatever the client pipelines
     * meanwhile waits in the backlog. The bytes are counted (and charged) when the splice starts.
     */
    void requestRest() {
        UpstreamExchange up = conn.upstream;
        long left = conn.requestLeft;
        conn.requestLeft = -1;
        splicingRequest = true;
        readsDeferred = true;
        up.relayed += left;
        conn.exchange.sent(left);
        up.channel.flush();
        conn.ctx.pipeline().get(StrictRequestDecoder.class).reset();
        SplicedBody.relay(conn.ctx.channel(), up.channel, left, false)
                .addListener(f -> onRequestSpliced(f.isSuccess()));
    }

    private void onRequestSpliced(boolean success) {
        splicingRequest = false;
        if (conn.state != State.SENDING && conn.state != State.RESPONDING) {
            return;
        }
        conn.requestSent = true;
        if (!success) {
            // Part of the body has gone and the rest cannot be told from a next request: answer, then close.
            conn.clientKeepAlive = false;
            if (conn.state == State.SENDING) {
                conn.upstream.report(UpstreamError.RESET, null);
                conn.upstream.release(false);
                conn.refusal.respond(conn.refusal.upstreamFailed());
            } else {
                conn.close();
            }
            return;
        }
        // An empty last chunk brings the upstream's encoder back to the start of a request.
        conn.upstream.channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        if (conn.state == State.SENDING) {
            conn.state = State.AWAITING;
            conn.deadlines.response(conn.upstream.allowed.route().responseTimeout());
        }
    }

    /**
     * Hands the rest of the response body to the kernel. The upstream's decoder does not see
     * those bytes, so the upstream connection is closed afterwards rather than reused, and its
     * relay is detached at once: anything it sends beyond the body closes it instead of reaching
     * the client. Its idle timer goes too: spliced reads pass no message through the pipeline,
     * so a download slower than the idle timeout would look idle. The bytes are counted (and
     * charged) when the splice starts.
     */
    void responseRest() {
        UpstreamExchange up = conn.upstream;
        long left = up.spliceableLeft;
        up.spliceableLeft = -1;
        splicingResponse = true;
        up.responseKeepAlive = false;
        conn.exchange.received(left);
        conn.ctx.flush();
        up.channel.pipeline().get(UpstreamRelay.class).detach();
        up.channel.pipeline().remove(IdleStateHandler.class);
        SplicedBody.relay(up.channel, conn.ctx.channel(), left, true).addListener(f -> onResponseSpliced(f.isSuccess()));
    }

    private void onResponseSpliced(boolean success) {
        splicingResponse = false;
        if (conn.state != State.RESPONDING) {
            return;
        }
        if (!success) {
            // Part of the body is on the wire already: only closing tells the client it is cut short.
            conn.upstream.release(false);
            conn.close();
            return;
        }
        conn.exchange.upstreamFinished(System.nanoTime());
        conn.complete();
        conn.upstream.finish(conn.ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT));
    }
}
