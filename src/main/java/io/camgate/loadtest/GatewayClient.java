package io.camgate.loadtest;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A small HTTP/1.1 client for load: a fixed number of keep-alive connections, each carrying
 * one request at a time, and a queue for requests that find every connection busy. Submitting
 * never blocks, so an open-loop driver keeps its schedule; the time a request waits in the
 * queue is part of its response time. Responses are read as they stream in and only the first
 * few kilobytes of a body are kept (enough for a COS error code).
 */
final class GatewayClient implements AutoCloseable {
    private static final int KEPT_BODY = 4096;

    /** What becomes of a submitted request. */
    interface Listener {
        /** A response came back; {@code sentAt} is when it left the queue. */
        void answered(Submitted s, int status, String body, long sentAt, long doneAt);

        /** It failed or was refused: no connection, a reset, a timeout, a full queue. */
        void failed(Submitted s, String why, long doneAt);
    }

    /**
     * One request as submitted.
     *
     * @param call     the request
     * @param intended when the schedule meant it to start ({@link System#nanoTime()})
     */
    record Submitted(HttpCall call, long intended) {
    }

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final Listener listener;
    private final long timeoutNanos;
    private final int maxQueued;
    private final InetSocketAddress address;
    private final SslContext tls;
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private final ArrayDeque<Submitted> queued = new ArrayDeque<>();

    /**
     * @param address     the gateway
     * @param connections how many connections at most
     * @param maxQueued   how many requests may wait for a connection before more are refused
     * @param timeout     how long one request may take once sent
     * @param listener    told about every request
     * @param tls         the client TLS context, or null for plain HTTP
     */
    GatewayClient(InetSocketAddress address, int connections, int maxQueued, Duration timeout, Listener listener,
            SslContext tls) {
        this.group = new MultiThreadIoEventLoopGroup(Math.min(2, connections), NioIoHandler.newFactory());
        this.listener = listener;
        this.timeoutNanos = timeout.toNanos();
        this.maxQueued = maxQueued;
        this.address = address;
        this.tls = tls;
        this.bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class).remoteAddress(address)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(10_000, timeout.toMillis()));
        for (int i = 0; i < connections; i++) {
            idle.add(new Connection());
        }
    }

    /** Sends {@code s} on an idle connection, or queues it; never blocks. */
    void submit(Submitted s) {
        Connection c;
        synchronized (this) {
            c = idle.poll();
            if (c == null) {
                if (queued.size() >= maxQueued) {
                    c = null;
                } else {
                    queued.add(s);
                    return;
                }
            }
        }
        if (c == null) {
            listener.failed(s, "queue full", System.nanoTime());
        } else {
            c.send(s);
        }
    }

    /** Hands {@code c} the next queued request, or returns it to the idle ones. */
    private void release(Connection c) {
        Submitted next;
        synchronized (this) {
            next = queued.poll();
            if (next == null) {
                idle.add(c);
                return;
            }
        }
        c.send(next);
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /**
     * One keep-alive connection, reopened when the server closes it; the last handler of its
     * pipeline, {@code [SslHandler, with TLS] ─▶ [HttpClientCodec] ─▶ [Connection]}. All its state lives on its event loop.
     */
    private final class Connection extends SimpleChannelInboundHandler<HttpObject> {
        /** Written on the event loop; read by a submitting thread only while this connection is idle. */
        private volatile Channel channel;
        private Submitted current;
        private long sentAt;
        private int status;
        private boolean keepAlive;
        private final StringBuilder body = new StringBuilder();
        private ScheduledFuture<?> timer;

        void send(Submitted s) {
            Channel open = channel;
            if (open != null && open.isActive()) {
                open.eventLoop().execute(() -> write(open, s, false));
                return;
            }
            bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    if (tls != null) {
                        ch.pipeline().addLast(tls.newHandler(ch.alloc(), address.getHostString(), address.getPort()));
                    }
                    ch.pipeline().addLast(new HttpClientCodec(), Connection.this);
                }
            }).connect().addListener(f -> {
                if (f.isSuccess()) {
                    Channel ch = ((io.netty.channel.ChannelFuture) f).channel();
                    ch.eventLoop().execute(() -> {
                        channel = ch;
                        write(ch, s, true);
                    });
                } else {
                    listener.failed(s, "connect: " + f.cause().getMessage(), System.nanoTime());
                    release(this);
                }
            });
        }

        /** Sends {@code s} on {@code ch}; {@code fresh} when {@code ch} was opened for it. */
        private void write(Channel ch, Submitted s, boolean fresh) {
            if (ch != channel || !ch.isActive()) {
                channel = null;
                if (fresh) {
                    listener.failed(s, "connection closed before the request", System.nanoTime());
                    release(this);
                } else {
                    // the server closed this idle connection (a keep-alive timeout): open another
                    send(s);
                }
                return;
            }
            current = s;
            status = 0;
            keepAlive = true;
            body.setLength(0);
            HttpCall call = s.call();
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(call.method()),
                    call.target(), Unpooled.wrappedBuffer(call.body()));
            List<String> h = call.headers();
            for (int i = 0; i + 1 < h.size(); i += 2) {
                request.headers().add(h.get(i), h.get(i + 1));
            }
            sentAt = System.nanoTime();
            timer = ch.eventLoop().schedule(() -> fail(ch, "timeout"), timeoutNanos, TimeUnit.NANOSECONDS);
            ch.writeAndFlush(request).addListener(f -> {
                if (!f.isSuccess()) {
                    fail(ch, "write: " + f.cause().getMessage());
                }
            });
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (current == null) {
                return;
            }
            if (msg instanceof HttpResponse r) {
                status = r.status().code();
                keepAlive = HttpUtil.isKeepAlive(r);
            }
            if (msg instanceof HttpContent c && body.length() < KEPT_BODY) {
                int n = Math.min(c.content().readableBytes(), KEPT_BODY - body.length());
                body.append(c.content().toString(c.content().readerIndex(), n, StandardCharsets.UTF_8));
            }
            if (msg instanceof LastHttpContent) {
                Submitted done = finish();
                listener.answered(done, status, body.toString(), sentAt, System.nanoTime());
                if (!keepAlive) {
                    channel = null;
                    ctx.channel().close();
                }
                release(this);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            fail(ctx.channel(), "connection closed before the answer");
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(ctx.channel(), cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }

        /** Ends the request in flight on {@code ch} (if any) as failed, closes the connection, frees it. */
        private void fail(Channel ch, String why) {
            if (ch != channel || current == null) {
                if (ch == channel && !ch.isActive()) {
                    channel = null;
                }
                ch.close();
                return;
            }
            Submitted s = finish();
            ch.close();
            channel = null;
            listener.failed(s, why, System.nanoTime());
            release(this);
        }

        private Submitted finish() {
            Submitted s = current;
            current = null;
            if (timer != null) {
                timer.cancel(false);
            }
            return s;
        }

        @Override
        public boolean isSharable() {
            return true;
        }
    }
}
