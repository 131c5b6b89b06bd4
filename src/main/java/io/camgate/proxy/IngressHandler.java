package io.camgate.proxy;

import io.camgate.cos.Transport;
import io.camgate.gate.Admission;
import io.camgate.gate.RequestDecider;
import io.camgate.proxy.upstream.Verdict;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Answers decision requests from an ingress that forwards requests itself: nginx
 * {@code auth_request} subrequests to {@value #AUTH_REQUEST} and Envoy HTTP {@code ext_authz}
 * checks under {@value #EXT_AUTHZ} (the original method, the original target after the prefix,
 * the original headers). An {@code auth_request} subrequest names the original method in
 * {@code X-Original-Method} and the original request either as ingress-nginx's
 * {@code auth-url} annotation does, in {@code X-Original-URL} (scheme, {@code Host} and target;
 * its own {@code Host} is the decision service's, and is replaced), or as a hand-written
 * location does, in {@code X-Original-URI} with the original {@code Host} kept. Each is
 * classified, authenticated, limited and decided by the gateway's {@link RequestDecider}, and
 * answered 200 with no body when allowed, or with the COS error (status, XML) the gateway
 * would send.
 *
 * <pre>
 * ingress ─▶ [HttpServerCodec] ─▶ [HttpObjectAggregator] ─▶ [IngressHandler]
 * </pre>
 *
 * <p>The original client is the one {@code X-Real-IP} names (else the last
 * {@code X-Forwarded-For} entry, else the connection's peer), over TLS when the
 * {@code X-Original-URL} is {@code https}, or without one when {@code X-Forwarded-Proto} is
 * {@code https}: the listener trusts its callers, which is why
 * it has an address of its own. An ingress that drops the body and its {@code Content-Length}
 * from the decision request says what the length was in {@code X-Original-Content-Length}
 * (empty: none), so that a signature over {@code content-length} still checks.
 */
final class IngressHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    /** The nginx {@code auth_request} endpoint. */
    static final String AUTH_REQUEST = "/v1/auth-request";
    /** The prefix of the Envoy {@code ext_authz} endpoint. */
    static final String EXT_AUTHZ = "/v1/ext-authz";

    private static final String ORIGINAL_METHOD = "x-original-method";
    private static final String ORIGINAL_URI = "x-original-uri";
    private static final String ORIGINAL_URL = "x-original-url";
    private static final String ORIGINAL_LENGTH = "x-original-content-length";
    /** What ingress-nginx adds to its subrequest besides the original's headers, none of them the client's. */
    private static final List<String> INGRESS_ADDED = List.of(ORIGINAL_METHOD, ORIGINAL_URI, ORIGINAL_URL,
            "x-sent-from", "x-auth-request-redirect", "x-scheme");

    private final RequestDecider decider;
    private final ServedConfig served;
    private final RequestObserver observer;
    private final RequestIds ids;
    private final Clock clock;
    private final Exchange exchange = new Exchange();

    IngressHandler(RequestDecider decider, ServedConfig served, RequestObserver observer, RequestIds ids, Clock clock) {
        this.decider = decider;
        this.served = served;
        this.observer = observer;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String requestId = ids.next();
        String target = request.uri();
        String method;
        String uri;
        Boolean secure = null;
        if (target.equals(AUTH_REQUEST) || target.startsWith(AUTH_REQUEST + "?")) {
            method = request.headers().get(ORIGINAL_METHOD);
            String url = request.headers().get(ORIGINAL_URL);
            OriginalUrl original = url == null ? null : OriginalUrl.parse(url);
            if (original != null) {
                uri = original.target();
                secure = original.secure();
                // the subrequest's Host names the decision service; the client signed its own
                request.headers().set(HttpHeaderNames.HOST, original.authority());
            } else {
                uri = url == null ? request.headers().get(ORIGINAL_URI) : null;
            }
        } else if (target.startsWith(EXT_AUTHZ + "/")) {
            method = request.method().name();
            uri = target.substring(EXT_AUTHZ.length());
        } else {
            method = null;
            uri = null;
        }
        exchange.begin(requestId, method == null ? request.method().name() : method, uri == null ? target : uri,
                System.nanoTime());
        Verdict verdict;
        if (method == null || uri == null || !uri.startsWith("/")) {
            verdict = new Verdict.Deny(HttpResponseStatus.BAD_REQUEST, "InvalidRequest", "A decision request names "
                    + "the original request with X-Original-Method and either X-Original-URL (an absolute http or"
                    + " https URL) or X-Original-URI on " + AUTH_REQUEST + ", or as the method and the path under "
                    + EXT_AUTHZ + "/.", target);
        } else {
            Transport transport = transport(request.headers(), secure,
                    (InetSocketAddress) ctx.channel().remoteAddress());
            exchange.arrived(transport.peerAddress(), null);
            Admission admission;
            try {
                admission = decider.decide(served.current().published(), method, uri,
                        CosGatekeeper.headers(restoreOriginal(request.headers())), transport, exchange);
            } catch (RuntimeException e) {
                admission = Admission.Refused.of(500, "InternalError",
                        "We encountered an internal error. Please try again.", uri);
            }
            verdict = admission instanceof Admission.Refused refused ? CosGatekeeper.deny(refused) : null;
        }
        FullHttpResponse response;
        if (verdict instanceof Verdict.Deny deny) {
            response = CosErrorResponse.build(ctx.alloc(), deny.status(), deny.code(), deny.message(),
                    deny.resource(), requestId, HttpMethod.HEAD.name().equals(method), deny.details(),
                    ZonedDateTime.now(clock));
        } else {
            response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.EMPTY_BUFFER);
            response.headers().set("x-cos-request-id", requestId).set(HttpHeaderNames.CONTENT_LENGTH, 0);
        }
        exchange.status(response.status().code());
        if (exchange.finish()) {
            observer.completed(exchange);
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /**
     * Turns the decision request's headers (ours to change: the request is released after this
     * handler) into the original request's: what the ingress added goes, a dropped length returns.
     */
    private static HttpHeaders restoreOriginal(HttpHeaders headers) {
        INGRESS_ADDED.forEach(headers::remove);
        String length = headers.get(ORIGINAL_LENGTH);
        if (length != null) {
            // the ingress dropped the body and its length from the subrequest and says here what it was
            headers.remove(ORIGINAL_LENGTH).remove(HttpHeaderNames.CONTENT_LENGTH);
            if (!length.isEmpty()) {
                headers.set(HttpHeaderNames.CONTENT_LENGTH, length);
            }
        }
        return headers;
    }

    /** The original client; {@code secure} from the original URL, or null to go by {@code X-Forwarded-Proto}. */
    private static Transport transport(HttpHeaders headers, Boolean secure, InetSocketAddress peer) {
        String ip = headers.get("x-real-ip");
        if (ip == null || ip.isBlank()) {
            String forwarded = headers.get("x-forwarded-for");
            ip = forwarded == null ? null : forwarded.substring(forwarded.lastIndexOf(',') + 1).strip();
        }
        ip = ip == null || ip.isBlank() ? peer.getAddress().getHostAddress() : ip.strip();
        boolean tls = secure != null ? secure : "https".equalsIgnoreCase(headers.get("x-forwarded-proto"));
        return tls ? Transport.tls(ip, null) : Transport.plain(ip);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
