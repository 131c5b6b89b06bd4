package io.camgate.proxy.upstream;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollMode;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/** Native epoll where the platform has it, NIO elsewhere, and how the gateway's sockets are set up on it. */
public enum IoTransport {
    EPOLL,
    NIO;

    /**
     * The buffers of every gateway connection: Netty's pooled arenas, unless
     * {@code -Dio.netty.allocator.type} names an allocator. Netty 4.2's default, the adaptive
     * allocator, cost 2–8 % more CPU per forwarded request (benchmarks/RESULTS.md).
     */
    public static final ByteBufAllocator ALLOCATOR = System.getProperty("io.netty.allocator.type") == null
            ? PooledByteBufAllocator.DEFAULT : ByteBufAllocator.DEFAULT;

    /** The best transport available here. */
    public static IoTransport best() {
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    /** An event-loop group of {@code threads} threads (0: Netty's default, twice the cores). */
    public EventLoopGroup group(int threads) {
        IoHandlerFactory factory = this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, factory);
    }

    /** The listening channel type. */
    public Class<? extends ServerSocketChannel> serverChannel() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /**
     * Accepted connections with {@link #ALLOCATOR}'s buffers, and level-triggered under epoll:
     * {@link io.camgate.proxy.splice.SplicedBody} needs both of its sockets so, and the mode can
     * only be chosen before a channel is registered.
     */
    public ServerBootstrap setUp(ServerBootstrap b) {
        b.option(ChannelOption.ALLOCATOR, ALLOCATOR).childOption(ChannelOption.ALLOCATOR, ALLOCATOR);
        return this == EPOLL ? b.childOption(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED) : b;
    }

    /** Opened connections the same way. */
    public Bootstrap setUp(Bootstrap b) {
        b.option(ChannelOption.ALLOCATOR, ALLOCATOR);
        return this == EPOLL ? b.option(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED) : b;
    }

    /** The connecting channel type. */
    public Class<? extends SocketChannel> clientChannel() {
        return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
