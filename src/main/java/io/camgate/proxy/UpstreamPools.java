package io.camgate.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.pool.AbstractChannelPoolHandler;
import io.netty.channel.pool.ChannelHealthChecker;
import io.netty.channel.pool.FixedChannelPool;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Connection pools to the upstreams, one per route and event loop, so that a client
 * connection and the upstream connection serving it share a thread and never hand data
 * across threads.
 */
public final class UpstreamPools implements AutoCloseable {
    private static final int MAX_PENDING_ACQUIRES = 4096;

    private final Transport transport;
    private final ConcurrentMap<Key, FixedChannelPool> pools = new ConcurrentHashMap<>();

    private record Key(String route, EventLoop loop) {
    }

    /** Pools that open connections with {@code transport}. */
    public UpstreamPools(Transport transport) {
        this.transport = transport;
    }

    /** The pool for {@code route} on {@code loop}, created on first use. */
    FixedChannelPool pool(UpstreamRoute route, EventLoop loop) {
        return pools.computeIfAbsent(new Key(route.name(), loop), k -> create(route, loop));
    }

    private FixedChannelPool create(UpstreamRoute route, EventLoop loop) {
        Bootstrap bootstrap = transport.spliceable(new Bootstrap())
                .group(loop)
                .channel(transport.clientChannel())
                .remoteAddress(route.target().getHost(), route.port())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) route.connectTimeout().toMillis())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true);
        AbstractChannelPoolHandler handler = new AbstractChannelPoolHandler() {
            @Override
            public void channelCreated(Channel ch) {
                ch.pipeline().addLast(
                        new HttpClientCodec(4096, 16 * 1024, 64 * 1024),
                        new IdleStateHandler(0, 0, route.idleTimeout().toMillis(), TimeUnit.MILLISECONDS),
                        new UpstreamRelay());
            }
        };
        return new FixedChannelPool(bootstrap, handler, ChannelHealthChecker.ACTIVE,
                FixedChannelPool.AcquireTimeoutAction.FAIL, route.connectTimeout().toMillis(),
                route.maxConnections(), MAX_PENDING_ACQUIRES, true, true);
    }

    /** Upstream connections lent to requests at the moment, over every route and event loop. */
    public int connectionsInUse() {
        int n = 0;
        for (FixedChannelPool pool : pools.values()) {
            n += pool.acquiredChannelCount();
        }
        return n;
    }

    /** How many pools (route and event loop pairs) have been opened. */
    public int size() {
        return pools.size();
    }

    @Override
    public void close() {
        pools.values().forEach(FixedChannelPool::close);
        pools.clear();
    }
}
