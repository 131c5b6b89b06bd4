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
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes one admin request to its endpoint and writes the answer. Last in the admin pipeline,
 * after the HTTP codec and the aggregator. Probes and scrapes are answered on the event loop;
 * reloads, decisions and CAM calls read and write files, so they run on the admin worker and
 * their answer is written back from there. Reloads and decisions take the operator token when
 * one is configured; probes and scrapes stay open to the kubelet and Prometheus, and the CAM
 * API authenticates its callers' signatures itself (Cloud API 3.0 on {@code /}, COS v5 on
 * {@code /cam}).
 */
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(AdminHandler.class);

    private final OpsEndpoints ops;
    private final CamEndpoint cam;
    private final CloudApiEndpoint cloudApi;
    private final OperatorToken operator;
    private final Executor worker;

    AdminHandler(OpsEndpoints ops, CamEndpoint cam, CloudApiEndpoint cloudApi, OperatorToken operator,
            Executor worker) {
        this.ops = ops;
        this.cam = cam;
        this.cloudApi = cloudApi;
        this.operator = operator;
        this.worker = worker;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = pathOf(request.uri());
        if (path.equals("/metrics") || path.equals("/healthz") || path.equals("/readyz")) {
            respond(ctx, request, answer(request, path));
            return;
        }
        FullHttpRequest held = request.retain();
        try {
            worker.execute(() -> {
                try {
                    respond(ctx, held, answer(held, path));
                } finally {
                    held.release();
                }
            });
        } catch (RejectedExecutionException e) {
            held.release();
            respond(ctx, request, AdminResponse.text(503, "shutting down\n"));
        }
    }

    private AdminResponse answer(FullHttpRequest request, String path) {
        try {
            return route(request, path);
        } catch (RuntimeException e) {
            LOG.error("admin request {} {} failed", request.method(), request.uri(), e);
            return AdminResponse.text(500, "internal error\n");
        }
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, AdminResponse answer) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(answer.body()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
        if (answer.status() == HttpResponseStatus.UNAUTHORIZED.code()) {
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"camgate-admin\"");
        }
        HttpUtil.setContentLength(response, answer.body().length);
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private AdminResponse route(FullHttpRequest request, String path) {
        HttpMethod method = request.method();
        boolean read = method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD);
        return switch (path) {
            case "/metrics" -> read ? ops.metrics() : notAllowed();
            case "/healthz" -> read ? ops.health() : notAllowed();
            case "/readyz" -> read ? ops.ready() : notAllowed();
            case "/admin/reload" -> operation(request, ops::reload);
            case "/v1/authorize" -> operation(request, () -> ops.authorize(request));
            case "/" -> cloudApi.handle(request, path);
            case "/cam" -> method.equals(HttpMethod.POST) ? cam.handle(request) : notAllowed();
            default -> AdminResponse.text(404, "no such endpoint\n");
        };
    }

    /**
     * The path of a request target in origin form ({@code /cam?x}) or absolute form
     * ({@code http://cam.tencentcloudapi.com/}), which clients send when camgate is their HTTP
     * proxy for the Cloud API's host.
     */
    static String pathOf(String uri) {
        String target = uri;
        int scheme = target.indexOf("://");
        if (scheme > 0 && target.indexOf('/') > scheme) {
            int slash = target.indexOf('/', scheme + 3);
            target = slash < 0 ? "/" : target.substring(slash);
        }
        return new QueryStringDecoder(target).path();
    }

    /** A POST that changes or reveals what the gateway decides: answered only with the operator token, when one is set. */
    private AdminResponse operation(FullHttpRequest request, Supplier<AdminResponse> answer) {
        if (!request.method().equals(HttpMethod.POST)) {
            return notAllowed();
        }
        return operator.admits(request.headers()) ? answer.get() : unauthorized();
    }

    private static AdminResponse unauthorized() {
        return AdminResponse.text(HttpResponseStatus.UNAUTHORIZED.code(),
                "this endpoint takes the operator token: Authorization: Bearer <admin token from camgate.yaml>\n");
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
