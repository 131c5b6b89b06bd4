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
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Connection pools to the upstreams, one per upstream and event loop, so that a client
 * connection and the upstream connection serving it share a thread and never hand data
 * across threads.
 *
 * <p>A pool belongs to one {@link UpstreamRoute} (target, limits and timeouts): a reload that
 * changes a route's upstream sends new requests to new pools, and {@link #retireAllBut}
 * retires the pools no route uses any more. A retired pool closes once none of its
 * connections is lent out, so requests that started under the old routes finish on them.
 * Everything a pool does, retiring and closing included, happens on its own event loop.
 */
public final class UpstreamPools implements AutoCloseable {
    private static final int MAX_PENDING_ACQUIRES = 4096;

    private final Transport transport;
    private final ConcurrentMap<Key, Pool> pools = new ConcurrentHashMap<>();
    /** The upstreams the routes in force use; null until a route table is first put in force. */
    private volatile Set<UpstreamRoute> inUse;

    private record Key(UpstreamRoute route, EventLoop loop) {
    }

    /** Pools that open connections with {@code transport}. */
    public UpstreamPools(Transport transport) {
        this.transport = transport;
    }

    /** The pool for {@code route} on {@code loop}, created on first use; called on {@code loop}. */
    FixedChannelPool pool(UpstreamRoute route, EventLoop loop) {
        Pool pool = pools.computeIfAbsent(new Key(route, loop), this::create);
        // read after the pool is in the map: a retirement that missed it in the map is seen here
        Set<UpstreamRoute> routes = inUse;
        if (routes != null && !routes.contains(route)) {
            // a request decided under the routes before a reload: it gets its connection, then the pool closes
            pool.retired = true;
        }
        return pool;
    }

    /**
     * Retires the pools of every upstream not in {@code routes}, the upstreams of the route
     * table now in force: each closes on its event loop once no connection of it is lent.
     */
    void retireAllBut(Set<UpstreamRoute> routes) {
        inUse = Set.copyOf(routes);
        for (Map.Entry<Key, Pool> e : pools.entrySet()) {
            if (!routes.contains(e.getKey().route())) {
                Pool pool = e.getValue();
                e.getKey().loop().execute(pool::retire);
            }
        }
    }

    private Pool create(Key key) {
        UpstreamRoute route = key.route();
        Bootstrap bootstrap = transport.spliceable(new Bootstrap())
                .group(key.loop())
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
        return new Pool(key, bootstrap, handler);
    }

    /** Upstream connections lent to requests at the moment, over every route and event loop. */
    public int connectionsInUse() {
        int n = 0;
        for (FixedChannelPool pool : pools.values()) {
            n += pool.acquiredChannelCount();
        }
        return n;
    }

    /** How many pools (upstream and event loop pairs) are open, retired ones still draining included. */
    public int size() {
        return pools.size();
    }

    @Override
    public void close() {
        pools.values().forEach(FixedChannelPool::close);
        pools.clear();
    }

    /** One upstream's pool on one event loop, which closes itself after its last lent connection once retired. */
    private final class Pool extends FixedChannelPool {
        private final Key key;
        /** Set and read on the pool's event loop only. */
        private boolean retired;

        Pool(Key key, Bootstrap bootstrap, AbstractChannelPoolHandler handler) {
            super(bootstrap, handler, ChannelHealthChecker.ACTIVE, FixedChannelPool.AcquireTimeoutAction.FAIL,
                    key.route().connectTimeout().toMillis(), key.route().maxConnections(), MAX_PENDING_ACQUIRES,
                    true, true);
            this.key = key;
        }

        void retire() {
            retired = true;
            closeIfUnused();
        }

        @Override
        public Future<Void> release(Channel channel, Promise<Void> promise) {
            Future<Void> released = super.release(channel, promise);
            released.addListener(f -> closeIfUnused());
            return released;
        }

        private void closeIfUnused() {
            if (retired && acquiredChannelCount() == 0 && pools.remove(key, this)) {
                // asynchronously: close() would wait on this event loop for channels it closes
                closeAsync();
            }
        }
    }
}
