package io.camgate.proxy;

import io.camgate.config.ListenerUnavailable;
import io.camgate.proxy.upstream.IoTransport;
import io.camgate.proxy.upstream.UpstreamPools;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The data-plane listener: accepts client connections and builds each one's pipeline.
 *
 * <pre>
 * [SslHandler, with TLS] ─▶ [StrictRequestDecoder] [HttpResponseEncoder] ─▶ [FramingGuard] ─▶ [ProxyHandler]
 * </pre>
 *
 * <p>{@link #shutdownGracefully} stops accepting, lets each connection finish the exchange it
 * is in (idle ones close at once, busy ones after their response, with {@code Connection:
 * close}) and closes whatever is left when the deadline passes.
 */
final class GatewayServer implements AutoCloseable {
    private final EventLoopGroup group;
    private final UpstreamPools pools;
    private volatile Channel listener;
    private final ChannelGroup connections;
    private final Draining draining;
    /** The limits new connections take; a reload may change them, connections keep theirs. */
    private volatile ProxyLimits limits;

    /** Whether the server is shutting down; read by every connection at the end of each exchange. */
    static final class Draining {
        /** The event each connection gets when draining starts. */
        static final Object STARTED = new Object();

        private volatile boolean active;

        boolean active() {
            return active;
        }
    }

    private GatewayServer(EventLoopGroup group, UpstreamPools pools, ChannelGroup connections, Draining draining,
            ProxyLimits limits) {
        this.group = group;
        this.pools = pools;
        this.connections = connections;
        this.draining = draining;
        this.limits = limits;
    }

    /**
     * Binds and starts serving.
     *
     * @param bind    the address to listen on (port 0 picks a free one)
     * @param threads event-loop threads (0: Netty's default)
     * @param gate    decides each request head
     * @param observer told what happens to each request
     * @param limits  client limits, until {@link #limits(ProxyLimits)} changes them
     * @param clock   the clock for {@code Date} headers and time checks
     * @param tls     the server TLS context, or null for plain HTTP
     */
    public static GatewayServer start(InetSocketAddress bind, int threads, Gatekeeper gate, RequestObserver observer,
            ProxyLimits limits, Clock clock, SslContext tls) throws ListenerUnavailable, InterruptedException {
        IoTransport transport = IoTransport.best();
        EventLoopGroup group = transport.group(threads);
        UpstreamPools pools = new UpstreamPools(transport, observer);
        RequestIds ids = new RequestIds();
        ChannelGroup connections = new DefaultChannelGroup("camgate-clients", GlobalEventExecutor.INSTANCE);
        Draining draining = new Draining();
        GatewayServer server = new GatewayServer(group, pools, connections, draining, limits);
        ServerBootstrap b = transport.setUp(new ServerBootstrap())
                .group(group)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // A client may end its side once its request is sent and still wait for the answer.
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        }
                        ProxyLimits now = server.limits;
                        ch.pipeline().addLast(
                                new StrictRequestDecoder(now.maxInitialLineLength(), now.maxHeaderSize()),
                                new HttpResponseEncoder(),
                                new FramingGuard(ids, clock, observer),
                                new ProxyHandler(gate, observer, pools, now, ids, clock, tls != null, draining));
                    }
                });
        try {
            ChannelFuture bound = b.bind(bind).await();
            if (!bound.isSuccess()) {
                group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
                throw new ListenerUnavailable("gateway", bind, bound.cause());
            }
            server.listener = bound.channel();
            return server;
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    /** Connections accepted from now on take {@code next}; open ones keep the limits they started with. */
    void limits(ProxyLimits next) {
        limits = next;
    }

    /** The upstream connection pools, for their metrics. */
    public UpstreamPools upstreamPools() {
        return pools;
    }

    /** The port it listens on. */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** Whether the listener still accepts connections (false once shutdown began): readiness. */
    public boolean accepting() {
        return listener.isActive() && !draining.active();
    }

    /**
     * Stops accepting at once: the listening socket is closed when this returns, idle
     * connections close, and busy ones close after the response they are sending.
     */
    public void stopAccepting() {
        draining.active = true;
        listener.close().syncUninterruptibly();
        for (Channel ch : connections) {
            ch.eventLoop().execute(() -> ch.pipeline().fireUserEventTriggered(Draining.STARTED));
        }
    }

    /**
     * After {@link #stopAccepting()}: waits up to {@code deadline} for the open connections to
     * finish, closes what remains and releases everything.
     *
     * @return true when every connection finished within the deadline
     */
    public boolean awaitDrained(Duration deadline) {
        boolean finished = connections.newCloseFuture().awaitUninterruptibly(deadline.toMillis());
        connections.close().awaitUninterruptibly();
        pools.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        return finished;
    }

    /** {@link #stopAccepting()}, then {@link #awaitDrained(Duration)}. */
    public boolean shutdownGracefully(Duration deadline) {
        stopAccepting();
        return awaitDrained(deadline);
    }

    /** Stops at once, unless a drain already released everything. */
    @Override
    public void close() {
        if (!group.isShuttingDown()) {
            shutdownGracefully(Duration.ZERO);
        }
    }
}
