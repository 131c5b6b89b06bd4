package io.camgate.proxy;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Map;

/**
 * Answers requests whose framing cannot be trusted, right after {@link StrictRequestDecoder}:
 * a decoding failure (smuggling attempts, bare LF, oversize line or headers), a missing,
 * repeated or conflicting Host, and a repeated Authorization. Each gets a COS-style 400 and
 * the connection is closed, because after a framing error the next byte's meaning is unknown.
 * Everything else passes on untouched.
 *
 * <pre>
 * [StrictRequestDecoder] ─▶ [FramingGuard] ─▶ the request path
 * </pre>
 */
public final class FramingGuard extends ChannelInboundHandlerAdapter {
    private final RequestIds ids;
    private final Clock clock;
    private final RequestObserver observer;
    private boolean rejected;

    /**
     * @param ids      where request ids come from
     * @param clock    the clock for the {@code Date} header
     * @param observer told of each rejection
     */
    public FramingGuard(RequestIds ids, Clock clock, RequestObserver observer) {
        this.ids = ids;
        this.clock = clock;
        this.observer = observer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (rejected) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            String problem = problem(request);
            if (problem != null) {
                rejected = true;
                ReferenceCountUtil.release(msg);
                reject(ctx, request, problem);
                return;
            }
        } else if (msg instanceof HttpContent content && content.decoderResult().isFailure()) {
            rejected = true;
            content.release();
            reject(ctx, null, "malformed body framing: " + content.decoderResult().cause().getMessage());
            return;
        }
        ctx.fireChannelRead(msg);
    }

    /** Why the request cannot be trusted, or null. */
    static String problem(HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            return cause instanceof TooLongFrameException
                    ? "request line or headers too large"
                    : "malformed request: " + cause.getMessage();
        }
        if (request.protocolVersion() != HttpVersion.HTTP_1_1 && request.protocolVersion() != HttpVersion.HTTP_1_0) {
            return "unsupported HTTP version";
        }
        int hosts = request.headers().getAll(HttpHeaderNames.HOST).size();
        if (hosts != 1) {
            return hosts == 0 ? "missing Host header" : "repeated Host header";
        }
        if (request.headers().getAll(HttpHeaderNames.AUTHORIZATION).size() > 1) {
            return "repeated Authorization header";
        }
        return null;
    }

    private void reject(ChannelHandlerContext ctx, HttpRequest request, String message) {
        observer.framingRejected();
        boolean head = request != null && HttpMethod.HEAD.equals(request.method());
        String resource = request == null || request.decoderResult().isFailure() ? "" : request.uri();
        FullHttpResponse response = CosErrorResponse.build(ctx.alloc(), HttpResponseStatus.BAD_REQUEST,
                "InvalidRequest", message, resource, ids.next(), head, Map.of(), ZonedDateTime.now(clock));
        response.headers().set(HttpHeaderNames.CONNECTION, "close");
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
