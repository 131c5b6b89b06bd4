package io.camgate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.authz.Snapshot;
import io.camgate.authz.index.Published;
import io.camgate.authz.index.SnapshotHolder;
import io.camgate.proxy.upstream.IoTransport;
import io.camgate.proxy.upstream.RouteTable;
import io.camgate.proxy.upstream.UpstreamPools;
import io.camgate.proxy.upstream.UpstreamRoute;
import io.camgate.testing.RecordingUpstream;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.pool.FixedChannelPool;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a reload of the routes does to requests already under way: a request keeps the routes
 * it started with, and the pool of an upstream no route uses any more closes only once its
 * last lent connection comes back, over real connections to a recording upstream.
 */
class RetiredRoutesTest {
    private static UpstreamRoute route(URI target) {
        return new UpstreamRoute("store", target, 4, Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(60));
    }

    private static Channel acquire(EventLoop loop, UpstreamPools pools, UpstreamRoute route) throws Exception {
        FixedChannelPool pool = loop.submit(() -> pools.pool(route, loop)).get(10, TimeUnit.SECONDS);
        return pool.acquire().get(10, TimeUnit.SECONDS);
    }

    private static void release(EventLoop loop, UpstreamPools pools, UpstreamRoute route, Channel ch)
            throws Exception {
        loop.submit(() -> pools.pool(route, loop).release(ch)).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aRetiredPoolClosesAfterItsLastLentConnectionNotBefore() throws Exception {
        IoTransport transport = IoTransport.best();
        EventLoopGroup group = transport.group(1);
        try (RecordingUpstream old = RecordingUpstream.start(URI.create("http://127.0.0.1:9"));
                UpstreamPools pools = new UpstreamPools(transport)) {
            EventLoop loop = group.next();
            UpstreamRoute before = route(old.uri());
            UpstreamRoute after = route(URI.create("http://127.0.0.1:9"));
            Channel lent = acquire(loop, pools, before);

            pools.retireAllBut(Set.of(after));
            loop.submit(() -> { }).get(10, TimeUnit.SECONDS); // the retirement ran on the pool's loop
            assertThat(lent.isActive()).as("a request under way keeps its connection").isTrue();
            assertThat(pools.size()).isEqualTo(1);

            release(loop, pools, before, lent);
            assertThat(lent.closeFuture().await(10, TimeUnit.SECONDS)).as("closed once given back").isTrue();
            assertThat(old.awaitConnectionsClosed()).isZero();
            assertThat(pools.size()).isZero();

            // a request decided before the reload and forwarded after it still gets a connection
            Channel late = acquire(loop, pools, before);
            assertThat(late.isActive()).isTrue();
            release(loop, pools, before, late);
            assertThat(pools.size()).as("and that pool closes too").isZero();
            assertThat(late.closeFuture().await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void aRequestKeepsTheRoutesItStartedWithAndTheNextTakesTheStagedOnes() throws Exception {
        Snapshot first = ExampleGateway.exampleSnapshot();
        SnapshotHolder holder = new SnapshotHolder(first);
        RouteTable old = new RouteTable(ExampleGateway.settings(URI.create("http://127.0.0.1:9"),
                ExampleGateway.plainListener()).routes());
        RouteTable next = new RouteTable(ExampleGateway.settings(URI.create("http://127.0.0.1:10"),
                ExampleGateway.plainListener()).routes());
        ServedConfig served = new ServedConfig(holder, old);
        ServedConfig.Current underWay = served.current();

        Published staged = holder.prepare(new Snapshot(2, first.revision(), first.directory(), first.policies()));
        served.stage(staged, next);
        assertThat(served.current().routes()).as("staged, not yet published").isSameAs(old);
        holder.publish(staged);

        assertThat(served.current().published()).isSameAs(staged);
        assertThat(served.current().routes()).isSameAs(next);
        assertThat(underWay.routes()).isSameAs(old);
        assertThat(underWay.published().generation()).isEqualTo(1);

        // policies published alone (camgate.yaml not read) keep the routes in force
        holder.publish(new Snapshot(3, first.revision(), first.directory(), first.policies()));
        assertThat(served.current().published().generation()).isEqualTo(3);
        assertThat(served.current().routes()).isSameAs(next);
    }
}
