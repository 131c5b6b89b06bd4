package io.camgate.proxy;

import io.camgate.metrics.RequestOutcome;
import io.camgate.metrics.UpstreamError;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.pool.FixedChannelPool;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One client connection's exchanges, one request at a time: ask the {@link Gatekeeper} on
 * the request head, then either answer with a COS error or stream the request to a pooled
 * upstream connection and the response back.
 *
 * <pre>
 * client ─▶ [StrictRequestDecoder] [HttpResponseEncoder] ─▶ [FramingGuard] ─▶ [ProxyHandler] ⇄ upstream pool
 * </pre>
 *
 * <p>Reading is explicit (auto-read is off on both sides): the client is read only while its
 * data can go somewhere (the upstream is writable, or a denied body is being drained), and
 * the upstream only while the client is writable, so neither side buffers more than a socket
 * read. {@code 100 Continue} is sent only after the request is allowed and an upstream
 * connection is ready. A denied request that carries a body gets its error at once and the
 * body is then read and dropped for a bounded time and size before the connection closes,
 * so that clients which did not wait for {@code 100 Continue} see the error, not a reset.
 * A body the gateway is reading must keep coming ({@link ProxyLimits#bodyTimeout}, counted only
 * while reads are not held back for the upstream), else the exchange ends in 400
 * {@code RequestTimeout} and its upstream connection is closed.
 *
 * <p>Long bodies of known length (1 MiB or more, on a plain-HTTP client connection under
 * native epoll) are relayed by {@link SplicedBody} once the head and the body bytes read with
 * it have gone through the codecs: the rest goes from socket to socket inside the kernel.
 * After a spliced request body the client's decoder is reset and the upstream's encoder ended
 * with an empty last chunk, so both connections stay usable; after a spliced response body
 * (only from an upstream that keeps its connection) the upstream connection is closed.
 *
 * <p>Each request is followed in the connection's one {@link Exchange}: body bytes are
 * charged to the caller's allowance as they pass in either direction, and the
 * {@link RequestObserver} is told once when the request ends.
 */
final class ProxyHandler extends ChannelInboundHandlerAdapter {
    private enum State {
        /** Waiting for a request head. */
        IDLE,
        /** Reading a body the decision depends on. */
        BUFFERING,
        /** Allowed; waiting for an upstream connection. */
        CONNECTING,
        /** Streaming the request body upstream. */
        SENDING,
        /** Request sent; waiting for the response head. */
        AWAITING,
        /** Streaming the response back. */
        RESPONDING,
        /** An error was sent; draining the rest of the request body before closing. */
        LINGERING,
        /** The connection is closing. */
        CLOSED
    }

    /**
     * A client sending its fields a few bytes per packet would otherwise have them re-read from
     * the start on every packet; asking again only after this many new bytes bounds that work.
     */
    private static final int FORM_STEP = 4096;

    private final Gatekeeper gate;
    private final RequestObserver observer;
    private final Exchange exchange = new Exchange();
    private final UpstreamPools pools;
    private final ProxyLimits limits;
    private final RequestIds ids;
    private final Clock clock;
    private final boolean secure;

    private ChannelHandlerContext ctx;
    private State state = State.IDLE;
    private final ArrayDeque<Object> backlog = new ArrayDeque<>();
    private ScheduledFuture<?> timer;
    /** When the client last sent something, or the gateway last began waiting for its body (System.nanoTime). */
    private long lastClientRead;
    /** The body watch, made once: re-scheduling it must not allocate a new task object each time. */
    private final Runnable bodyWatch = this::checkBodyIdle;

    private HttpRequest head;
    private String requestId;
    private boolean clientKeepAlive;
    /** The client has ended its side: nothing more will come, so the connection closes once what it sent is answered. */
    private boolean clientDone;
    /** The body length the upstream request head states, or -1 when chunked. */
    private long planned;
    /** Body bytes relayed upstream for the current request. */
    private long relayed;
    private boolean requestSent;
    private boolean responseKeepAlive;
    /** Response body bytes still to come when they may be spliced (known length, plain HTTP, epoll), else -1. */
    private long spliceableLeft = -1;
    private boolean splicingResponse;
    /** Request body bytes still to come when its length is known, else -1. */
    private long requestLeft = -1;
    private boolean splicingRequest;
    /**
     * Set once this connection has been the source of a splice. From then on Netty's epoll read
     * loop clears any read asked for inside it, so reads are asked for from a task of their own.
     */
    private boolean readsDeferred;
    private boolean continueExpected;
    private long lingered;
    private Verdict.Allow allowed;
    private FixedChannelPool pool;
    private Channel upstream;
    private Verdict.BodyGate bodyGate;
    private CompositeByteBuf buffered;
    private int bufferLimit;
    private byte[] decidedBody;
    /** Whether {@link #decidedBody} ends the request body (a form's fields are followed by its file). */
    private boolean decidedLast;
    private Verdict.FormGate formGate;
    /** How many buffered bytes the form gate last saw: it is asked again only after {@link #FORM_STEP} more. */
    private int formAsked;
    /** Checks each piece of a form's body streamed after its decided start; null otherwise. */
    private Verdict.BodyTail bodyTail;
    private Verdict.BodyTail pendingTail;
    private final GatewayServer.Draining draining;

    ProxyHandler(Gatekeeper gate, RequestObserver observer, UpstreamPools pools, ProxyLimits limits, RequestIds ids,
            Clock clock, boolean secure, GatewayServer.Draining draining) {
        this.draining = draining;
        this.gate = gate;
        this.observer = observer;
        this.pools = pools;
        this.limits = limits;
        this.ids = ids;
        this.clock = clock;
        this.secure = secure;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        armTimer(limits.headerReadTimeout(), this::onHeaderTimeout);
        ctx.read();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastClientRead = System.nanoTime();
        handle(msg);
        readIfWanted();
    }

    private void handle(Object msg) {
        switch (state) {
            case IDLE -> {
                if (msg instanceof HttpRequest request) {
                    onRequest(request);
                } else {
                    ReferenceCountUtil.release(msg);
                }
            }
            case CONNECTING, AWAITING, RESPONDING -> backlog.add(msg);
            case SENDING -> {
                if (splicingRequest) {
                    backlog.add(msg);
                } else {
                    sendBody((HttpContent) msg);
                }
            }
            case BUFFERING -> buffer(msg);
            case LINGERING -> linger(msg);
            case CLOSED -> ReferenceCountUtil.release(msg);
        }
    }

    /** Asks for the next socket read when this state can use data and nothing is waiting. */
    private void readIfWanted() {
        if (!backlog.isEmpty()) {
            return;
        }
        boolean wanted = state == State.IDLE || state == State.LINGERING || state == State.BUFFERING
                || (state == State.SENDING && !splicingRequest && upstream.isWritable());
        if (wanted && ctx.channel().isActive()) {
            if (readsDeferred) {
                ctx.executor().execute(ctx::read);
            } else {
                ctx.read();
            }
        }
    }

    private void drainBacklog() {
        while (!backlog.isEmpty() && (state == State.IDLE || (state == State.SENDING && !splicingRequest)
                || state == State.LINGERING
                || state == State.BUFFERING
                || state == State.CLOSED)) {
            handle(backlog.poll());
        }
        if (upstream != null) {
            upstream.flush();
        }
        readIfWanted();
    }

    private void onRequest(HttpRequest request) {
        cancelTimer();
        head = request;
        requestId = ids.next();
        clientKeepAlive = HttpUtil.isKeepAlive(request);
        continueExpected = HttpUtil.is100ContinueExpected(request);
        requestLeft = HttpUtil.isTransferEncodingChunked(request) ? -1 : HttpUtil.getContentLength(request, -1L);
        requestSent = false;
        decidedBody = null;
        formGate = null;
        bodyTail = null;
        pendingTail = null;
        exchange.begin(requestId, request.method().name(), request.uri(), System.nanoTime());
        exchange.arrived(((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress(),
                request.headers().get(HttpHeaderNames.HOST));
        Verdict verdict;
        try {
            verdict = gate.admit(request, (InetSocketAddress) ctx.channel().remoteAddress(), tlsProtocol(), exchange);
        } catch (RuntimeException e) {
            verdict = internalError();
        }
        act(verdict);
    }

    private void act(Verdict verdict) {
        if (verdict instanceof Verdict.Deny deny) {
            respondError(deny);
        } else if (verdict instanceof Verdict.ReadBody read) {
            startBuffering(read);
        } else if (verdict instanceof Verdict.ReadForm form) {
            startReadingForm(form);
        } else if (verdict instanceof Verdict.Allow allow) {
            connect(allow);
        } else {
            respondError(internalError());
        }
    }

    private void startBuffering(Verdict.ReadBody read) {
        long declared = HttpUtil.getContentLength(head, -1L);
        if (declared > read.maxBytes()) {
            respondError(tooLarge());
            return;
        }
        bodyGate = read.then();
        beginBuffering(read.maxBytes());
        if (!bodyFollows()) {
            finishBuffering();
        }
    }

    /** Starts reading up to {@code maxBytes} of body before the gate decides, asking for it if the client waits. */
    private void beginBuffering(int maxBytes) {
        state = State.BUFFERING;
        bufferLimit = maxBytes;
        buffered = ctx.alloc().compositeBuffer();
        if (continueExpected) {
            continueExpected = false;
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
        watchBody();
    }

    /** Like {@link #startBuffering}, but the gate decides on the form's fields and the file streams. */
    private void startReadingForm(Verdict.ReadForm form) {
        formGate = form.then();
        formAsked = -FORM_STEP;
        beginBuffering(form.maxBytes());
        if (!bodyFollows()) {
            askFormGate(true);
        }
    }

    /** Asks the form gate about the bytes read so far; acts on its verdict once it has one. */
    private void askFormGate(boolean complete) {
        formAsked = buffered.readableBytes();
        byte[] prefix = new byte[buffered.readableBytes()];
        buffered.getBytes(buffered.readerIndex(), prefix);
        Verdict verdict;
        try {
            verdict = formGate.admit(prefix, complete);
        } catch (RuntimeException e) {
            verdict = internalError();
        }
        if (verdict == null && !complete) {
            return;
        }
        cancelTimer();
        formGate = null;
        if (verdict instanceof Verdict.AllowForm form && form.replaced() <= prefix.length) {
            io.netty.buffer.ByteBuf rest = buffered.slice(buffered.readerIndex() + form.replaced(),
                    prefix.length - form.replaced());
            if (!form.tail().accept(rest, complete)) {
                dropBuffer();
                refuseMalformedForm();
                return;
            }
            byte[] first = new byte[form.fields().length + rest.readableBytes()];
            System.arraycopy(form.fields(), 0, first, 0, form.fields().length);
            rest.getBytes(rest.readerIndex(), first, form.fields().length, rest.readableBytes());
            dropBuffer();
            decidedBody = first;
            decidedLast = complete;
            pendingTail = form.tail();
            connect(form.allow());
        } else {
            dropBuffer();
            respondError(verdict instanceof Verdict.Deny deny ? deny : internalError());
        }
    }

    /** Answers a form whose body broke its shape after it was allowed: an error, not an allow, in the meters. */
    private void refuseMalformedForm() {
        exchange.outcome(RequestOutcome.ERROR);
        respondError(new Verdict.Deny(HttpResponseStatus.BAD_REQUEST, "MalformedPOSTRequest",
                "The form must end with its file part, as long as the request declared.", head.uri()));
    }

    private Verdict.Deny tooLarge() {
        return new Verdict.Deny(HttpResponseStatus.BAD_REQUEST, "EntityTooLarge",
                "The request body is larger than the gateway reads to authorize it.", head.uri());
    }

    private void buffer(Object msg) {
        if (!(msg instanceof HttpContent content)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (formGate != null) {
            boolean last = content instanceof LastHttpContent;
            buffered.addComponent(true, content.content().retain());
            content.release();
            if (last) {
                requestSent = true;
            }
            if (last || buffered.readableBytes() - formAsked >= FORM_STEP || buffered.readableBytes() >= bufferLimit) {
                askFormGate(last);
            }
            return;
        }
        if (buffered.readableBytes() + content.content().readableBytes() > bufferLimit) {
            content.release();
            dropBuffer();
            respondError(tooLarge());
            return;
        }
        buffered.addComponent(true, content.content().retain());
        boolean last = content instanceof LastHttpContent;
        content.release();
        if (last) {
            requestSent = true;
            finishBuffering();
        }
    }

    private void finishBuffering() {
        cancelTimer();
        byte[] body = new byte[buffered.readableBytes()];
        buffered.readBytes(body);
        dropBuffer();
        Verdict.BodyGate then = bodyGate;
        bodyGate = null;
        Verdict verdict;
        try {
            verdict = then.admit(body);
        } catch (RuntimeException e) {
            verdict = internalError();
        }
        if (verdict instanceof Verdict.Allow allow) {
            decidedBody = body;
            decidedLast = true;
            connect(allow);
        } else if (verdict instanceof Verdict.Deny deny) {
            respondError(deny);
        } else {
            respondError(internalError());
        }
    }

    private void dropBuffer() {
        if (buffered != null) {
            buffered.release();
            buffered = null;
        }
    }

    /**
     * Starts timing the client's body: from now, and from each later read (channelRead), it may
     * leave the gateway waiting at most {@link ProxyLimits#bodyTimeout}. One scheduled check
     * re-schedules itself for whatever is left instead of a timer re-armed per chunk.
     */
    private void watchBody() {
        lastClientRead = System.nanoTime();
        armTimer(limits.bodyTimeout(), bodyWatch);
    }

    private void checkBodyIdle() {
        if (state != State.BUFFERING && state != State.SENDING) {
            return;
        }
        long now = System.nanoTime();
        if (splicingRequest) {
            // The kernel moves the body past this handler, so the client socket says when it last got data.
            // A store that reads nothing fills the pipe and then the client's window, so it is cut off
            // after the same time too (as a proxy's send timeout would), with the connection closed.
            lastClientRead = now - TimeUnit.MILLISECONDS.toNanos(SplicedBody.millisSinceData(ctx.channel()));
        } else if (state == State.SENDING && upstream != null && !upstream.isWritable()) {
            // Reads are paused for the upstream's sake, not the client's: that time is not the client's idleness.
            lastClientRead = now;
        }
        long left = limits.bodyTimeout().toNanos() - (now - lastClientRead);
        if (left > 0) {
            timer = ctx.executor().schedule(bodyWatch, left, TimeUnit.NANOSECONDS);
            return;
        }
        if (splicingRequest) {
            // Half a body has gone by the kernel: no response can follow it on this connection.
            releaseUpstream(false);
            close();
            return;
        }
        onBodyTimeout();
    }

    /**
     * The client stopped sending its body. An upstream connection is closed, not pooled, so the
     * store never completes the object and the connection is free for others; the client gets
     * COS's RequestTimeout (no response has started in these states) and the connection closes.
     */
    private void onBodyTimeout() {
        dropBuffer();
        releaseUpstream(false);
        clientKeepAlive = false;
        exchange.outcome(RequestOutcome.ERROR);
        respondError(new Verdict.Deny(HttpResponseStatus.BAD_REQUEST, "RequestTimeout", "Your socket connection to "
                + "the server was not read from or written to within the timeout period.", head.uri()), false);
    }

    private Verdict.Deny internalError() {
        return new Verdict.Deny(HttpResponseStatus.INTERNAL_SERVER_ERROR, "InternalError",
                "We encountered an internal error. Please try again.", head.uri());
    }

    /** The negotiated TLS protocol of this connection, or null without TLS. */
    private String tlsProtocol() {
        if (!secure) {
            return null;
        }
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        return ssl == null ? null : ssl.engine().getSession().getProtocol();
    }

    private boolean bodyFollows() {
        return HttpUtil.isTransferEncodingChunked(head) || HttpUtil.getContentLength(head, 0L) > 0;
    }

    private void respondError(Verdict.Deny deny) {
        respondError(deny, true);
    }

    /**
     * Answers {@code deny}. When body bytes may still come and {@code linger} is set, they are
     * read and dropped for a while before closing; a client that has gone quiet is not waited for.
     */
    private void respondError(Verdict.Deny deny, boolean linger) {
        exchange.status(deny.status().code());
        complete();
        FullHttpResponse response = CosErrorResponse.build(ctx.alloc(), deny.status(), deny.code(), deny.message(),
                deny.resource(), requestId, HttpMethod.HEAD.equals(head.method()), deny.details(),
                ZonedDateTime.now(clock));
        if (linger && bodyFollows() && !requestSent) {
            response.headers().set(HttpHeaderNames.CONNECTION, "close");
            state = State.LINGERING;
            lingered = 0;
            ctx.writeAndFlush(response);
            armTimer(limits.lingerTimeout(), ctx::close);
        } else if (!keepsConnection()) {
            response.headers().set(HttpHeaderNames.CONNECTION, "close");
            state = State.CLOSED;
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(response);
            becomeIdle();
        }
    }

    private void linger(Object msg) {
        if (msg instanceof HttpContent content) {
            lingered += content.content().readableBytes();
            boolean last = content instanceof LastHttpContent;
            content.release();
            if (last || lingered > limits.lingerBytes()) {
                close();
            }
        } else {
            ReferenceCountUtil.release(msg);
            close();
        }
    }

    private void connect(Verdict.Allow allow) {
        allowed = allow;
        state = State.CONNECTING;
        allow.upstreamHead().headers().remove(HttpHeaderNames.EXPECT);
        pool = pools.pool(allow.route(), allow.upstreamHead().headers().get(HttpHeaderNames.HOST),
                ctx.channel().eventLoop());
        pool.acquire().addListener(this::onAcquired);
    }

    private void onAcquired(Future<? super Channel> f) {
        if (!f.isSuccess()) {
            if (state == State.CONNECTING) {
                respondError(new Verdict.Deny(HttpResponseStatus.BAD_GATEWAY, "InternalError",
                        "The upstream storage could not be reached.", head.uri()));
                drainBacklog();
            }
            return;
        }
        Channel ch = (Channel) f.getNow();
        if (state != State.CONNECTING) {
            pool.release(ch);
            return;
        }
        upstream = ch;
        planned = UpstreamRequestBuilder.relayedLength(allowed.upstreamHead());
        relayed = 0;
        upstream.pipeline().get(UpstreamRelay.class).attach(this);
        exchange.upstreamStarted(System.nanoTime());
        upstream.writeAndFlush(allowed.upstreamHead());
        if (decidedBody != null) {
            byte[] body = decidedBody;
            decidedBody = null;
            exchange.sent(body.length);
            state = State.SENDING;
            sendBody(decidedLast ? new DefaultLastHttpContent(Unpooled.wrappedBuffer(body))
                    : new DefaultHttpContent(Unpooled.wrappedBuffer(body)));
            bodyTail = pendingTail;
            pendingTail = null;
            if (state == State.SENDING) {
                watchBody();
            }
            if (upstream != null) {
                upstream.read();
            }
            drainBacklog();
            return;
        }
        if (continueExpected) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
        state = State.SENDING;
        if (bodyFollows()) {
            watchBody();
        }
        upstream.read();
        drainBacklog();
    }

    /**
     * Hands the rest of the request body to the kernel. The client's decoder does not see those
     * bytes, so it is told to start afresh with the next request; whatever the client pipelines
     * meanwhile waits in the backlog. The bytes are counted (and charged) when the splice starts.
     */
    private void spliceRequestRest() {
        long left = requestLeft;
        requestLeft = -1;
        splicingRequest = true;
        readsDeferred = true;
        relayed += left;
        exchange.sent(left);
        upstream.flush();
        ctx.pipeline().get(StrictRequestDecoder.class).reset();
        SplicedBody.relay(ctx.channel(), upstream, left, false).addListener(f -> onRequestSpliced(f.isSuccess()));
    }

    private void onRequestSpliced(boolean success) {
        splicingRequest = false;
        if (state != State.SENDING && state != State.RESPONDING) {
            return;
        }
        requestSent = true;
        if (!success) {
            // Part of the body has gone and the rest cannot be told from a next request: answer, then close.
            clientKeepAlive = false;
            if (state == State.SENDING) {
                pools.errors().report(allowed.route(), UpstreamError.RESET, null);
                releaseUpstream(false);
                respondError(new Verdict.Deny(HttpResponseStatus.BAD_GATEWAY, "InternalError",
                        "The upstream storage failed while serving the request.", head.uri()));
            } else {
                close();
            }
            return;
        }
        // An empty last chunk brings the upstream's encoder back to the start of a request.
        upstream.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        if (state == State.SENDING) {
            state = State.AWAITING;
            armTimer(allowed.route().responseTimeout(), this::onResponseTimeout);
        }
    }

    private void sendBody(HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (bodyTail != null && !bodyTail.accept(content.content(), last)) {
            refuseForm(content);
            return;
        }
        int n = content.content().readableBytes();
        relayed += n;
        if (planned >= 0 && (relayed > planned || (last && relayed != planned))) {
            refuseMisframedBody(content);
            return;
        }
        exchange.sent(n);
        if (requestLeft > 0) {
            requestLeft -= n;
        }
        if (last) {
            requestSent = true;
            state = State.AWAITING;
            upstream.writeAndFlush(withoutTrailers((LastHttpContent) content));
            armTimer(allowed.route().responseTimeout(), this::onResponseTimeout);
        } else {
            // Flushed once per socket read (channelReadComplete), not per chunk.
            upstream.write(content);
        }
    }

    /**
     * A chunked body's trailer fields are the client's headers too, and none was decided on: the
     * upstream gets the last chunk without them.
     */
    private static LastHttpContent withoutTrailers(LastHttpContent last) {
        if (last.trailingHeaders().isEmpty()) {
            return last;
        }
        LastHttpContent bare = new DefaultLastHttpContent(last.content().retain());
        last.release();
        return bare;
    }

    /**
     * The body would not match the length the upstream head states. The decoder framed the
     * client's body, so this cannot happen unless the gateway itself is wrong; the upstream
     * connection is closed before it could read a byte beyond, or short of, what it was told.
     */
    private void refuseMisframedBody(HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        content.release();
        releaseUpstream(false);
        requestSent = last;
        clientKeepAlive = false;
        exchange.outcome(RequestOutcome.ERROR);
        respondError(internalError());
    }

    /**
     * A form's body broke its shape after forwarding began: the upstream connection is closed
     * before it has the whole body, so the store cannot complete the upload, and the client
     * gets the error.
     */
    private void refuseForm(HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        content.release();
        bodyTail = null;
        releaseUpstream(false);
        requestSent = last;
        clientKeepAlive = false;
        refuseMalformedForm();
    }

    /**
     * After each socket read of the client, once the decoder has handled all of it: flushes
     * what went upstream, and hands the rest of a long request body to the kernel. Not
     * earlier, e.g. when the upstream connection is acquired inside that read: the decoder may
     * still hold body bytes of the same read.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // A form's file is checked piece by piece up to its closing boundary (bodyTail), so it is never spliced.
        if (state == State.SENDING && !splicingRequest && bodyTail == null && backlog.isEmpty()
                && requestLeft >= SplicedBody.MIN_BYTES && SplicedBody.possible(ctx.channel(), upstream)) {
            spliceRequestRest();
        } else if (upstream != null) {
            upstream.flush();
        }
        ctx.fireChannelReadComplete();
    }

    /** Called by the upstream relay when the upstream can take more of the request body. */
    void onUpstreamWritable() {
        // The client's idle time starts again from when the gateway reads it again.
        lastClientRead = System.nanoTime();
        readIfWanted();
    }

    /** Called by the upstream relay with each part of the response. */
    void onUpstreamMessage(Object msg) {
        if (msg instanceof HttpObject part && part.decoderResult().isFailure()) {
            // Not HTTP, or broken framing: the decoder's stand-in (status 999) must not reach the client.
            ReferenceCountUtil.release(msg);
            pools.errors().report(allowed.route(), UpstreamError.MALFORMED, part.decoderResult().cause());
            onUpstreamFailed(part.decoderResult().cause());
            return;
        }
        if (msg instanceof HttpResponse response) {
            if (response.status().code() == HttpResponseStatus.CONTINUE.code()) {
                ReferenceCountUtil.release(msg);
                upstream.read();
                return;
            }
            cancelTimer();
            if (state == State.SENDING) {
                // The upstream answered before the whole body was sent; neither side's framing can be reused.
                clientKeepAlive = false;
            }
            state = State.RESPONDING;
            exchange.status(response.status().code());
            responseKeepAlive = HttpUtil.isKeepAlive(response);
            spliceableLeft = spliceable(response) ? HttpUtil.getContentLength(response, -1L) : -1;
            allowed.responseHeaders().accept(response.headers());
            // after the route's translation, which may name the store's id x-cos-request-id (sigv4)
            exchange.upstreamAnswered(response.status().code(), RequestIdHeader.stamp(response.headers(), requestId));
            prepareResponseHeaders(response.headers());
            if (!(msg instanceof HttpContent)) {
                ctx.write(msg);
            }
        }
        if (msg instanceof HttpContent content) {
            exchange.received(content.content().readableBytes());
            if (spliceableLeft > 0) {
                spliceableLeft -= content.content().readableBytes();
            }
            if (content instanceof LastHttpContent) {
                exchange.upstreamFinished(System.nanoTime());
                complete();
                finishExchange(ctx.writeAndFlush(content));
                return;
            }
            ctx.write(content);
        }
    }

    /**
     * Called by the upstream relay after each socket read of the upstream: the response parts
     * of that read go to the client in one flush, and the next read is asked for only while
     * the client can take more.
     */
    void onUpstreamReadComplete() {
        if (state == State.CLOSED) {
            return;
        }
        if (state == State.RESPONDING && spliceableLeft >= SplicedBody.MIN_BYTES) {
            spliceRest();
            return;
        }
        ctx.flush();
        if (upstream != null && ctx.channel().isWritable()) {
            upstream.read();
        }
    }

    /**
     * Whether the body of {@code response} may be spliced once its head has gone through the
     * codecs. Not when the upstream says it will close: Netty's splice gives up on the bytes
     * still unread when the peer's FIN arrives, which would cut a complete body short.
     */
    private boolean spliceable(HttpResponse response) {
        int status = response.status().code();
        return (status == HttpResponseStatus.OK.code() || status == HttpResponseStatus.PARTIAL_CONTENT.code())
                && responseKeepAlive && !splicingRequest && !HttpMethod.HEAD.equals(head.method())
                && !HttpUtil.isTransferEncodingChunked(response) && SplicedBody.possible(ctx.channel(), upstream);
    }

    /**
     * Hands the rest of the response body to the kernel. The upstream's decoder does not see
     * those bytes, so the upstream connection is closed afterwards rather than reused, and its
     * relay is detached at once: anything it sends beyond the body closes it instead of reaching
     * the client. Its idle timer goes too: spliced reads pass no message through the pipeline,
     * so a download slower than the idle timeout would look idle. The bytes are counted (and
     * charged) when the splice starts.
     */
    private void spliceRest() {
        long left = spliceableLeft;
        spliceableLeft = -1;
        splicingResponse = true;
        responseKeepAlive = false;
        exchange.received(left);
        ctx.flush();
        upstream.pipeline().get(UpstreamRelay.class).detach();
        upstream.pipeline().remove(IdleStateHandler.class);
        SplicedBody.relay(upstream, ctx.channel(), left, true).addListener(f -> onSpliced(f.isSuccess()));
    }

    private void onSpliced(boolean success) {
        splicingResponse = false;
        if (state != State.RESPONDING) {
            return;
        }
        if (!success) {
            // Part of the body is on the wire already: only closing tells the client it is cut short.
            releaseUpstream(false);
            close();
            return;
        }
        exchange.upstreamFinished(System.nanoTime());
        complete();
        finishExchange(ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT));
    }

    private void prepareResponseHeaders(HttpHeaders headers) {
        headers.remove(HttpHeaderNames.CONNECTION).remove(HttpHeaderNames.KEEP_ALIVE)
                .remove(HttpHeaderNames.PROXY_AUTHENTICATE).remove(HttpHeaderNames.UPGRADE);
        if (draining.active()) {
            clientKeepAlive = false;
        }
        if (!keepsConnection()) {
            headers.set(HttpHeaderNames.CONNECTION, "close");
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && state == State.RESPONDING && upstream != null && !splicingResponse) {
            upstream.read();
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void finishExchange(ChannelFuture lastWrite) {
        releaseUpstream(responseKeepAlive && requestSent && (planned < 0 || relayed == planned));
        if (!keepsConnection()) {
            state = State.CLOSED;
            lastWrite.addListener(ChannelFutureListener.CLOSE);
            return;
        }
        becomeIdle();
    }

    private void becomeIdle() {
        if (draining.active()) {
            close();
            return;
        }
        state = State.IDLE;
        allowed = null;
        armTimer(limits.headerReadTimeout(), this::onHeaderTimeout);
        drainBacklog();
    }

    /** Called by the upstream relay when the upstream connection failed or closed mid-exchange. */
    void onUpstreamFailed(Throwable cause) {
        releaseUpstream(false);
        if (state == State.SENDING || state == State.AWAITING) {
            respondError(new Verdict.Deny(HttpResponseStatus.BAD_GATEWAY, "InternalError",
                    "The upstream storage failed while serving the request.", head.uri()));
            drainBacklog();
        } else if (state == State.RESPONDING) {
            close();
        }
    }

    private void onResponseTimeout() {
        if (state == State.AWAITING) {
            pools.errors().report(allowed.route(), UpstreamError.TIMEOUT, null);
            releaseUpstream(false);
            respondError(new Verdict.Deny(HttpResponseStatus.GATEWAY_TIMEOUT, "ServiceUnavailable",
                    "The upstream storage did not answer in time.", head.uri()));
            drainBacklog();
        }
    }

    private void onHeaderTimeout() {
        if (state == State.IDLE) {
            close();
        }
    }

    private void releaseUpstream(boolean reusable) {
        if (upstream == null) {
            return;
        }
        Channel ch = upstream;
        upstream = null;
        ch.pipeline().get(UpstreamRelay.class).detach();
        if (!reusable) {
            ch.close();
        }
        pool.release(ch);
    }

    private void close() {
        state = State.CLOSED;
        cancelTimer();
        ctx.close();
    }

    private void armTimer(Duration after, Runnable action) {
        cancelTimer();
        timer = ctx.executor().schedule(action, after.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** Tells the observer that the current request ended, once. */
    private void complete() {
        if (exchange.finish()) {
            observer.completed(exchange);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (head != null) {
            complete();
        }
        state = State.CLOSED;
        cancelTimer();
        releaseUpstream(false);
        dropBuffer();
        while (!backlog.isEmpty()) {
            ReferenceCountUtil.release(backlog.poll());
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == GatewayServer.Draining.STARTED && state == State.IDLE && backlog.isEmpty()) {
            close();
        } else if (evt instanceof ChannelInputShutdownEvent) {
            onClientDone();
        }
        ctx.fireUserEventTriggered(evt);
    }

    /**
     * The client ended its side of the connection (half-close). Requests it sent whole are still
     * answered, and the connection closes after the last answer; a body it had not finished can
     * never be, so that request ends here with COS's IncompleteBody and nothing completes upstream.
     */
    private void onClientDone() {
        clientDone = true;
        if ((state == State.IDLE && backlog.isEmpty()) || state == State.LINGERING) {
            close();
            return;
        }
        boolean bodyOpen = state == State.BUFFERING || ((state == State.CONNECTING || state == State.SENDING)
                && !requestSent && !splicingRequest && bodyFollows() && !bodyWaits());
        if (bodyOpen) {
            dropBuffer();
            releaseUpstream(false);
            clientKeepAlive = false;
            requestSent = true;
            exchange.outcome(RequestOutcome.ERROR);
            respondError(new Verdict.Deny(HttpResponseStatus.BAD_REQUEST, "IncompleteBody", "You did not provide "
                    + "the number of bytes specified by the Content-Length HTTP header.", head.uri()), false);
        }
    }

    /** Whether the end of the current request's body is already read and waits in the backlog. */
    private boolean bodyWaits() {
        for (Object msg : backlog) {
            if (msg instanceof LastHttpContent) {
                return true;
            }
        }
        return false;
    }

    /** Whether the connection stays open after the current answer: the client asked so, and may still send. */
    private boolean keepsConnection() {
        if (!clientKeepAlive) {
            return false;
        }
        if (!clientDone) {
            return true;
        }
        for (Object msg : backlog) {
            if (msg instanceof HttpRequest) {
                return true;
            }
        }
        return false;
    }
}
