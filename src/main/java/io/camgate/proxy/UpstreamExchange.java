package io.camgate.proxy;

import io.camgate.metrics.UpstreamError;
import io.camgate.proxy.ProxyHandler.State;
import io.camgate.proxy.splice.SplicedBody;
import io.camgate.proxy.upstream.UpstreamLeg;
import io.camgate.proxy.upstream.UpstreamPools;
import io.camgate.proxy.upstream.UpstreamRelay;
import io.camgate.proxy.upstream.UpstreamRequestBuilder;
import io.camgate.proxy.upstream.Verdict;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.pool.FixedChannelPool;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.FutureListener;

/**
 * One allowed request's upstream leg, a part of {@link ProxyHandler}: acquires a pooled
 * connection for the route, writes the head and relays the body (checking it against the
 * framing the head states, and a form's file against its shape), then writes the response to
 * the client itself as its {@link UpstreamRelay} hands it over, with one flush per upstream
 * read and the next read asked for only while the client can take more. Once the response
 * ends the connection goes back to the pool, or is closed when it cannot be reused.
 */
final class UpstreamExchange implements UpstreamLeg {
    private final ProxyHandler conn;
    private final UpstreamPools pools;
    private final FutureListener<Channel> acquired = this::onAcquired;
    Verdict.Allow allowed;
    private FixedChannelPool pool;
    /** The upstream connection while this leg holds it, else null. */
    Channel channel;
    /** The body length the upstream request head states, or -1 when chunked. */
    private long planned;
    /** Body bytes relayed upstream for the current request. */
    long relayed;
    boolean responseKeepAlive;
    /**
     * Response body bytes still to come when they may be spliced (a known length of at least
     * {@link SplicedBody#MIN_BYTES}, plain HTTP, epoll), else -1.
     */
    long spliceableLeft = -1;
    /** Checks each piece of a form's body streamed after its decided start; null otherwise. */
    Verdict.BodyTail bodyTail;
    /** The body's check against what its signed head promised, while one runs. */
    final CheckedBody checked;

    UpstreamExchange(ProxyHandler conn, UpstreamPools pools) {
        this.conn = conn;
        this.pools = pools;
        this.checked = new CheckedBody(conn, this);
    }

    void reset() {
        allowed = null;
        bodyTail = null;
        checked.discard();
    }

    boolean connected() {
        return channel != null;
    }

    boolean writable() {
        return channel.isWritable();
    }

    void flush() {
        if (channel != null) {
            channel.flush();
        }
    }

    /** Asks the upstream for its next read, when there is an upstream. */
    void read() {
        if (channel != null) {
            channel.read();
        }
    }

    /** Counts and logs a failure of this exchange's upstream for its route. */
    void report(UpstreamError error, Throwable cause) {
        pools.errors().report(allowed.route(), error, cause);
    }

    void connect(Verdict.Allow allow) {
        allowed = allow;
        checked.start(allow);
        conn.state = State.CONNECTING;
        allow.upstreamHead().headers().remove(HttpHeaderNames.EXPECT);
        pool = pools.pool(allow.route(), allow.upstreamHead().headers().get(HttpHeaderNames.HOST),
                conn.ctx.channel().eventLoop());
        pool.acquire().addListener(acquired);
    }

    private void onAcquired(Future<Channel> f) {
        if (!f.isSuccess()) {
            if (conn.state == State.CONNECTING) {
                conn.refusal.respond(conn.refusal.unreachable());
                conn.drainBacklog();
            }
            return;
        }
        Channel ch = f.getNow();
        if (conn.state != State.CONNECTING) {
            pool.release(ch);
            return;
        }
        channel = ch;
        planned = UpstreamRequestBuilder.relayedLength(allowed.upstreamHead());
        relayed = 0;
        channel.pipeline().get(UpstreamRelay.class).attach(this);
        conn.exchange.upstreamStarted(System.nanoTime());
        if (!checked.holdsHead()) {
            channel.writeAndFlush(allowed.upstreamHead());
        }
        byte[] decided = conn.body.takeDecided();
        if (decided != null) {
            conn.state = State.SENDING;
            sendBody(conn.body.decidedLast() ? new DefaultLastHttpContent(Unpooled.wrappedBuffer(decided))
                    : new DefaultHttpContent(Unpooled.wrappedBuffer(decided)));
            bodyTail = conn.body.takeTail();
            if (conn.state == State.SENDING) {
                conn.deadlines.body();
            }
            read();
            conn.drainBacklog();
            return;
        }
        if (conn.continueExpected) {
            conn.ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
        conn.state = State.SENDING;
        if (conn.bodyFollows()) {
            conn.deadlines.body();
        }
        channel.read();
        conn.drainBacklog();
    }

    /** Relays one piece of the request body, flushed once per client read (channelReadComplete). */
    void sendBody(HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (checked.active()) {
            checked.send(content, last);
            return;
        }
        if (bodyTail != null && !bodyTail.accept(content.content(), last)) {
            bodyTail = null;
            conn.refusal.brokenForm(content);
            return;
        }
        int n = content.content().readableBytes();
        relayed += n;
        if (planned >= 0 && (relayed > planned || (last && relayed != planned))) {
            conn.refusal.misframedBody(content);
            return;
        }
        conn.exchange.sent(n);
        if (conn.requestLeft > 0) {
            conn.requestLeft -= n;
        }
        if (last) {
            sentLast(withoutTrailers((LastHttpContent) content));
        } else {
            channel.write(content);
        }
    }

    /** Writes the request body's end upstream: the request is sent, and its response awaited. */
    void sentLast(LastHttpContent last) {
        conn.requestSent = true;
        conn.state = State.AWAITING;
        channel.writeAndFlush(last);
        conn.deadlines.response(allowed.route().responseTimeout());
    }

    /**
     * A chunked body's trailer fields are the client's headers too, and none was decided on: the
     * upstream gets the last chunk without them.
     */
    static LastHttpContent withoutTrailers(LastHttpContent last) {
        if (last.trailingHeaders().isEmpty()) {
            return last;
        }
        LastHttpContent bare = new DefaultLastHttpContent(last.content().retain());
        last.release();
        return bare;
    }

    /** Writes one part of the response to the client (from the upstream relay). */
    @Override
    public void onMessage(Object msg) {
        ChannelHandlerContext ctx = conn.ctx;
        if (msg instanceof HttpObject part && part.decoderResult().isFailure()) {
            // Not HTTP, or broken framing: the decoder's stand-in (status 999) must not reach the client.
            ReferenceCountUtil.release(msg);
            report(UpstreamError.MALFORMED, part.decoderResult().cause());
            onFailed();
            return;
        }
        if (msg instanceof HttpResponse response) {
            if (response.status().code() == HttpResponseStatus.CONTINUE.code()) {
                ReferenceCountUtil.release(msg);
                channel.read();
                return;
            }
            conn.deadlines.cancel();
            if (conn.state == State.SENDING) {
                // The upstream answered before the whole body was sent; neither side's framing can be reused.
                conn.clientKeepAlive = false;
            }
            conn.state = State.RESPONDING;
            conn.exchange.status(response.status().code());
            responseKeepAlive = HttpUtil.isKeepAlive(response);
            spliceableLeft = spliceableLength(response);
            allowed.responseHeaders().accept(response.headers());
            // after the route's translation, which may name the store's id x-cos-request-id (sigv4)
            conn.exchange.upstreamAnswered(response.status().code(),
                    RequestIdHeader.stamp(response.headers(), conn.requestId));
            prepareResponseHeaders(response.headers());
            if (!(msg instanceof HttpContent)) {
                ctx.write(msg);
            }
        }
        if (msg instanceof HttpContent content) {
            conn.exchange.received(content.content().readableBytes());
            if (spliceableLeft > 0) {
                spliceableLeft -= content.content().readableBytes();
            }
            if (content instanceof LastHttpContent) {
                conn.exchange.upstreamFinished(System.nanoTime());
                conn.complete();
                finish(ctx.writeAndFlush(content));
                return;
            }
            ctx.write(content);
        }
    }

    /**
     * After each socket read of the upstream: the response parts of that read go to the client
     * in one flush, and the next read is asked for only while the client can take more.
     */
    @Override
    public void onReadComplete() {
        if (conn.state == State.CLOSED) {
            return;
        }
        if (conn.state == State.RESPONDING && spliceableLeft >= SplicedBody.MIN_BYTES) {
            conn.splice.responseRest();
            return;
        }
        conn.ctx.flush();
        if (channel != null && conn.ctx.channel().isWritable()) {
            channel.read();
        }
    }

    /** The upstream can take more of the request body: the client is read again. */
    @Override
    public void onWritable() {
        // The client's idle time starts again from when the gateway reads it again.
        conn.deadlines.clientRead();
        conn.readIfWanted();
    }

    /** The upstream connection failed or closed mid-exchange. */
    @Override
    public void onFailed() {
        release(false);
        if (conn.state == State.SENDING || conn.state == State.AWAITING) {
            conn.refusal.respond(conn.refusal.upstreamFailed());
            conn.drainBacklog();
        } else if (conn.state == State.RESPONDING) {
            conn.close();
        }
    }

    /**
     * The length of {@code response}'s body when it may be spliced once its head has gone through
     * the codecs and is long enough to be worth it, else -1. Not when the upstream says it will
     * close: Netty's splice gives up on the bytes still unread when the peer's FIN arrives, which
     * would cut a complete body short.
     */
    private long spliceableLength(HttpResponse response) {
        int status = response.status().code();
        if (!(status == HttpResponseStatus.OK.code() || status == HttpResponseStatus.PARTIAL_CONTENT.code())
                || !responseKeepAlive || conn.splice.request() || HttpMethod.HEAD.equals(conn.head.method())
                || HttpUtil.isTransferEncodingChunked(response)) {
            return -1;
        }
        long length = HttpUtil.getContentLength(response, -1L);
        // the length first: a small object's answer should not search both pipelines for TLS
        return length >= SplicedBody.MIN_BYTES && SplicedBody.possible(conn.ctx.channel(), channel) ? length : -1;
    }

    private void prepareResponseHeaders(HttpHeaders headers) {
        headers.remove(HttpHeaderNames.CONNECTION).remove(HttpHeaderNames.KEEP_ALIVE)
                .remove(HttpHeaderNames.PROXY_AUTHENTICATE).remove(HttpHeaderNames.UPGRADE);
        if (conn.draining.active()) {
            conn.clientKeepAlive = false;
        }
        if (!conn.keepsConnection()) {
            headers.set(HttpHeaderNames.CONNECTION, "close");
        }
    }

    /** The response's last part is written: the connection goes back to the pool, and the client's waits or closes. */
    void finish(ChannelFuture lastWrite) {
        release(responseKeepAlive && conn.requestSent && (planned < 0 || relayed == planned));
        if (!conn.keepsConnection()) {
            conn.state = State.CLOSED;
            lastWrite.addListener(ChannelFutureListener.CLOSE);
            return;
        }
        conn.becomeIdle();
    }

    /** Gives the upstream connection back to its pool, closed first unless {@code reusable}. */
    void release(boolean reusable) {
        if (channel == null) {
            return;
        }
        checked.discard();
        Channel ch = channel;
        channel = null;
        ch.pipeline().get(UpstreamRelay.class).detach();
        if (reusable) {
            // An idle pooled connection stays read, so it need not be re-armed for the next request
            // (an epoll_ctl each way per request), and a store that closes it or says anything
            // unasked is seen at once: its relay, holding no exchange, closes it.
            ch.read();
        } else {
            ch.close();
        }
        pool.release(ch);
    }
}
