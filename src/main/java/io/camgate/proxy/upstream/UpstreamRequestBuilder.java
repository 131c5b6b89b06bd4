package io.camgate.proxy.upstream;

import io.camgate.config.RouteSettings;
import io.camgate.cos.CosRequest;
import io.camgate.cos.HostKind;
import io.camgate.cos.PercentCodec;
import io.camgate.cos.QueryParam;
import io.camgate.sign.SignatureScheme;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the request head sent upstream for an allowed request, from the authorized request
 * and never by copying the client's minus a blocklist. The path is rebuilt from the classified
 * request (the authorized bucket and key, encoded the one canonical way), the query holds the
 * parameters classification accepted, the headers are those {@link ForwardedHeaders} lets pass,
 * and the framing (Content-Length, or chunked) is written here from the body the gateway will
 * relay: nothing the client sent decides it. X-Forwarded-For (the address the decision used)
 * and X-Forwarded-Proto are set. What differs by the route's mode (the address, header names,
 * the signature) its {@link UpstreamMode} supplies; only {@code passthrough} carries the
 * client's credentials.
 */
public final class UpstreamRequestBuilder {
    // AsciiStrings keep their hashes and need no encoding: every forwarded request sets these.
    private static final AsciiString FORWARDED_FOR = AsciiString.cached("X-Forwarded-For");
    private static final AsciiString FORWARDED_PROTO = AsciiString.cached("X-Forwarded-Proto");
    private static final AsciiString HTTPS = AsciiString.cached("https");
    private static final AsciiString HTTP = AsciiString.cached("http");

    private UpstreamRequestBuilder() {
    }

    /**
     * Where a request goes on the upstream.
     *
     * @param path   the decoded path as the upstream sees it
     * @param params the decoded query parameters sent
     * @param target the request target as written on the wire
     */
    record Address(String path, List<QueryParam> params, String target) {
    }

    /**
     * @param request    the classified (and authorized) request
     * @param client     the client's request head
     * @param route      where it goes
     * @param secure     whether the client came over TLS
     * @param bodyLength the length of the body the gateway will relay when it is not the client's
     *                   body as framed (a body read before deciding, a rewritten form, an
     *                   aws-chunked body decoded), else -1
     * @param scheme     the signature the request presented
     * @param decoded    whether the body is relayed decoded from aws-chunked
     * @param now        the signing time
     */
    static HttpRequest build(CosRequest request, HttpRequest client, Route route, boolean secure, long bodyLength,
            SignatureScheme scheme, boolean decoded, Instant now) throws ForwardingRefused {
        HttpHeaders out = new DefaultHttpHeaders();
        Address address = prepare(request, client, route, secure, bodyLength, scheme, decoded, out);
        route.mode().sign(request.method(), address.path(), address.params(), out, now);
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(request.method()), address.target(), out);
    }

    /**
     * The head of a POST Object form sent upstream: like {@link #build}, but not signed, because
     * the form's own fields carry the upload's authentication ({@link PostFormForwarding}).
     */
    static HttpRequest buildForm(CosRequest request, HttpRequest client, Route route, boolean secure,
            long bodyLength) throws ForwardingRefused {
        HttpHeaders out = new DefaultHttpHeaders();
        Address address = prepare(request, client, route, secure, bodyLength, SignatureScheme.COS_POST_FORM, false,
                out);
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(request.method()), address.target(), out);
    }

    private static Address prepare(CosRequest request, HttpRequest client, Route route, boolean secure,
            long bodyLength, SignatureScheme scheme, boolean decoded, HttpHeaders out) throws ForwardingRefused {
        UpstreamMode mode = route.mode();
        if (!mode.forwardsCi() && request.hostKind().service() == HostKind.Service.CI) {
            throw ForwardingRefused.unsupported("Cloud Infinite (CI) processing");
        }
        ForwardedHeaders.copy(request, client.headers(), mode, scheme, decoded, out);
        out.set(FORWARDED_FOR, request.clientIp());
        out.set(FORWARDED_PROTO, secure ? HTTPS : HTTP);
        frame(out, request.method(), bodyLength >= 0 ? bodyLength : relayedLength(client));
        return mode.address(request, client, route.settings(), out);
    }

    /**
     * The address rebuilt from the authorized bucket and key on the route's upstream, with the
     * client's signature parameters (of any scheme) and the JavaScript SDK's {@code x-id}
     * operation hint left out, and each other parameter checked by {@code mode}.
     */
    static Address rebuilt(CosRequest request, RouteSettings route, HttpHeaders out, UpstreamMode mode)
            throws ForwardingRefused {
        out.set(HttpHeaderNames.HOST, upstreamHost(request, route));
        String path = upstreamPath(request, route);
        List<QueryParam> all = request.params();
        // A pre-signed URL's parameters are all its signature's: then no list is made.
        List<QueryParam> params = List.of();
        for (int i = 0, n = all.size(); i < n; i++) {
            QueryParam p = all.get(i);
            if (!SignatureScheme.isAnySignatureParameter(p.name()) && !p.name().equals("x-id")) {
                mode.checkParameter(p.name());
                if (params.isEmpty()) {
                    params = new ArrayList<>(n - i);
                }
                params.add(p);
            }
        }
        String wirePath = PercentCodec.encodePath(path);
        return new Address(path, params, params.isEmpty() ? wirePath : wirePath + query(params));
    }

    /**
     * How many body bytes the client's request carries as its framing was decoded, or -1 for a
     * chunked body. The decoder has refused anything ambiguous (both framings, repeated or
     * malformed lengths), so this is what will be relayed.
     */
    public static long relayedLength(HttpRequest client) {
        return HttpUtil.isTransferEncodingChunked(client) ? -1 : HttpUtil.getContentLength(client, 0L);
    }

    /**
     * Writes the framing of a body of {@code length} bytes (-1: chunked). An upload states its
     * length even when empty, since stores want one; other empty requests state nothing.
     */
    private static void frame(HttpHeaders out, String method, long length) {
        if (length < 0) {
            out.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        } else if (length > 0 || method.equals("PUT") || method.equals("POST")) {
            out.set(HttpHeaderNames.CONTENT_LENGTH, length);
        }
    }

    private static String upstreamHost(CosRequest request, RouteSettings route) {
        String host = route.upstream().getPort() < 0 ? route.upstream().getHost()
                : route.upstream().getHost() + ":" + route.upstream().getPort();
        boolean virtual = route.addressing() == RouteSettings.Addressing.VIRTUAL && request.bucket() != null;
        return virtual ? request.bucket() + "." + host : host;
    }

    /** The decoded path on the upstream: from the authorized bucket and key only. */
    private static String upstreamPath(CosRequest request, RouteSettings route) {
        String bucket = request.bucket();
        String key = request.key() == null ? "" : request.key();
        if (bucket == null) {
            return "/";
        }
        if (route.addressing() == RouteSettings.Addressing.VIRTUAL) {
            // A request that came virtual-hosted already holds "/" + key: its decoded path.
            String decoded = request.decodedPath();
            boolean same = decoded.length() == key.length() + 1 && decoded.charAt(0) == '/' && decoded.endsWith(key);
            return same ? decoded : "/" + key;
        }
        return key.isEmpty() ? "/" + bucket : "/" + bucket + "/" + key;
    }

    private static String query(List<QueryParam> params) {
        StringBuilder b = new StringBuilder();
        for (QueryParam p : params) {
            b.append(b.length() == 0 ? '?' : '&').append(PercentCodec.encodeComponent(p.name()));
            if (!p.value().isEmpty()) {
                b.append('=').append(PercentCodec.encodeComponent(p.value()));
            }
        }
        return b.toString();
    }
}
