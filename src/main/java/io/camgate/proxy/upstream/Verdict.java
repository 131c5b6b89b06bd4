package io.camgate.proxy.upstream;

import io.camgate.sign.BodyCheck;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the gate decided for one request head: forward it, answer with a COS error, or read
 * the (small, bounded) body first because what the request acts on is written there, or read
 * the (bounded) fields of a POST Object form, then forward them rewritten with the file streamed.
 */
public sealed interface Verdict {
    /**
     * Forward {@code upstreamHead} (already rewritten: wire path rebuilt from the authorized
     * key, headers translated and re-signed for the route) to {@code route}.
     *
     * @param route           where it goes
     * @param upstreamHead    the request line and headers to send
     * @param responseHeaders rewrites the upstream response's headers before they reach the client
     * @param bodyCheck       what the body must pass as it streams (a signed hash, aws-chunked
     *                        signatures, a checksum), or null; such a body is never spliced
     * @param rawBody         whether the checked body goes on as received (to a store that verifies
     *                        the client's signature again) rather than as the check releases it
     */
    record Allow(UpstreamRoute route, HttpRequest upstreamHead, Consumer<HttpHeaders> responseHeaders,
            BodyCheck bodyCheck, boolean rawBody) implements Verdict {
        /** An allow that passes response headers on as they are. */
        public Allow(UpstreamRoute route, HttpRequest upstreamHead) {
            this(route, upstreamHead, headers -> { });
        }

        /** An allow whose body needs no check. */
        public Allow(UpstreamRoute route, HttpRequest upstreamHead, Consumer<HttpHeaders> responseHeaders) {
            this(route, upstreamHead, responseHeaders, null, false);
        }
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

    /**
     * Read the whole body, at most {@code maxBytes} of it, and decide then. An allowed request
     * is forwarded with exactly the bytes that were read and decided on.
     *
     * @param maxBytes the largest body accepted; a longer one is refused
     * @param then     decides once the body is in
     */
    record ReadBody(int maxBytes, BodyGate then) implements Verdict {
    }

    /** The second half of a decision that needed the body. Runs on the event loop. */
    @FunctionalInterface
    interface BodyGate {
        /** Decides with the complete body; an {@link Allow} forwards exactly {@code body}. */
        Verdict admit(byte[] body);
    }

    /**
     * Read the start of the body until {@code then} can decide (a POST Object form's fields,
     * at most {@code maxBytes}); the rest streams once allowed.
     *
     * @param maxBytes the most bytes read before deciding
     * @param then     asked after each read
     */
    record ReadForm(int maxBytes, FormGate then) implements Verdict {
    }

    /** The second half of a decision on a form's fields. Runs on the event loop. */
    @FunctionalInterface
    interface FormGate {
        /**
         * @param prefix   the body read so far
         * @param complete whether that is the whole body
         * @return the verdict ({@link AllowForm} to forward), or null to read more
         */
        Verdict admit(byte[] prefix, boolean complete);
    }

    /**
     * Forward a form: {@code fields} in place of the first {@code replaced} bytes read, then the
     * rest of the body as it arrives, each piece checked by {@code tail} first.
     *
     * @param allow    where and what head to send
     * @param fields   the bytes sent in place of the client's fields
     * @param replaced how many bytes of the client's body they replace
     * @param tail     checks every piece forwarded after {@code fields}; refusing one ends the request
     */
    record AllowForm(Allow allow, byte[] fields, int replaced, BodyTail tail) implements Verdict {
    }

    /** A check on a streamed body, piece by piece, before each piece is forwarded. */
    interface BodyTail {
        /**
         * @param piece the next bytes (not consumed)
         * @param last  whether the body ends with them
         * @return false when the body may not go on
         */
        boolean accept(io.netty.buffer.ByteBuf piece, boolean last);
    }
}
