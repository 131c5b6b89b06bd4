import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;

/**
 * The floor of a Netty HTTP proxy on this machine, for fast.sh's path (d): the same codecs on
 * both sides as camgate and one upstream connection per client connection on the client's
 * event loop, and nothing else: no signature, no decision, no allowlist, no log, no metrics, no
 * deadlines, no flow control (a 1 KiB GET needs none). Its buffers come from the same pooled
 * allocator as camgate's. Not a proxy to use; a measurement of what
 * Netty and the JVM cost before camgate does anything.
 * {@code java -cp target/camgate.jar benchmarks/proxy/BareProxy.java PORT UPSTREAM_PORT PREFIX}
 * serves {@code /KEY} from {@code http://127.0.0.1:UPSTREAM_PORT/PREFIX/KEY}.
 * <p>With a fourth argument, {@code bytes}, it has no codecs at all and relays the bytes each
 * way unread (the client names the upstream's path itself): what Netty and the JVM cost to move a
 * request and its answer, for fast.sh's path (e), before any HTTP is parsed or written.
 */
public final class BareProxy {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        InetSocketAddress upstream = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[1]));
        String prefix = args[2];
        boolean bytes = args.length > 3 && args[3].equals("bytes");
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(EpollIoHandler.newFactory());
        new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel client) {
                        if (!bytes) {
                            client.pipeline().addLast(new HttpServerCodec());
                        }
                        client.pipeline().addLast(new ClientSide(upstream, prefix, bytes));
                    }
                })
                .bind("127.0.0.1", port).sync().channel().closeFuture().sync();
    }

    /** The client's requests, written to its own upstream connection with the prefix before the path. */
    private static final class ClientSide extends ChannelInboundHandlerAdapter {
        private final InetSocketAddress upstream;
        private final String prefix;
        private final boolean bytes;
        private Channel up;

        ClientSide(InetSocketAddress upstream, String prefix, boolean bytes) {
            this.upstream = upstream;
            this.prefix = prefix;
            this.bytes = bytes;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            up = new Bootstrap().group(ctx.channel().eventLoop()).channel(EpollSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            if (!bytes) {
                                ch.pipeline().addLast(new HttpClientCodec());
                            }
                            ch.pipeline().addLast(new UpstreamSide(ctx.channel()));
                        }
                    })
                    .connect(upstream)
                    // the client is read once there is somewhere to write what it sends
                    .addListener(f -> ctx.channel().config().setAutoRead(f.isSuccess()))
                    .channel();
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request) {
                request.setUri(prefix + request.uri());
                request.headers().set(HttpHeaderNames.HOST, "127.0.0.1");
            }
            up.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            up.flush();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            up.close();
        }
    }

    /** The upstream's answers, written back to the client, one flush per upstream read. */
    private static final class UpstreamSide extends ChannelInboundHandlerAdapter {
        private final Channel client;

        UpstreamSide(Channel client) {
            this.client = client;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (client.isActive()) {
                client.write(msg);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            client.flush();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            client.close();
        }
    }
}
