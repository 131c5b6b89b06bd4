package io.camgate.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.Map;

/**
 * A rejection in the form COS sends and the official SDKs parse: an XML
 * {@code <Error><Code/><Message/><Resource/><RequestId/><TraceId/></Error>} body with
 * {@code x-cos-request-id}, {@code x-cos-trace-id} and an accurate {@code Date} header (SDKs
 * correct their clock skew from it), written by {@link HttpDate}. Responses to HEAD carry no body.
 */
final class CosErrorResponse {
    private CosErrorResponse() {
    }

    /**
     * @param alloc     buffer allocator
     * @param status    HTTP status
     * @param code      COS error code, e.g. {@code AccessDenied}
     * @param message   human-readable message, e.g. {@code Access Denied.}
     * @param resource  the bucket/object the request named, for the {@code Resource} element
     * @param requestId this request's id
     * @param head      true for a HEAD request, which gets no body
     * @param details   extra elements placed before {@code Resource} (e.g. StringToSign in debug mode)
     * @param now       the time for the {@code Date} header
     */
    public static FullHttpResponse build(ByteBufAllocator alloc, HttpResponseStatus status, String code,
            String message, String resource, String requestId, boolean head, Map<String, String> details,
            ZonedDateTime now) {
        ByteBuf body;
        if (head) {
            body = alloc.buffer(0);
        } else {
            StringBuilder xml = new StringBuilder(256)
                    .append("<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n");
            element(xml, "Code", code);
            element(xml, "Message", message);
            details.forEach((k, v) -> element(xml, k, v));
            element(xml, "Resource", resource);
            element(xml, "RequestId", requestId);
            element(xml, "TraceId", requestId);
            xml.append("</Error>\n");
            byte[] bytes = xml.toString().getBytes(StandardCharsets.UTF_8);
            body = alloc.buffer(bytes.length).writeBytes(bytes);
        }
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        r.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/xml")
                .set(HttpHeaderNames.CONTENT_LENGTH, head ? 0 : body.readableBytes())
                .set(HttpHeaderNames.DATE, HttpDate.format(now))
                .set(HttpHeaderNames.SERVER, "camgate")
                .set("x-cos-request-id", requestId)
                .set("x-cos-trace-id", requestId);
        return r;
    }

    private static void element(StringBuilder xml, String name, String value) {
        xml.append("  <").append(name).append('>');
        escape(xml, value == null ? "" : value);
        xml.append("</").append(name).append(">\n");
    }

    /** Escapes text content; control characters other than tab/newline are dropped, as XML 1.0 forbids them. */
    private static void escape(StringBuilder xml, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> xml.append("&lt;");
                case '>' -> xml.append("&gt;");
                case '&' -> xml.append("&amp;");
                case '"' -> xml.append("&quot;");
                case '\'' -> xml.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n') {
                        xml.append(c);
                    }
                }
            }
        }
    }
}
