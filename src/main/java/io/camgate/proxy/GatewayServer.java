package io.camgate.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpResponseEncoder;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * The data-plane listener: accepts client connections and builds each one's pipeline.
 *
 * <pre>
 * [StrictRequestDecoder] [HttpResponseEncoder] ─▶ [FramingGuard] ─▶ [ProxyHandler]
 * </pre>
 */
public final class GatewayServer implements AutoCloseable {
    private final EventLoopGroup group;
    private final UpstreamPools pools;
    private final Channel listener;

    private GatewayServer(EventLoopGroup group, UpstreamPools pools, Channel listener) {
        this.group = group;
        this.pools = pools;
        this.listener = listener;
    }

    /**
     * Binds and starts serving.
     *
     * @param bind    the address to listen on (port 0 picks a free one)
     * @param threads event-loop threads (0: Netty's default)
     * @param gate    decides each request head
     * @param limits  client limits
     * @param clock   the clock for {@code Date} headers and time checks
     */
    public static GatewayServer start(InetSocketAddress bind, int threads, Gatekeeper gate, ProxyLimits limits,
            Clock clock) throws InterruptedException {
        Transport transport = Transport.best();
        EventLoopGroup group = transport.group(threads);
        UpstreamPools pools = new UpstreamPools(transport);
        RequestIds ids = new RequestIds();
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(
                                new StrictRequestDecoder(limits.maxInitialLineLength(), limits.maxHeaderSize()),
                                new HttpResponseEncoder(),
                                new FramingGuard(ids, clock),
                                new ProxyHandler(gate, pools, limits, ids, clock, false));
                    }
                });
        try {
            Channel listener = b.bind(bind).sync().channel();
            return new GatewayServer(group, pools, listener);
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    /** The port it listens on. */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        pools.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
