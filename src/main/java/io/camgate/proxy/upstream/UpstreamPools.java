package io.camgate.proxy.upstream;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.pool.AbstractChannelPoolHandler;
import io.netty.channel.pool.ChannelHealthChecker;
import io.netty.channel.pool.FixedChannelPool;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslHandler;
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
 *
 * <p>To an {@code https://} upstream a connection is lent only once its TLS handshake is
 * complete ({@link UpstreamTls}), so a request head is never written to an upstream whose
 * certificate was not accepted. Every failed connection is reported ({@link UpstreamErrorReport}).
 */
public final class UpstreamPools implements AutoCloseable {
    private static final int MAX_PENDING_ACQUIRES = 4096;

    private final IoTransport transport;
    private final UpstreamErrorReport errors;
    private final ConcurrentMap<Key, Pool> pools = new ConcurrentHashMap<>();
    /** The upstreams the routes in force use; null until a route table is first put in force. */
    private volatile Set<UpstreamRoute> inUse;

    /** A pool's upstream, the host it connects to ({@link UpstreamHost}) and its event loop. */
    private record Key(UpstreamRoute route, String host, EventLoop loop) {
    }

    /** Pools that open connections with {@code transport}, reporting failures nowhere. */
    public UpstreamPools(IoTransport transport) {
        this(transport, new UpstreamObserver() {
        });
    }

    /** Pools that open connections with {@code transport} and tell {@code observer} of each failed one. */
    public UpstreamPools(IoTransport transport, UpstreamObserver observer) {
        this.transport = transport;
        this.errors = new UpstreamErrorReport(observer);
    }

    /** Where failures of the pools' connections are reported, also by the exchanges that use them. */
    public UpstreamErrorReport errors() {
        return errors;
    }

    /** The pool for {@code route}'s own host on {@code loop}, created on first use; called on {@code loop}. */
    public FixedChannelPool pool(UpstreamRoute route, EventLoop loop) {
        return pool(route, null, loop);
    }

    /**
     * The pool on {@code loop} for requests to {@code route} whose head names {@code hostHeader}
     * ({@link UpstreamHost}: a virtual-hosted bucket of an https upstream has its own), created
     * on first use; called on {@code loop}.
     */
    public FixedChannelPool pool(UpstreamRoute route, String hostHeader, EventLoop loop) {
        Pool pool = pools.computeIfAbsent(new Key(route, UpstreamHost.of(route, hostHeader), loop), this::create);
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
    public void retireAllBut(Set<UpstreamRoute> routes) {
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
        Bootstrap bootstrap = transport.setUp(new Bootstrap())
                .group(key.loop())
                .channel(transport.clientChannel())
                .remoteAddress(key.host(), route.port())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) route.connectTimeout().toMillis())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true);
        AbstractChannelPoolHandler handler = new AbstractChannelPoolHandler() {
            @Override
            public void channelCreated(Channel ch) {
                if (route.tls() != null) {
                    ch.pipeline().addLast(route.tls().newHandler(ch.alloc(), key.host(), route.port(),
                            route.connectTimeout()));
                }
                ch.pipeline().addLast(
                        new HttpClientCodec(4096, 16 * 1024, 64 * 1024),
                        // reads only: a lent connection's time is the exchange's deadlines', and a
                        // timer on reads puts no listener on every write
                        new IdleStateHandler(route.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS),
                        new UpstreamRelay(route, errors));
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

    /** Upstream connections of the route named {@code route} lent to requests at the moment. */
    public int connectionsInUse(String route) {
        int n = 0;
        for (Map.Entry<Key, Pool> e : pools.entrySet()) {
            if (e.getKey().route().name().equals(route)) {
                n += e.getValue().acquiredChannelCount();
            }
        }
        return n;
    }

    /** How many pools the route named {@code route} has open (one per event loop, retired ones included). */
    public int size(String route) {
        int n = 0;
        for (Key k : pools.keySet()) {
            if (k.route().name().equals(route)) {
                n++;
            }
        }
        return n;
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

        /**
         * A new connection, lent only once it is ready: connected, and to an https upstream
         * with its handshake complete. A failure is reported; the pool fails the acquire with it.
         */
        @Override
        protected ChannelFuture connectChannel(Bootstrap bs) {
            ChannelFuture connected = super.connectChannel(bs);
            ChannelPromise ready = connected.channel().newPromise();
            connected.addListener(c -> {
                if (!c.isSuccess()) {
                    failed(ready, c.cause());
                    return;
                }
                SslHandler tls = connected.channel().pipeline().get(SslHandler.class);
                if (tls == null) {
                    ready.trySuccess();
                    return;
                }
                tls.handshakeFuture().addListener(h -> {
                    if (h.isSuccess()) {
                        ready.trySuccess();
                    } else {
                        connected.channel().close();
                        failed(ready, h.cause());
                    }
                });
            });
            return ready;
        }

        private void failed(ChannelPromise ready, Throwable cause) {
            try {
                errors.report(key.route(), UpstreamErrorCause.ofConnect(cause), cause);
            } finally {
                // the waiting exchange gets its 502 whatever the report did
                ready.tryFailure(cause);
            }
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
