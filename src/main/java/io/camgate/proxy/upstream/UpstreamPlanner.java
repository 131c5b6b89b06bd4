package io.camgate.proxy.upstream;

import io.camgate.cos.CopySource;
import io.camgate.cos.CosRequest;
import io.camgate.gate.Admission;
import io.camgate.gate.DecisionRecord;
import io.camgate.metrics.RequestOutcome;
import io.camgate.sign.BodyCheck;
import io.camgate.sign.SignatureScheme;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;

/**
 * Plans the upstream request of an allowed request for its route: the keys the route's store
 * would fold and a copy from another store are refused, and the head is built from the
 * authorized request ({@link UpstreamRequestBuilder}, {@link PostFormForwarding}) as the
 * route's {@link UpstreamMode} wants it. A request the route cannot carry is counted as an error.
 */
public final class UpstreamPlanner {
    private final Clock clock;

    /** @param clock the signing clock for upstream requests */
    public UpstreamPlanner(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param bodyLength the length of a body read before deciding, or -1 for the client's body as framed
     * @param scheme     the signature the request presented
     * @param check      what its body must pass as it streams, or null
     */
    public Verdict plan(CosRequest request, HttpRequest head, Route route, boolean secure, long bodyLength,
            SignatureScheme scheme, BodyCheck check, DecisionRecord exchange) {
        Verdict verdict = upstream(request, head, route, secure, bodyLength, scheme, check);
        exchange.outcome(verdict instanceof Verdict.Allow ? RequestOutcome.ALLOW : RequestOutcome.ERROR);
        return verdict;
    }

    /** The rewritten form of an allowed POST Object, with its file streamed after it. */
    public Verdict planForm(Admission.Allowed allowed, HttpRequest head, Route route, long declared,
            DecisionRecord exchange) {
        CosRequest request = allowed.request();
        try {
            String key = allowed.formKey();
            route.checkKey(key);
            Verdict.AllowForm allow = PostFormForwarding.forward(request, allowed.form(), key, head, route,
                    request.transport().secure(), declared, clock.instant());
            exchange.outcome(RequestOutcome.ALLOW);
            return allow;
        } catch (ForwardingRefused e) {
            exchange.outcome(RequestOutcome.ERROR);
            return e.deny(Admission.pathOf(head.uri()));
        }
    }

    private Verdict upstream(CosRequest request, HttpRequest head, Route route, boolean secure, long bodyLength,
            SignatureScheme scheme, BodyCheck check) {
        CopySource source = request.copySource();
        if (source != null && !route.servesBucket(source.bucket())) {
            // Another route's bucket lives in another store: the upstream would copy whatever it has under that name.
            return new Verdict.Deny(HttpResponseStatus.BAD_REQUEST, "InvalidArgument",
                    "The copy source " + source.bucket() + " is not served by the same upstream as the target.",
                    Admission.pathOf(head.uri()));
        }
        try {
            route.checkKey(request.key());
            if (source != null) {
                route.checkKey(source.key());
            }
            // An aws-chunked body goes decoded to a store given a rebuilt request, and as received to
            // one that verifies the client's signature (and so its chunk signatures) again.
            boolean raw = route.mode().carriesCredentials();
            boolean decoded = check != null && check.decodedLength() >= 0 && !raw;
            String payload = head.headers().get("x-amz-content-sha256");
            if (!raw && check == null && payload != null && payload.startsWith("STREAMING-")) {
                // Only a route that authorizes verifies, and so decodes, an aws-chunked body.
                throw new ForwardingRefused(HttpResponseStatus.NOT_IMPLEMENTED, "NotImplemented",
                        "An aws-chunked body is decoded only on routes that authorize.");
            }
            HttpRequest upstream = UpstreamRequestBuilder.build(request, head, route, secure,
                    decoded ? check.decodedLength() : bodyLength, scheme, decoded, clock.instant());
            // An S3 client reads S3's response headers; a COS client the route's translation of them.
            return new Verdict.Allow(route.upstream(), upstream,
                    scheme.isAws() ? UpstreamMode.UNCHANGED : route.mode().responseHeaders(), check, raw);
        } catch (ForwardingRefused e) {
            return e.deny(Admission.pathOf(head.uri()));
        }
    }
}
