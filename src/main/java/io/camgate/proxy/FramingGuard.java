package io.camgate.proxy;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Answers requests whose framing cannot be trusted, right after {@link StrictRequestDecoder}:
 * a decoding failure (smuggling attempts, bare LF, oversize line or headers), a missing,
 * repeated or conflicting Host, a repeated Authorization, and a {@code Connection} header that
 * names anything but a connection option. Each gets a COS-style 400 and
 * the connection is closed, because after a framing error the next byte's meaning is unknown.
 * Everything else passes on untouched.
 *
 * <p>Responses go out in request order, so the 400 waits while earlier (pipelined) requests
 * are still being answered, and a body whose framing breaks after its request was answered
 * (a refusal that reads and drops the body) only closes the connection: in both cases an
 * answer written at once would be read as the answer to another request. A body that breaks
 * while an earlier request is still being answered closes the connection at once.
 *
 * <pre>
 * [StrictRequestDecoder] ─▶ [FramingGuard] ─▶ the request path
 *      responses ◀─ [FramingGuard] ◀─ the request path   (counts the requests still unanswered)
 * </pre>
 */
final class FramingGuard extends ChannelDuplexHandler {
    /** What a client's {@code Connection} header may say: whether to keep the connection, and TE's hop-by-hop use. */
    private static final Set<String> CONNECTION_OPTIONS = Set.of("close", "keep-alive", "te");
    private final RequestIds ids;
    private final Clock clock;
    private final RequestObserver observer;
    private boolean rejected;
    /** Requests passed on whose response has not been written to its end. */
    private int unanswered;
    /** A rejection waiting for the earlier requests' responses, or null. */
    private Runnable pending;

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
                if (unanswered == 0) {
                    reject(ctx, request, problem);
                } else {
                    pending = () -> reject(ctx, request, problem);
                }
                return;
            }
            unanswered++;
        } else if (msg instanceof HttpContent content && content.decoderResult().isFailure()) {
            rejected = true;
            String problem = "malformed body framing: " + content.decoderResult().cause().getMessage();
            content.release();
            if (unanswered == 1) {
                reject(ctx, null, problem);
            } else {
                // Answered already, or an earlier request still is: any 400 now would answer the wrong request.
                observer.framingRejected();
                ctx.close();
            }
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean interim = msg instanceof HttpResponse r && r.status().code() == HttpResponseStatus.CONTINUE.code();
        ctx.write(msg, promise);
        if (!interim && msg instanceof LastHttpContent && --unanswered == 0 && pending != null) {
            Runnable rejection = pending;
            pending = null;
            rejection.run();
        }
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
        return connectionProblem(request);
    }

    /**
     * A {@code Connection} header may name only the options of this hop. One that names any
     * other header asks the next hop to drop it; naming Content-Length or Transfer-Encoding
     * that way would make the store read the body as further requests, and naming Host,
     * Authorization or an {@code x-cos-*} header would change what was decided. So every
     * option outside {@link #CONNECTION_OPTIONS} is refused, whatever it names.
     */
    private static String connectionProblem(HttpRequest request) {
        for (String value : request.headers().getAll(HttpHeaderNames.CONNECTION)) {
            for (String token : value.split(",", -1)) {
                String option = token.strip().toLowerCase(Locale.ROOT);
                if (!option.isEmpty() && !CONNECTION_OPTIONS.contains(option)) {
                    return "the Connection header names " + token.strip() + ", which is not a connection option";
                }
            }
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
