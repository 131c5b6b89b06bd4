package io.camgate.proxy;

import io.camgate.config.ListenerUnavailable;
import io.camgate.gate.RequestDecider;
import io.camgate.proxy.upstream.IoTransport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The ingress decision listener: answers nginx {@code auth_request} and Envoy {@code ext_authz}
 * decision requests with the gateway's own decider (see {@link IngressHandler}). Decision
 * requests carry no body worth reading, so at most {@value #MAX_BODY} bytes are accepted.
 */
final class IngressServer implements AutoCloseable {
    private static final int MAX_BODY = 8192;

    private final EventLoopGroup group;
    private final Channel listener;
    private final ChannelGroup connections;

    private IngressServer(EventLoopGroup group, Channel listener, ChannelGroup connections) {
        this.group = group;
        this.listener = listener;
        this.connections = connections;
    }

    /**
     * Binds and starts answering.
     *
     * @param bind     the address (port 0 picks a free one)
     * @param decider  the gateway's decider
     * @param served   the snapshot each decision request is decided with
     * @param observer told about each decision request
     * @param limits   the request-head limits
     * @param clock    the clock for {@code Date} headers
     */
    static IngressServer start(InetSocketAddress bind, RequestDecider decider, ServedConfig served,
            RequestObserver observer, ProxyLimits limits, Clock clock) throws ListenerUnavailable, InterruptedException {
        IoTransport transport = IoTransport.best();
        EventLoopGroup group = transport.group(0);
        RequestIds ids = new RequestIds();
        ChannelGroup connections = new DefaultChannelGroup("camgate-ingress", GlobalEventExecutor.INSTANCE);
        ServerBootstrap b = transport.setUp(new ServerBootstrap()).group(group).channel(transport.serverChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.pipeline().addLast(new HttpServerCodec(limits.maxInitialLineLength(), limits.maxHeaderSize(),
                                MAX_BODY), new HttpObjectAggregator(MAX_BODY),
                                new IngressHandler(decider, served, observer, ids, clock));
                    }
                });
        try {
            ChannelFuture bound = b.bind(bind).await();
            if (!bound.isSuccess()) {
                group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
                throw new ListenerUnavailable("ingress", bind, bound.cause());
            }
            return new IngressServer(group, bound.channel(), connections);
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    void stopAccepting() {
        listener.close().syncUninterruptibly();
    }

    /** Decisions take microseconds: connections are given a short grace, then closed. */
    void awaitDrained(Duration deadline) {
        connections.newCloseFuture().awaitUninterruptibly(Math.min(deadline.toMillis(), 1000));
        connections.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Override
    public void close() {
        stopAccepting();
        awaitDrained(Duration.ZERO);
    }
}
