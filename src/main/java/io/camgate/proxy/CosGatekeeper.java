package io.camgate.proxy;

import io.camgate.authz.Decision;
import io.camgate.authz.SessionPolicy;
import io.camgate.authz.index.Published;
import io.camgate.config.RouteSettings;
import io.camgate.cos.ClassificationException;
import io.camgate.cos.CopySource;
import io.camgate.cos.CosRequest;
import io.camgate.cos.MultiDeleteBody;
import io.camgate.cos.Operation;
import io.camgate.cos.PostForm;
import io.camgate.cos.PostFormReader;
import io.camgate.cos.RequestClassifier;
import io.camgate.cos.RequestHeaders;
import io.camgate.cos.Transport;
import io.camgate.identity.Directory;
import io.camgate.identity.Principal;
import io.camgate.limits.Allowance;
import io.camgate.limits.Limiter;
import io.camgate.metrics.RequestOutcome;
import io.camgate.sign.AuthError;
import io.camgate.sign.Authentication;
import io.camgate.sign.AuthenticationException;
import io.camgate.sign.Authenticator;
import io.camgate.sign.PostObjectForm;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway's {@link Gatekeeper}: classifies the request head once, authenticates its COS
 * signature, admits it under the caller's limits, decides with the compiled index of the
 * current snapshot and, when allowed, builds the upstream request for the request's route.
 * The snapshot and routes are read once per request ({@link ServedConfig}), so a request is
 * decided and routed wholly by the configuration it started with, even when its decision waits for a multi-delete body or
 * a POST Object form's fields ({@link #readForm}).
 * {@link #authorizeOriginal} runs the same steps for a request another proxy forwards
 * (the ingress decision mode) and stops before forwarding.
 *
 * <p>Every failure is a COS error: classification problems with their own codes, signature
 * problems as {@link AuthError} says, a denial as 403 AccessDenied, a request no route takes
 * as 404 NoSuchBucket, and anything unexpected as 500 InternalError (fail closed).
 */
public final class CosGatekeeper implements Gatekeeper {
    private static final String ACCESS_DENIED_MESSAGE = "Access Denied.";

    private final ServedConfig served;
    private final RequestClassifier classifier;
    private final Authenticator authenticator;
    private final Limiter limiter;
    private final Clock clock;
    private final RequestObserver observer;

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
        this.served = served;
        this.classifier = classifier;
        this.authenticator = authenticator;
        this.limiter = limiter;
        this.clock = clock;
        this.observer = observer;
    }

    @Override
    public Verdict admit(HttpRequest head, InetSocketAddress peer, String tls, Exchange exchange) {
        String ip = peer.getAddress().getHostAddress();
        Transport transport = tls != null ? Transport.tls(ip, tls) : Transport.plain(ip);
        try {
            return decide(head.method().name(), head.uri(), headers(head.headers()), transport, head, exchange);
        } catch (RuntimeException e) {
            return internalError(head.uri());
        }
    }

    /**
     * The ingress decision mode: classifies, authenticates, limits and decides a request that
     * another proxy received and will forward itself. Routes play no part (the other proxy
     * knows where the request goes), and a request whose decision needs its body (Delete
     * Multiple Objects) is refused, because such subrequests carry no body.
     *
     * @param method    the original method
     * @param uri       the original request target
     * @param headers   the original headers
     * @param transport the original client's address and protocol, as the other proxy tells them
     * @param exchange  the decision request being served
     * @return {@link Verdict#AUTHORIZED} or the COS error
     */
    public Verdict authorizeOriginal(String method, String uri, RequestHeaders headers, Transport transport,
            Exchange exchange) {
        try {
            return decide(method, uri, headers, transport, null, exchange);
        } catch (RuntimeException e) {
            return internalError(uri);
        }
    }

    /** Decides; {@code head} is the request to forward, or null in the ingress decision mode. */
    private Verdict decide(String method, String uri, RequestHeaders headers, Transport transport, HttpRequest head,
            Exchange exchange) {
        ServedConfig.Current config = served.current();
        Published published = config.published();
        Directory directory = published.snapshot().directory();
        CosRequest request;
        try {
            request = classifier.classify(method, uri, headers, transport, directory);
        } catch (ClassificationException e) {
            return new Verdict.Deny(HttpResponseStatus.valueOf(e.error().status()), e.error().code(), e.getMessage(),
                    resource(uri));
        }
        Route route = null;
        if (head != null) {
            route = config.routes().find(request);
            if (route == null) {
                return new Verdict.Deny(HttpResponseStatus.NOT_FOUND, "NoSuchBucket",
                        "No route of this gateway serves " + (request.bucket() == null ? "the host "
                                + request.endpoint().host() : "the bucket " + request.bucket()) + ".", resource(uri));
            }
            if (!route.settings().authorize()) {
                exchange.identify(request.operation().action(), null);
                return forward(request, head, route, transport.secure(), -1, exchange);
            }
        }
        if (head != null && request.operation().has(Operation.Trait.FORM_BODY)) {
            return readForm(published, request, head, route, uri, exchange);
        }
        Authentication auth;
        try {
            auth = authenticator.authenticate(request, directory);
        } catch (AuthenticationException e) {
            observer.signatureRefused(e.error());
            return authFailure(e.error(), uri);
        }
        Verdict throttled = admitCaller(directory, request, auth, uri, exchange);
        if (throttled != null) {
            return throttled;
        }
        if (!request.awaitsBody()) {
            return authorize(published, request, auth, head, route, uri, -1, exchange);
        }
        if (head == null) {
            return new Verdict.Deny(HttpResponseStatus.NOT_IMPLEMENTED, "NotImplemented",
                    "This request is decided on its body, which a forwarded decision request does not carry.",
                    resource(uri));
        }
        Route target = route;
        return new Verdict.ReadBody(MultiDeleteBody.MAX_BYTES, body -> {
            CosRequest full;
            try {
                List<MultiDeleteBody.DeletedObject> objects = MultiDeleteBody.parse(body);
                for (MultiDeleteBody.DeletedObject o : objects) {
                    target.checkKey(o.key());
                }
                full = request.withDeletedObjects(objects);
            } catch (ClassificationException e) {
                return new Verdict.Deny(HttpResponseStatus.valueOf(e.error().status()), e.error().code(),
                        e.getMessage(), resource(uri));
            } catch (ForwardingRefused e) {
                return e.deny(resource(uri));
            }
            return authorize(published, full, auth, head, target, uri, body.length, exchange);
        });
    }

    /** Charges the caller's allowance; the SlowDown error when it is spent, otherwise null. */
    private Verdict admitCaller(Directory directory, CosRequest request, Authentication auth, String uri,
            Exchange exchange) {
        Principal principal = auth.principal();
        exchange.identify(request.operation().action(), principal.uin() == null ? "anonymous" : principal.uin());
        Allowance allowance = limiter.admit(directory, principal.uin(), auth.secretId().orElse(null));
        if (allowance.throttled()) {
            exchange.outcome(RequestOutcome.THROTTLED);
            return new Verdict.Deny(HttpResponseStatus.valueOf(Allowance.SLOW_DOWN_STATUS), Allowance.SLOW_DOWN_CODE,
                    Allowance.SLOW_DOWN_MESSAGE, resource(uri));
        }
        exchange.allowance(allowance);
        return null;
    }

    /**
     * POST Object: reads the form's fields (bounded), takes the key and condition keys from
     * them, authenticates the form's policy signature (expiration and every condition against
     * the authorized bucket, key and file size), decides, and forwards the form as the route
     * wants it ({@link PostFormForwarding}) with the file streamed. The file's size is known
     * from the request's Content-Length (the form must end with the file); a chunked form has
     * none, so a policy's content-length-range fails for it.
     */
    private Verdict readForm(Published published, CosRequest request, HttpRequest head, Route route, String uri,
            Exchange exchange) {
        String boundary;
        try {
            boundary = PostFormReader.boundary(head.headers().get(HttpHeaderNames.CONTENT_TYPE));
        } catch (ClassificationException e) {
            return classificationDeny(e, uri);
        }
        long declared = HttpUtil.getContentLength(head, -1L);
        Directory directory = published.snapshot().directory();
        return new Verdict.ReadForm(PostFormReader.MAX_FIELD_BYTES, (prefix, complete) -> {
            PostForm form;
            CosRequest full;
            String key;
            long file;
            try {
                form = PostFormReader.read(prefix, prefix.length, boundary, complete);
                if (form == null) {
                    return null;
                }
                file = declared < 0 ? -1 : declared - form.fileContent() - form.closingLength();
                if (declared >= 0 && file < 0) {
                    return new Verdict.Deny(HttpResponseStatus.BAD_REQUEST, "MalformedPOSTRequest",
                            "The form is shorter than its file part's closing boundary.", resource(uri));
                }
                full = request.withForm(form, file);
                key = form.objectKey();
            } catch (ClassificationException e) {
                return classificationDeny(e, uri);
            }
            Authentication auth;
            try {
                auth = authenticator.authenticateForm(new PostObjectForm(form.fields(), request.bucket(), key, file),
                        directory);
            } catch (AuthenticationException e) {
                observer.signatureRefused(e.error());
                return authFailure(e.error(), uri);
            }
            Verdict throttled = admitCaller(directory, full, auth, uri, exchange);
            if (throttled != null) {
                return throttled;
            }
            Verdict decided = authorize(published, full, auth, null, null, uri, -1, exchange);
            if (decided != Verdict.AUTHORIZED) {
                return decided;
            }
            try {
                route.checkKey(key);
                Verdict.AllowForm allow = PostFormForwarding.forward(full, form, key, head, route,
                        full.transport().secure(), declared, clock.instant());
                exchange.outcome(RequestOutcome.ALLOW);
                return allow;
            } catch (ForwardingRefused e) {
                exchange.outcome(RequestOutcome.ERROR);
                return e.deny(resource(uri));
            }
        });
    }

    private static Verdict classificationDeny(ClassificationException e, String uri) {
        return new Verdict.Deny(HttpResponseStatus.valueOf(e.error().status()), e.error().code(), e.getMessage(),
                resource(uri));
    }

    private Verdict authorize(Published published, CosRequest request, Authentication auth, HttpRequest head,
            Route route, String uri, long bodyLength, Exchange exchange) {
        long started = System.nanoTime();
        Decision decision = published.engine().decideAll(auth.principal(), request.needs(), request.conditions());
        if (decision.allowed() && auth.sessionPolicy().isPresent()) {
            decision = sessionDecision(published.snapshot().directory(), auth, request, decision);
        }
        exchange.decidedBy(published.snapshot().generation());
        observer.decided(exchange, request, auth.principal(), decision, System.nanoTime() - started);
        if (!decision.allowed()) {
            exchange.outcome(RequestOutcome.DENY);
            return new Verdict.Deny(HttpResponseStatus.FORBIDDEN, "AccessDenied", ACCESS_DENIED_MESSAGE,
                    resource(uri));
        }
        if (head == null) {
            // The ingress decision mode, or a form whose forwarding its caller builds.
            exchange.outcome(RequestOutcome.ALLOW);
            return Verdict.AUTHORIZED;
        }
        return forward(request, head, route, request.transport().secure(), bodyLength, exchange);
    }

    /** A temporary credential's session policy may only narrow what the caller's own policies allow. */
    private static Decision sessionDecision(Directory directory, Authentication auth, CosRequest request,
            Decision allowed) {
        return new SessionPolicy(auth.sessionPolicy().orElseThrow())
                .narrow(directory, auth.principal(), request.needs(), request.conditions(), allowed);
    }

    /** The upstream request, or the refusal of a request the route cannot carry (counted as an error). */
    private Verdict forward(CosRequest request, HttpRequest head, Route route, boolean secure, long bodyLength,
            Exchange exchange) {
        Verdict verdict = upstream(request, head, route, secure, bodyLength);
        exchange.outcome(verdict instanceof Verdict.Allow ? RequestOutcome.ALLOW : RequestOutcome.ERROR);
        return verdict;
    }

    private Verdict upstream(CosRequest request, HttpRequest head, Route route, boolean secure, long bodyLength) {
        CopySource source = request.copySource();
        if (source != null && !route.servesBucket(source.bucket())) {
            // Another route's bucket lives in another store: the upstream would copy whatever it has under that name.
            return new Verdict.Deny(HttpResponseStatus.BAD_REQUEST, "InvalidArgument",
                    "The copy source " + source.bucket() + " is not served by the same upstream as the target.",
                    resource(head.uri()));
        }
        try {
            route.checkKey(request.key());
            if (source != null) {
                route.checkKey(source.key());
            }
            HttpRequest upstream = UpstreamRequestBuilder.build(request, head, route, secure, bodyLength,
                    clock.instant());
            return route.auth() == RouteSettings.UpstreamAuth.SIGV4
                    ? new Verdict.Allow(route.upstream(), upstream, S3Dialect::responseHeaders)
                    : new Verdict.Allow(route.upstream(), upstream);
        } catch (ForwardingRefused e) {
            return e.deny(resource(head.uri()));
        }
    }

    private static Verdict.Deny internalError(String uri) {
        return new Verdict.Deny(HttpResponseStatus.INTERNAL_SERVER_ERROR, "InternalError",
                "We encountered an internal error. Please try again.", resource(uri));
    }

    private static Verdict authFailure(AuthError error, String uri) {
        Map<String, String> details = new LinkedHashMap<>();
        if (error.stringToSign() != null) {
            details.put("StringToSign", error.stringToSign());
        }
        if (error.formatString() != null) {
            details.put("FormatString", error.formatString());
        }
        return new Verdict.Deny(HttpResponseStatus.valueOf(error.status()), error.code(), error.message(),
                resource(uri), details);
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

    /** The {@code Resource} of an error: the request's path, without the query (which may hold a signature). */
    private static String resource(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }
}
