package io.camgate.proxy;

import io.camgate.proxy.upstream.UpstreamPools;
import io.camgate.proxy.upstream.Verdict;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayDeque;

/**
 * One client connection's exchanges, one request at a time: asks the {@link Gatekeeper} on
 * the request head, then hands the request to the phase that acts on the verdict. This class
 * holds the connection's state and its backlog, decides when the client is read, and is the
 * only one that moves between states; the phases are its parts, made once per connection and
 * reset per request, so no request allocates them:
 * <ul>
 * <li>{@link DecisionBody}: reads the bounded body a decision needs (a multi-delete list, a form's fields);</li>
 * <li>{@link ParkedDecision}: holds a request whose decision waits on Redis (an exact limit);</li>
 * <li>{@link UpstreamExchange}: one request's upstream leg, from acquiring a pooled connection to
 *     relaying the response to the client and releasing it;</li>
 * <li>{@link SpliceControl}: long bodies moved socket to socket by the kernel, in both directions;</li>
 * <li>{@link Refusal}: every COS error this connection answers, and the draining of a refused body;</li>
 * <li>{@link Deadlines}: the header, body, response and linger timeouts.</li>
 * </ul>
 *
 * <pre>
 * client ─▶ [StrictRequestDecoder] [HttpResponseEncoder] ─▶ [FramingGuard] ─▶ [ProxyHandler] ⇄ upstream pool
 * </pre>
 *
 * <p>Reading is explicit (auto-read is off on both sides): the client is read only while its
 * data can go somewhere (the upstream is writable, or a denied body is being drained), and
 * the upstream only while the client is writable, so neither side buffers more than a socket
 * read. {@code 100 Continue} is sent only after the request is allowed and an upstream
 * connection is ready.
 *
 * <p>Each request is followed in the connection's one {@link Exchange}: body bytes are
 * charged to the caller's allowance as they pass in either direction, and the
 * {@link RequestObserver} is told once when the request ends ({@link #complete}).
 */
final class ProxyHandler extends ChannelInboundHandlerAdapter {
    enum State {
        /** Waiting for a request head. */
        IDLE,
        /** Reading a body the decision depends on. */
        BUFFERING,
        /** Parked until a decision made off the event loop comes back. */
        DECIDING,
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

    private final Gatekeeper gate;
    private final RequestObserver observer;
    private final boolean secure;
    final Exchange exchange = new Exchange();
    final ProxyLimits limits;
    final GatewayServer.Draining draining;
    final ArrayDeque<Object> backlog = new ArrayDeque<>();
    private final RequestIds ids;
    /** The client's address as text, worked out once for the connection's requests. */
    private String clientIp;

    final DecisionBody body = new DecisionBody(this);
    final ParkedDecision parked = new ParkedDecision(this);
    final UpstreamExchange upstream;
    final SpliceControl splice = new SpliceControl(this);
    final Refusal refusal;
    final Deadlines deadlines;

    ChannelHandlerContext ctx;
    State state = State.IDLE;
    HttpRequest head;
    String requestId;
    boolean clientKeepAlive;
    /** The client has ended its side: nothing more will come, so the connection closes once what it sent is answered. */
    private boolean clientDone;
    /** Whether the whole request body has been read from the client. */
    boolean requestSent;
    boolean continueExpected;
    /** Request body bytes still to come when its length is known, else -1. */
    long requestLeft = -1;

    ProxyHandler(Gatekeeper gate, RequestObserver observer, UpstreamPools pools, ProxyLimits limits, RequestIds ids,
            Clock clock, boolean secure, GatewayServer.Draining draining) {
        this.draining = draining;
        this.gate = gate;
        this.observer = observer;
        this.limits = limits;
        this.ids = ids;
        this.secure = secure;
        this.upstream = new UpstreamExchange(this, pools);
        this.refusal = new Refusal(this, clock);
        this.deadlines = new Deadlines(this, limits);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        clientIp = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress();
        deadlines.header();
        ctx.read();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        deadlines.clientRead();
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
            case DECIDING, CONNECTING, AWAITING, RESPONDING -> backlog.add(msg);
            case SENDING -> {
                if (splice.request()) {
                    backlog.add(msg);
                } else {
                    upstream.sendBody((HttpContent) msg);
                }
            }
            case BUFFERING -> body.add(msg);
            case LINGERING -> refusal.linger(msg);
            case CLOSED -> ReferenceCountUtil.release(msg);
        }
    }

    /** Asks for the next socket read when this state can use data and nothing is waiting. */
    void readIfWanted() {
        if (!backlog.isEmpty()) {
            return;
        }
        boolean wanted = state == State.IDLE || state == State.LINGERING || state == State.BUFFERING
                || (state == State.SENDING && !splice.request() && upstream.writable());
        if (wanted && ctx.channel().isActive()) {
            if (splice.readsDeferred()) {
                ctx.executor().execute(ctx::read);
            } else {
                ctx.read();
            }
        }
    }

    void drainBacklog() {
        while (!backlog.isEmpty() && (state == State.IDLE || (state == State.SENDING && !splice.request())
                || state == State.LINGERING
                || state == State.BUFFERING
                || state == State.CLOSED)) {
            handle(backlog.poll());
        }
        upstream.flush();
        readIfWanted();
    }

    private void onRequest(HttpRequest request) {
        deadlines.cancel();
        head = request;
        requestId = ids.next();
        clientKeepAlive = HttpUtil.isKeepAlive(request);
        continueExpected = HttpUtil.is100ContinueExpected(request);
        requestLeft = HttpUtil.isTransferEncodingChunked(request) ? -1 : HttpUtil.getContentLength(request, -1L);
        requestSent = false;
        body.reset();
        upstream.reset();
        exchange.begin(requestId, request.method().name(), request.uri(), System.nanoTime());
        exchange.arrived(clientIp, request.headers().get(HttpHeaderNames.HOST));
        Verdict verdict;
        try {
            verdict = gate.admit(request, clientIp, tlsProtocol(), exchange);
        } catch (RuntimeException e) {
            verdict = refusal.internalError();
        }
        act(verdict);
    }

    void act(Verdict verdict) {
        settle(verdict);
        if (verdict instanceof Verdict.Deny deny) {
            refusal.respond(deny);
        } else if (verdict instanceof Verdict.ReadBody read) {
            body.read(read);
        } else if (verdict instanceof Verdict.ReadForm form) {
            body.readForm(form);
        } else if (verdict instanceof Verdict.Allow allow) {
            upstream.connect(allow);
        } else if (verdict instanceof Verdict.Later<?> later) {
            parked.park(later);
        } else {
            refusal.respond(refusal.internalError());
        }
    }

    /** The negotiated TLS protocol of this connection, or null without TLS. */
    private String tlsProtocol() {
        if (!secure) {
            return null;
        }
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        return ssl == null ? null : ssl.engine().getSession().getProtocol();
    }

    boolean bodyFollows() {
        return HttpUtil.isTransferEncodingChunked(head) || HttpUtil.getContentLength(head, 0L) > 0;
    }

    /**
     * After each socket read of the client, once the decoder has handled all of it: flushes
     * what went upstream, and hands the rest of a long request body to the kernel. Not
     * earlier, e.g. when the upstream connection is acquired inside that read: the decoder may
     * still hold body bytes of the same read.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (state == State.SENDING && backlog.isEmpty() && splice.requestPossible()) {
            splice.requestRest();
        } else {
            upstream.flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && state == State.RESPONDING && !splice.response()) {
            upstream.read();
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** The current request is answered and the connection stays: waits for the next request head. */
    void becomeIdle() {
        if (draining.active()) {
            close();
            return;
        }
        state = State.IDLE;
        upstream.reset();
        deadlines.header();
        drainBacklog();
    }

    void close() {
        state = State.CLOSED;
        deadlines.stop();
        ctx.close();
    }

    /**
     * Counts the current request as {@code verdict} answers it: the one place the proxy sets an
     * outcome, from the value the gate returned (for a head, for a body read to decide, or a
     * refusal of a request under way). A store that fails after an allow changes nothing here:
     * the request stays an allow, answered 502 or 504.
     */
    void settle(Verdict verdict) {
        exchange.outcome(verdict.outcome());
    }

    /** Tells the observer that the current request ended, once: the one place it is handed on. */
    void complete() {
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
        deadlines.stop();
        upstream.release(false);
        body.drop();
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
        boolean bodyOpen = state == State.BUFFERING || ((state == State.DECIDING || state == State.CONNECTING
                || state == State.SENDING)
                && !requestSent && !splice.request() && bodyFollows() && !bodyWaits());
        if (bodyOpen) {
            refusal.incompleteBody();
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
    boolean keepsConnection() {
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
