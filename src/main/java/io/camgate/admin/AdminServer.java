package io.camgate.admin;

import io.camgate.config.AdminSection;
import io.camgate.config.ConfigLoader;
import io.camgate.config.ConfigReloader;
import io.camgate.config.ListenerUnavailable;
import io.camgate.metrics.GatewayMetrics;
import io.camgate.sign.Authenticator;
import io.camgate.store.StoreMode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The admin listener, on its own port ({@code admin:} in camgate.yaml): metrics, health,
 * readiness, reload, the decision endpoint and the CAM API. One small event loop takes the
 * connections and answers probes and scrapes; requests that read or write files are handled
 * one at a time on a worker thread, off that loop. Bodies are limited to 1 MiB.
 */
public final class AdminServer implements AutoCloseable {
    private static final int MAX_BODY = 1 << 20;

    private final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "camgate-admin-worker");
        t.setDaemon(true);
        return t;
    });
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final OpsEndpoints ops;
    private final Channel channel;

    private AdminServer(AdminSection where, OpsEndpoints ops, CamEndpoint cam, CloudApiEndpoint cloudApi)
            throws ListenerUnavailable, InterruptedException {
        this.ops = ops;
        OperatorToken operator = OperatorToken.of(where.token());
        ServerBootstrap b = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_BODY))
                                .addLast(new AdminHandler(ops, cam, cloudApi, operator, worker));
                    }
                });
        ChannelFuture bound = b.bind(where.address(), where.port()).await();
        if (!bound.isSuccess()) {
            worker.shutdown();
            loop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new ListenerUnavailable("admin", new InetSocketAddress(where.address(), where.port()), bound.cause());
        }
        this.channel = bound.channel();
    }

    /**
     * Starts the admin listener.
     *
     * @param where         address, port and operator token
     * @param reloader      the live configuration
     * @param loader        the loader the CAM API validates changes with
     * @param authenticator verifies the CAM API's callers
     * @param metrics       what {@code /metrics} serves
     * @throws ListenerUnavailable  when it cannot listen there (a port in use ...)
     * @throws InterruptedException while binding
     */
    public static AdminServer start(AdminSection where, ConfigReloader reloader, ConfigLoader loader,
            Authenticator authenticator, GatewayMetrics metrics) throws ListenerUnavailable, InterruptedException {
        return start(where, reloader, loader, authenticator, metrics, Optional.empty());
    }

    /**
     * Starts the admin listener of a replica whose configuration is {@code store}'s, when present:
     * readiness waits for the first read of the store, and CAM writes go to the store.
     *
     * @throws ListenerUnavailable  when it cannot listen there (a port in use ...)
     * @throws InterruptedException while binding
     */
    public static AdminServer start(AdminSection where, ConfigReloader reloader, ConfigLoader loader,
            Authenticator authenticator, GatewayMetrics metrics, Optional<StoreMode> store)
            throws ListenerUnavailable, InterruptedException {
        OpsEndpoints ops = new OpsEndpoints(reloader, metrics, store);
        CamService service = new CamService(reloader, loader, store);
        CamEndpoint cam = new CamEndpoint(authenticator, reloader, service);
        CloudApiEndpoint cloudApi = new CloudApiEndpoint(authenticator, reloader, service, Clock.systemUTC());
        return new AdminServer(where, ops, cam, cloudApi);
    }

    /** The bound port. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The bound address, as an IP literal. */
    public String address() {
        return ((InetSocketAddress) channel.localAddress()).getAddress().getHostAddress();
    }

    /** From now on {@code /readyz} answers 503, so that load balancers stop sending traffic. */
    public void drain() {
        ops.drain();
    }

    @Override
    public void close() {
        // connections first, while both executors still run their close events
        channel.close().syncUninterruptibly();
        connections.close().syncUninterruptibly();
        worker.shutdown();
        loop.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
