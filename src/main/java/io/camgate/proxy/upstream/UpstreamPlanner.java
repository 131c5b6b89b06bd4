package io.camgate.proxy.upstream;

import io.camgate.cos.CopySource;
import io.camgate.cos.CosRequest;
import io.camgate.gate.Admission;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;

/**
 * Plans the upstream request of an allowed request for its route: the keys the route's store
 * would fold and a copy from another store are refused, and the head is built from the
 * authorized request ({@link UpstreamRequestBuilder}, {@link PostFormForwarding}) as the
 * route's {@link UpstreamMode} wants it. A request the route cannot carry is refused as an
 * error ({@link Verdict.Deny}), not counted as an allow.
 */
public final class UpstreamPlanner {
    private final Clock clock;

    /** @param clock the signing clock for upstream requests */
    public UpstreamPlanner(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param bodyLength the length of a body read before deciding, or -1 for the client's body as framed
     */
    public Verdict plan(CosRequest request, HttpRequest head, Route route, boolean secure, long bodyLength) {
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
            HttpRequest upstream = UpstreamRequestBuilder.build(request, head, route, secure, bodyLength,
                    clock.instant());
            return new Verdict.Allow(route.upstream(), upstream, route.mode().responseHeaders());
        } catch (ForwardingRefused e) {
            return e.deny(Admission.pathOf(head.uri()));
        }
    }

    /** The rewritten form of an allowed POST Object, with its file streamed after it. */
    public Verdict planForm(Admission.Allowed allowed, HttpRequest head, Route route, long declared) {
        CosRequest request = allowed.request();
        try {
            String key = allowed.formKey();
            route.checkKey(key);
            return PostFormForwarding.forward(request, allowed.form(), key, head, route,
                    request.transport().secure(), declared, clock.instant());
        } catch (ForwardingRefused e) {
            return e.deny(Admission.pathOf(head.uri()));
        }
    }
}
