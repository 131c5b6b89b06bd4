package io.camgate.admin;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes one admin request to its endpoint and writes the answer. Last in the admin pipeline,
 * after the HTTP codec and the aggregator, and run on the admin worker executor rather than the
 * event loop, because reloads and CAM writes read and write files.
 */
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(AdminHandler.class);

    private final OpsEndpoints ops;
    private final CamEndpoint cam;

    AdminHandler(OpsEndpoints ops, CamEndpoint cam) {
        this.ops = ops;
        this.cam = cam;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        AdminResponse answer;
        try {
            answer = route(request);
        } catch (RuntimeException e) {
            LOG.error("admin request {} {} failed", request.method(), request.uri(), e);
            answer = AdminResponse.text(500, "internal error\n");
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(answer.body()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
        HttpUtil.setContentLength(response, answer.body().length);
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private AdminResponse route(FullHttpRequest request) {
        String path = new QueryStringDecoder(request.uri()).path();
        HttpMethod method = request.method();
        boolean read = method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD);
        return switch (path) {
            case "/metrics" -> read ? ops.metrics() : notAllowed();
            case "/healthz" -> read ? ops.health() : notAllowed();
            case "/readyz" -> read ? ops.ready() : notAllowed();
            case "/admin/reload" -> method.equals(HttpMethod.POST) ? ops.reload() : notAllowed();
            case "/v1/authorize" -> method.equals(HttpMethod.POST) ? ops.authorize(request) : notAllowed();
            case "/cam" -> method.equals(HttpMethod.POST) ? cam.handle(request) : notAllowed();
            default -> AdminResponse.text(404, "no such endpoint\n");
        };
    }

    private static AdminResponse notAllowed() {
        return AdminResponse.text(405, "method not allowed\n");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("admin connection failed: {}", cause.toString());
        ctx.close();
    }
}
