package io.camgate.proxy;

import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;

/** What the gate decided for one request head: forward it, or answer with a COS error. */
public sealed interface Verdict {
    /**
     * Forward {@code upstreamHead} (already rewritten: wire path rebuilt from the authorized
     * key, headers translated and re-signed for the route) to {@code route}.
     */
    record Allow(UpstreamRoute route, HttpRequest upstreamHead) implements Verdict {
    }

    /**
     * Answer with a COS error.
     *
     * @param status   HTTP status
     * @param code     COS code ({@code AccessDenied}, {@code SignatureDoesNotMatch} ...)
     * @param message  COS message
     * @param resource the bucket/object for the {@code Resource} element
     * @param details  extra XML elements (debug mode only)
     */
    record Deny(HttpResponseStatus status, String code, String message, String resource,
            Map<String, String> details) implements Verdict {
        /** A deny without extra elements. */
        public Deny(HttpResponseStatus status, String code, String message, String resource) {
            this(status, code, message, resource, Map.of());
        }
    }
}
