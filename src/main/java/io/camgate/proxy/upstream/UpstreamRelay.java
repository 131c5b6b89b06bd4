package io.camgate.proxy.upstream;

import io.camgate.metrics.UpstreamError;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of an upstream connection: hands the upstream's response, its
 * writability and its failures to the {@link UpstreamLeg} (the proxy's upstream exchange) that currently holds the
 * connection, which writes the response to its client's channel (as the backend handler of
 * Netty's proxy example writes to its inbound channel). A pooled connection with no exchange
 * that says anything (or reads nothing for the route's idle timeout) is closed: idle pooled
 * connections are left reading for that, so a stale answer is never taken for the next one.
 * A failure while an exchange holds the connection is reported for the route.
 *
 * <pre>
 * upstream ─▶ [SslHandler, to https] ─▶ [HttpClientCodec] ─▶ [IdleStateHandler] ─▶ [UpstreamRelay] ─▶ {@link UpstreamLeg} ─▶ client channel
 * </pre>
 */
public final class UpstreamRelay extends ChannelInboundHandlerAdapter {
    private final UpstreamRoute route;
    private final UpstreamErrorReport errors;
    private UpstreamLeg exchange;

    UpstreamRelay(UpstreamRoute route, UpstreamErrorReport errors) {
        this.route = route;
        this.errors = errors;
    }

    /** From now on the connection speaks to {@code exchange}, until {@link #detach}. */
    public void attach(UpstreamLeg exchange) {
        this.exchange = exchange;
    }

    /** The connection is back in its pool (or spliced past the codecs): it speaks to no one. */
    public void detach() {
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
            UpstreamLeg failed = exchange;
            try {
                errors.report(route, UpstreamError.CLOSED, null);
            } finally {
                failed.onFailed();
            }
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (exchange != null) {
            UpstreamLeg failed = exchange;
            try {
                errors.report(route, UpstreamErrorCause.ofExchange(cause), cause);
            } finally {
                failed.onFailed();
            }
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
