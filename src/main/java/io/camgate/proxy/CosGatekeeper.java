package io.camgate.proxy;

import io.camgate.cos.ClassificationException;
import io.camgate.cos.CosRequest;
import io.camgate.cos.RequestClassifier;
import io.camgate.cos.RequestHeaders;
import io.camgate.cos.Transport;
import io.camgate.gate.Admission;
import io.camgate.gate.PendingBody;
import io.camgate.gate.RequestDecider;
import io.camgate.limits.Limiter;
import io.camgate.proxy.upstream.Route;
import io.camgate.proxy.upstream.UpstreamPlanner;
import io.camgate.proxy.upstream.UpstreamRequestBuilder;
import io.camgate.proxy.upstream.Verdict;
import io.camgate.sign.AuthenticationException;
import io.camgate.sign.Authenticator;
import io.camgate.sign.SignatureScheme;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The gateway's {@link Gatekeeper}: the {@link RequestDecider} decides, the
 * {@link UpstreamPlanner} builds what an allowed request sends upstream. The snapshot and routes
 * are read once per request ({@link ServedConfig}), so a request is decided and routed wholly
 * by the configuration it started with, even when its decision waits for its body. The route is
 * looked up once classified: a route that does not authorize ({@code authorize: false}) goes
 * straight to the planner; otherwise the decider is told whether a route serves the request,
 * and refuses one that none serves (404 NoSuchBucket) only once its signature holds. Anything
 * unexpected is 500 InternalError (fail closed).
 */
final class CosGatekeeper implements Gatekeeper {
    private final ServedConfig served;
    private final RequestDecider decider;
    private final UpstreamPlanner planner;

    /**
     * @param served        the current snapshot, its compiled index and the routes published with it
     * @param classifier    reads request heads
     * @param authenticator verifies COS signatures
     * @param limiter       admits authenticated callers under their limits
     * @param clock         the signing clock for upstream requests
     * @param observer      told about refused signatures and each decision
     */
    public CosGatekeeper(ServedConfig served, RequestClassifier classifier, Authenticator authenticator,
            Limiter limiter, Clock clock, RequestObserver observer) {
        this(served, new RequestDecider(classifier, authenticator, limiter, observer), clock);
    }

    CosGatekeeper(ServedConfig served, RequestDecider decider, Clock clock) {
        this.served = served;
        this.decider = decider;
        this.planner = new UpstreamPlanner(clock);
    }

    /** The decider, which the ingress listener shares. */
    RequestDecider decider() {
        return decider;
    }

    @Override
    public Verdict admit(HttpRequest head, String clientIp, String tls, Exchange exchange) {
        Transport transport = tls != null ? Transport.tls(clientIp, tls) : Transport.plain(clientIp);
        try {
            return decide(head, transport, exchange);
        } catch (RuntimeException e) {
            return new Verdict.Deny(HttpResponseStatus.INTERNAL_SERVER_ERROR, "InternalError",
                    "We encountered an internal error. Please try again.", Admission.pathOf(head.uri()));
        }
    }

    private Verdict decide(HttpRequest head, Transport transport, Exchange exchange) {
        ServedConfig.Current config = served.current();
        String uri = head.uri();
        CosRequest request;
        try {
            request = decider.classify(config.published(), head.method().name(), uri, headers(head.headers()),
                    transport);
        } catch (ClassificationException e) {
            return deny(Admission.Refused.classification(e, uri));
        }
        exchange.addressed(request.bucket());
        Route route = config.routes().find(request);
        if (route != null) {
            exchange.routed(route.settings().name());
            if (!route.settings().authorize()) {
                return unauthorized(request, head, route, transport, exchange);
            }
        }
        Admission admission = decider.decide(config.published(), request, uri,
                head.headers().get(HttpHeaderNames.CONTENT_TYPE), UpstreamRequestBuilder.relayedLength(head),
                route != null, exchange);
        return verdict(admission, head, route, exchange, -1);
    }

    /** A route that does not authorize forwards what it is sent, its signature unverified. */
    private Verdict unauthorized(CosRequest request, HttpRequest head, Route route, Transport transport,
            Exchange exchange) {
        exchange.identify(request.operation().action(), null);
        SignatureScheme scheme;
        try {
            scheme = SignatureScheme.of(request);
        } catch (AuthenticationException e) {
            return deny(Admission.Refused.signature(e.error(), head.uri()));
        }
        return planner.plan(request, head, route, transport.secure(), -1, scheme, null);
    }

    /** What the proxy does with {@code admission}: refuse, read the body first, wait for Redis, or forward. */
    Verdict verdict(Admission admission, HttpRequest head, Route route, Exchange exchange, long bodyLength) {
        if (admission instanceof Admission.Refused refused) {
            return deny(refused);
        }
        if (admission instanceof Admission.AwaitsAllowance awaits) {
            return new Verdict.Later<>(awaits.allowance(), (allowance, failure) -> verdict(
                    awaits.resume(allowance, failure), head, route, exchange, bodyLength));
        }
        if (admission instanceof Admission.NeedsBody needs) {
            PendingBody pending = needs.pending();
            BodyDecision next = new BodyDecision(this, pending, head, route, exchange);
            return pending.kind() == PendingBody.Kind.FORM ? new Verdict.ReadForm(pending.maxBytes(), next)
                    : new Verdict.ReadBody(pending.maxBytes(), next);
        }
        Admission.Allowed allowed = (Admission.Allowed) admission;
        if (allowed.form() != null) {
            return planner.planForm(allowed, head, route, HttpUtil.getContentLength(head, -1L));
        }
        return planner.plan(allowed.request(), head, route, allowed.request().transport().secure(), bodyLength,
                allowed.scheme(), allowed.body());
    }

    static Verdict.Deny deny(Admission.Refused refused) {
        return new Verdict.Deny(HttpResponseStatus.valueOf(refused.status()), refused.code(), refused.message(),
                refused.resource(), refused.details(), refused.outcome());
    }

    /** The headers as the classifier reads them. */
    static RequestHeaders headers(HttpHeaders headers) {
        List<String> names = new ArrayList<>(headers.size());
        List<String> values = new ArrayList<>(headers.size());
        Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence();
        while (it.hasNext()) {
            Map.Entry<CharSequence, CharSequence> e = it.next();
            names.add(e.getKey().toString());
            values.add(e.getValue().toString());
        }
        return RequestHeaders.of(names, values);
    }
}
