package io.camgate.proxy;

import io.camgate.metrics.RequestOutcome;
import io.camgate.proxy.ProxyHandler.State;
import io.camgate.proxy.upstream.Verdict;
import io.camgate.sign.AuthError;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.time.Clock;
import java.time.ZonedDateTime;

/**
 * Every COS error a client connection answers, a part of {@link ProxyHandler}: the gate's
 * denials, and the refusals of a request already under way (its body too large, cut, late or
 * misshapen; the upstream unreachable, failed or silent). A denied request that carries a body
 * gets its error at once and the body is then read and dropped for a bounded time and size
 * before the connection closes, so that clients which did not wait for {@code 100 Continue}
 * see the error, not a reset.
 */
final class Refusal {
    private final ProxyHandler conn;
    private final Clock clock;
    /** Body bytes of a refused request drained so far. */
    private long lingered;

    Refusal(ProxyHandler conn, Clock clock) {
        this.conn = conn;
        this.clock = clock;
    }

    void respond(Verdict.Deny deny) {
        respond(deny, true);
    }

    /**
     * Answers {@code deny}. When body bytes may still come and {@code linger} is set, they are
     * read and dropped for a while before closing; a client that has gone quiet is not waited for.
     */
    void respond(Verdict.Deny deny, boolean linger) {
        conn.exchange.status(deny.status().code());
        conn.complete();
        FullHttpResponse response = CosErrorResponse.build(conn.ctx.alloc(), deny.status(), deny.code(),
                deny.message(), deny.resource(), conn.requestId, HttpMethod.HEAD.equals(conn.head.method()),
                deny.details(), ZonedDateTime.now(clock));
        if (linger && conn.bodyFollows() && !conn.requestSent) {
            response.headers().set(HttpHeaderNames.CONNECTION, "close");
            conn.state = State.LINGERING;
            lingered = 0;
            conn.ctx.writeAndFlush(response);
            conn.deadlines.linger();
        } else if (!conn.keepsConnection()) {
            response.headers().set(HttpHeaderNames.CONNECTION, "close");
            conn.state = State.CLOSED;
            conn.ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            conn.ctx.writeAndFlush(response);
            conn.becomeIdle();
        }
    }

    /** A piece of a refused request's body: dropped; the last one, or too many bytes, closes the connection. */
    void linger(Object msg) {
        if (msg instanceof HttpContent content) {
            lingered += content.content().readableBytes();
            boolean last = content instanceof LastHttpContent;
            content.release();
            if (last || lingered > conn.limits.lingerBytes()) {
                conn.close();
            }
        } else {
            ReferenceCountUtil.release(msg);
            conn.close();
        }
    }

    /**
     * The client stopped sending its body. An upstream connection is closed, not pooled, so the
     * store never completes the object and the connection is free for others; the client gets
     * COS's RequestTimeout (no response has started in these states) and the connection closes.
     */
    void bodyTimedOut() {
        endUnderway(RequestOutcome.ERROR);
        respond(deny(HttpResponseStatus.BAD_REQUEST, "RequestTimeout", "Your socket connection to "
                + "the server was not read from or written to within the timeout period."), false);
    }

    /** The client ended its side before its body did: nothing completes upstream. */
    void incompleteBody() {
        conn.requestSent = true;
        endUnderway(RequestOutcome.ERROR);
        respond(deny(HttpResponseStatus.BAD_REQUEST, "IncompleteBody", "You did not provide "
                + "the number of bytes specified by the Content-Length HTTP header."), false);
    }

    /**
     * The body would not match the length the upstream head states. The decoder framed the
     * client's body, so this cannot happen unless the gateway itself is wrong; the upstream
     * connection is closed before it could read a byte beyond, or short of, what it was told.
     */
    void misframedBody(HttpContent content) {
        conn.requestSent = content instanceof LastHttpContent;
        content.release();
        conn.upstream.release(false);
        conn.clientKeepAlive = false;
        conn.exchange.outcome(RequestOutcome.ERROR);
        respond(internalError());
    }

    /**
     * A form's body broke its shape after forwarding began: the upstream connection is closed
     * before it has the whole body, so the store cannot complete the upload, and the client
     * gets the error.
     */
    void brokenForm(HttpContent content) {
        conn.requestSent = content instanceof LastHttpContent;
        content.release();
        conn.upstream.release(false);
        conn.clientKeepAlive = false;
        malformedForm();
    }

    /**
     * A body broke what its signed head promised (its SHA-256, a chunk signature, a checksum,
     * its decoded length) after forwarding began: the upstream connection is closed while it
     * still lacks at least the body's final byte, so the store cannot complete the request, and
     * the client gets the S3 error.
     */
    void brokenBody(HttpContent content, AuthError error) {
        conn.requestSent = content instanceof LastHttpContent;
        content.release();
        conn.upstream.release(false);
        conn.clientKeepAlive = false;
        conn.exchange.outcome(RequestOutcome.ERROR);
        respond(new Verdict.Deny(HttpResponseStatus.valueOf(error.status()), error.code(), error.message(),
                CosGatekeeper.resource(conn.head.uri())));
    }

    /** Answers a form whose body broke its shape after it was allowed: an error, not an allow, in the meters. */
    void malformedForm() {
        conn.exchange.outcome(RequestOutcome.ERROR);
        respond(deny(HttpResponseStatus.BAD_REQUEST, "MalformedPOSTRequest",
                "The form must end with its file part, as long as the request declared."));
    }

    private void endUnderway(RequestOutcome outcome) {
        conn.body.drop();
        conn.upstream.release(false);
        conn.clientKeepAlive = false;
        conn.exchange.outcome(outcome);
    }

    Verdict.Deny tooLarge() {
        return deny(HttpResponseStatus.BAD_REQUEST, "EntityTooLarge",
                "The request body is larger than the gateway reads to authorize it.");
    }

    Verdict.Deny internalError() {
        return deny(HttpResponseStatus.INTERNAL_SERVER_ERROR, "InternalError",
                "We encountered an internal error. Please try again.");
    }

    Verdict.Deny unreachable() {
        return deny(HttpResponseStatus.BAD_GATEWAY, "InternalError", "The upstream storage could not be reached.");
    }

    Verdict.Deny upstreamFailed() {
        return deny(HttpResponseStatus.BAD_GATEWAY, "InternalError",
                "The upstream storage failed while serving the request.");
    }

    Verdict.Deny upstreamTimedOut() {
        return deny(HttpResponseStatus.GATEWAY_TIMEOUT, "ServiceUnavailable",
                "The upstream storage did not answer in time.");
    }

    private Verdict.Deny deny(HttpResponseStatus status, String code, String message) {
        return new Verdict.Deny(status, code, message, conn.head.uri());
    }
}
