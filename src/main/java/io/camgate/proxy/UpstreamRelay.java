package io.camgate.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of an upstream connection: hands the upstream's response, its
 * writability and its failures to the {@link UpstreamExchange} that currently holds the
 * connection, which writes the response to its client's channel (as the backend handler of
 * Netty's proxy example writes to its inbound channel). A pooled connection with no exchange
 * that says anything (or idles too long) is closed.
 *
 * <pre>
 * upstream ─▶ [HttpClientCodec] ─▶ [IdleStateHandler] ─▶ [UpstreamRelay] ─▶ {@link UpstreamExchange} ─▶ client channel
 * </pre>
 */
final class UpstreamRelay extends ChannelInboundHandlerAdapter {
    private UpstreamExchange exchange;

    void attach(UpstreamExchange exchange) {
        this.exchange = exchange;
    }

    void detach() {
        this.exchange = null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (exchange == null) {
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        exchange.onMessage(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.onReadComplete();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (exchange != null && ctx.channel().isWritable()) {
            exchange.onWritable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.onFailed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (exchange != null) {
            exchange.onFailed();
        }
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent && exchange == null) {
            ctx.close();
        }
        ctx.fireUserEventTriggered(evt);
    }
}
