package io.camgate.proxy;

import io.camgate.config.RouteSettings;
import io.camgate.config.RouteSettings.UpstreamAuth;
import io.camgate.cos.CosRequest;
import io.camgate.cos.HostKind;
import io.camgate.cos.PercentCodec;
import io.camgate.cos.QueryParam;
import io.camgate.sign.Authenticator;
import io.camgate.sign.RequestSigner;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the request head sent upstream for an allowed request, from the authorized request
 * and never by copying the client's minus a blocklist. The path is rebuilt from the classified
 * request (the authorized bucket and key, encoded the one canonical way), the query holds the
 * parameters classification accepted, the headers are those {@link ForwardedHeaders} lets pass,
 * and the framing (Content-Length, or chunked) is written here from the body the gateway will
 * relay: nothing the client sent decides it. X-Forwarded-For (the address the decision used)
 * and X-Forwarded-Proto are set. Then, by the route's mode:
 * <ul>
 * <li>{@code passthrough}: the client's Host, path, query and signature go on unchanged in meaning;</li>
 * <li>{@code sigv4}: {@code x-cos-*} headers translated by {@link S3Dialect}, and the request
 *     signed with SigV4;</li>
 * <li>{@code cos}: signed as COS v5 with the route's key;</li>
 * <li>{@code none}: sent unsigned.</li>
 * </ul>
 * Only {@code passthrough} carries the client's credentials.
 */
final class UpstreamRequestBuilder {
    /** How long a COS signature made for the upstream stays valid: enough for a slow start, no more. */
    static final long COS_SIGNATURE_SECONDS = 900;

    private UpstreamRequestBuilder() {
    }

    /**
     * @param request    the classified (and authorized) request
     * @param client     the client's request head
     * @param route      where it goes
     * @param secure     whether the client came over TLS
     * @param bodyLength the length of the body the gateway will relay when it is not the client's
     *                   body as framed (a body read before deciding, a rewritten form), else -1
     * @param now        the signing time
     */
    static HttpRequest build(CosRequest request, HttpRequest client, Route route, boolean secure, long bodyLength,
            Instant now) throws ForwardingRefused {
        Prepared p = prepare(request, client, route, secure, bodyLength);
        switch (route.auth()) {
            case SIGV4 -> signSigV4(route, p.method, p.path, p.params, p.headers, now);
            case COS -> {
                long start = now.getEpochSecond() - 60;
                p.headers.set(HttpHeaderNames.AUTHORIZATION, RequestSigner.authorization(
                        new OutgoingRequest(p.method.name(), p.path, p.params, p.headers), route.settings().accessKey(),
                        route.settings().secretKey(), start, start + COS_SIGNATURE_SECONDS, cosSignedHeaders(p.headers)));
            }
            default -> { }
        }
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, p.method, p.target, p.headers);
    }

    /**
     * The head of a POST Object form sent upstream: like {@link #build}, but not signed, because
     * the form's own fields carry the upload's authentication ({@link PostFormForwarding}).
     */
    static HttpRequest buildForm(CosRequest request, HttpRequest client, Route route, boolean secure,
            long bodyLength) throws ForwardingRefused {
        Prepared p = prepare(request, client, route, secure, bodyLength);
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, p.method, p.target, p.headers);
    }

    /** A request head ready to sign: method, decoded path and parameters as the upstream sees them, target, headers. */
    private record Prepared(HttpMethod method, String path, List<QueryParam> params, String target,
            HttpHeaders headers) {
    }

    private static Prepared prepare(CosRequest request, HttpRequest client, Route route, boolean secure,
            long bodyLength) throws ForwardingRefused {
        UpstreamAuth auth = route.auth();
        if (auth != UpstreamAuth.PASSTHROUGH && request.hostKind().service() == HostKind.Service.CI) {
            throw ForwardingRefused.unsupported("Cloud Infinite (CI) processing");
        }
        HttpHeaders out = new DefaultHttpHeaders();
        ForwardedHeaders.copy(request, client.headers(), auth, out);
        out.set("X-Forwarded-For", request.clientIp());
        out.set("X-Forwarded-Proto", secure ? "https" : "http");
        frame(out, request.method(), bodyLength >= 0 ? bodyLength : relayedLength(client));
        String path;
        List<QueryParam> params;
        String target;
        if (auth == UpstreamAuth.PASSTHROUGH) {
            out.set(HttpHeaderNames.HOST, client.headers().get(HttpHeaderNames.HOST));
            path = request.decodedPath();
            params = request.params();
            target = request.wireTarget();
        } else {
            out.set(HttpHeaderNames.HOST, upstreamHost(request, route.settings()));
            path = upstreamPath(request, route.settings());
            params = new ArrayList<>(request.params().size());
            for (QueryParam p : request.params()) {
                if (!Authenticator.isSignatureParameter(p.name())) {
                    if (auth == UpstreamAuth.SIGV4) {
                        S3Dialect.checkParameter(p.name());
                    }
                    params.add(p);
                }
            }
            target = PercentCodec.encodePath(path) + query(params);
        }
        return new Prepared(HttpMethod.valueOf(request.method()), path, params, target, out);
    }

    /**
     * How many body bytes the client's request carries as its framing was decoded, or -1 for a
     * chunked body. The decoder has refused anything ambiguous (both framings, repeated or
     * malformed lengths), so this is what will be relayed.
     */
    static long relayedLength(HttpRequest client) {
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
            return "/" + key;
        }
        return key.isEmpty() ? "/" + bucket : "/" + bucket + "/" + key;
    }

    private static String query(List<QueryParam> params) {
        if (params.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (QueryParam p : params) {
            b.append(b.length() == 0 ? '?' : '&').append(PercentCodec.encodeComponent(p.name()));
            if (!p.value().isEmpty()) {
                b.append('=').append(PercentCodec.encodeComponent(p.value()));
            }
        }
        return b.toString();
    }

    private static void signSigV4(Route route, HttpMethod method, String path, List<QueryParam> params,
            HttpHeaders out, Instant now) {
        TreeMap<String, String> signable = new TreeMap<>();
        for (Map.Entry<String, String> e : out) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            signable.merge(name, e.getValue(), (a, b) -> a + "," + b);
        }
        List<Map.Entry<String, String>> query = new ArrayList<>(params.size());
        params.forEach(p -> query.add(Map.entry(p.name(), p.value())));
        route.sigv4().sign(method.name(), path, query, signable, now).forEach(out::set);
    }

    private static List<String> cosSignedHeaders(HttpHeaders out) {
        List<String> names = new ArrayList<>();
        names.add("host");
        for (String name : out.names()) {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.startsWith("x-cos-") || n.equals("content-type") || n.equals("content-md5")) {
                names.add(n);
            }
        }
        return names;
    }
}
