package io.camgate.proxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollMode;
import org.junit.jupiter.api.Test;

/** How the gateway's sockets are set up: pooled buffers everywhere, level-triggered under epoll. */
class IoTransportTest {
    @Test
    void withoutAnAllocatorNamedByPropertyTheGatewayUsesNettysPooledArenas() {
        assertThat(System.getProperty("io.netty.allocator.type")).isNull();
        assertThat(IoTransport.ALLOCATOR).isSameAs(PooledByteBufAllocator.DEFAULT);
    }

    @Test
    void acceptedConnectionsAndTheListenerGetThePooledBuffers() {
        ServerBootstrap b = IoTransport.NIO.setUp(new ServerBootstrap());
        assertThat(b.config().childOptions()).containsEntry(ChannelOption.ALLOCATOR, IoTransport.ALLOCATOR);
        assertThat(b.config().options()).containsEntry(ChannelOption.ALLOCATOR, IoTransport.ALLOCATOR);
    }

    @Test
    void openedConnectionsGetThePooledBuffers() {
        Bootstrap b = IoTransport.NIO.setUp(new Bootstrap());
        assertThat(b.config().options()).containsEntry(ChannelOption.ALLOCATOR, IoTransport.ALLOCATOR);
    }

    @Test
    void underEpollBothKindsOfConnectionAreLevelTriggeredForSplicing() {
        assertThat(IoTransport.EPOLL.setUp(new ServerBootstrap()).config().childOptions())
                .containsEntry(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED);
        assertThat(IoTransport.EPOLL.setUp(new Bootstrap()).config().options())
                .containsEntry(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED);
    }
}
