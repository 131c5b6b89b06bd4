package io.camgate.gate;

import io.camgate.authz.Decision;
import io.camgate.authz.SessionPolicy;
import io.camgate.authz.index.Published;
import io.camgate.cos.ClassificationException;
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
import io.camgate.sign.AwsVerification;
import io.camgate.sign.BodyCheck;
import io.camgate.sign.PostObjectForm;
import io.camgate.sign.SignatureScheme;
import java.util.List;

/**
 * Decides one request, in DESIGN §1's order: classify the head once into a {@link CosRequest},
 * authenticate its signature, admit the caller under its limits, and authorize every action it
 * needs with the compiled index of the snapshot the request started with. The answer is an
 * {@link Admission}. The few requests whose target is in their body come back through
 * {@link #decideWithBody} (a multi-delete list) and {@link #decideForm} (a POST Object form,
 * authenticated by its own policy signature once its fields are in).
 *
 * <p>Every failure is a COS error: classification problems with their own codes, signature
 * problems as the authenticator says, a spent allowance as SlowDown, a denial as 403
 * AccessDenied. Runs on the event loop: nothing here blocks.
 */
public final class RequestDecider {
    private static final String ACCESS_DENIED_MESSAGE = "Access Denied.";
    /** The body length given when the body is not the gateway's to check (a forwarded decision request). */
    private static final long NO_BODY_CHECK = Long.MIN_VALUE;

    private final RequestClassifier classifier;
    private final Authenticator authenticator;
    private final Limiter limiter;
    private final DecisionObserver observer;

    /**
     * @param classifier    reads request heads
     * @param authenticator verifies signatures
     * @param limiter       admits authenticated callers under their limits
     * @param observer      told about refused signatures and each decision
     */
    public RequestDecider(RequestClassifier classifier, Authenticator authenticator, Limiter limiter,
            DecisionObserver observer) {
        this.classifier = classifier;
        this.authenticator = authenticator;
        this.limiter = limiter;
        this.observer = observer;
    }

    /**
     * Classifies a request head against the snapshot's directory: the first step of a decision,
     * also what a route that is not authorized needs to know where the request goes.
     *
     * @throws ClassificationException with the COS error to send
     */
    public CosRequest classify(Published published, String method, String uri, RequestHeaders headers,
            Transport transport) throws ClassificationException {
        return classifier.classify(method, uri, headers, transport, published.snapshot().directory());
    }

    /**
     * Decides a request that another proxy received and forwards itself (the ingress decision
     * mode). A request decided on its body is refused, since such decision requests carry none.
     */
    public Admission decide(Published published, String method, String uri, RequestHeaders headers,
            Transport transport, DecisionRecord record) {
        CosRequest request;
        try {
            request = classify(published, method, uri, headers, transport);
        } catch (ClassificationException e) {
            return Admission.Refused.classification(e, uri);
        }
        // The forwarding proxy relays the body, with the client's signature, to a store that checks it.
        Admission admission = decideSigned(published, request, uri, NO_BODY_CHECK, record);
        if (admission instanceof Admission.NeedsBody) {
            return Admission.Refused.of(501, "NotImplemented",
                    "This request is decided on its body, which a forwarded decision request does not carry.", uri);
        }
        return admission;
    }

    /**
     * Decides a classified request from its head; a POST Object form or a multi-delete list
     * needs its body first.
     *
     * @param contentType the request's Content-Type (a form's boundary), or null
     * @param declared    the length of the request's body (0 when it has none), or -1 when chunked
     */
    public Admission decide(Published published, CosRequest request, String uri, String contentType, long declared,
            DecisionRecord record) {
        if (!request.operation().has(Operation.Trait.FORM_BODY)) {
            return decideSigned(published, request, uri, declared, record);
        }
        String boundary;
        try {
            boundary = PostFormReader.boundary(contentType);
        } catch (ClassificationException e) {
            return Admission.Refused.classification(e, uri);
        }
        return new Admission.NeedsBody(new PendingBody(PendingBody.Kind.FORM, PostFormReader.MAX_FIELD_BYTES,
                published, request, null, uri, boundary, declared, SignatureScheme.COS_POST_FORM, null));
    }

    private Admission decideSigned(Published published, CosRequest request, String uri, long length,
            DecisionRecord record) {
        Directory directory = published.snapshot().directory();
        SignatureScheme scheme;
        Authentication auth;
        BodyCheck body;
        try {
            scheme = SignatureScheme.of(request);
            AwsVerification aws = null;
            // One case per scheme and no default: a scheme without its verifier does not compile.
            auth = switch (scheme) {
                case NONE -> Authentication.anonymous();
                case COS_HEADER -> authenticator.cosHeader(request, directory);
                case COS_QUERY -> authenticator.cosQuery(request, directory);
                case COS_SIGN_PARAMETER -> authenticator.cosSignParameter(request, directory);
                case COS_POST_FORM -> throw new AuthenticationException(
                        AuthError.malformedPost("a form's signature is in its fields, not its head"));
                case AWS4_HEADER, AWS4_QUERY -> (aws = authenticator.sigV4(request, directory)).authentication();
                case AWS2_HEADER, AWS2_QUERY -> authenticator.sigV2(request,
                        request.hostKind().bucketInHost() ? request.bucket() : null, directory);
            };
            body = length == NO_BODY_CHECK ? null : BodyChecks.of(aws, request, length);
        } catch (AuthenticationException e) {
            observer.signatureRefused(e.error());
            return Admission.Refused.signature(e.error(), uri);
        }
        Admission.Refused throttled = admitCaller(directory, request, auth, uri, record);
        if (throttled != null) {
            return throttled;
        }
        if (request.awaitsBody()) {
            return new Admission.NeedsBody(new PendingBody(PendingBody.Kind.DELETE_LIST, MultiDeleteBody.MAX_BYTES,
                    published, request, auth, uri, null, -1, scheme, body));
        }
        return authorize(published, request, auth, null, null, scheme, body, uri, record);
    }

    /** Decides a multi-delete on the keys its list names, each of which must also meet {@code keys}. */
    public Admission decideWithBody(PendingBody pending, byte[] body, KeyRule keys, DecisionRecord record) {
        CosRequest full;
        try {
            // The list is decided on only once it is the body the client signed or checksummed.
            BodyChecks.whole(pending.check(), body);
        } catch (AuthenticationException e) {
            observer.signatureRefused(e.error());
            return Admission.Refused.signature(e.error(), pending.uri());
        }
        try {
            List<MultiDeleteBody.DeletedObject> objects = MultiDeleteBody.parse(body);
            for (MultiDeleteBody.DeletedObject o : objects) {
                String refusal = keys.refusal(o.key());
                if (refusal != null) {
                    return Admission.Refused.of(400, "InvalidArgument", refusal, pending.uri());
                }
            }
            full = pending.request().withDeletedObjects(objects);
        } catch (ClassificationException e) {
            return Admission.Refused.classification(e, pending.uri());
        }
        return authorize(pending.published(), full, pending.auth(), null, null, pending.scheme(),
                null, pending.uri(), record);
    }

    /**
     * Decides a POST Object on its form's fields: reads them from {@code prefix} (the body so
     * far), takes the key and condition keys from them, authenticates the form's policy
     * signature (expiration and every condition against the authorized bucket, key and file
     * size), admits and authorizes. The file's size is known from the request's Content-Length
     * (the form must end with the file); a chunked form has none, so a policy's
     * content-length-range fails for it.
     *
     * @return {@link Admission.NeedsBody} while the fields are not all in and more may come
     */
    public Admission decideForm(PendingBody pending, byte[] prefix, boolean complete, DecisionRecord record) {
        String uri = pending.uri();
        long declared = pending.declared();
        PostForm form;
        CosRequest full;
        String key;
        long file;
        try {
            form = PostFormReader.read(prefix, prefix.length, pending.boundary(), complete);
            if (form == null) {
                return new Admission.NeedsBody(pending);
            }
            file = declared < 0 ? -1 : declared - form.fileContent() - form.closingLength();
            if (declared >= 0 && file < 0) {
                return Admission.Refused.of(400, "MalformedPOSTRequest",
                        "The form is shorter than its file part's closing boundary.", uri);
            }
            full = pending.request().withForm(form, file);
            key = form.objectKey();
        } catch (ClassificationException e) {
            return Admission.Refused.classification(e, uri);
        }
        Directory directory = pending.published().snapshot().directory();
        Authentication auth;
        try {
            auth = authenticator.authenticateForm(new PostObjectForm(form.fields(), pending.request().bucket(),
                    key, file), directory);
        } catch (AuthenticationException e) {
            observer.signatureRefused(e.error());
            return Admission.Refused.signature(e.error(), uri);
        }
        Admission.Refused throttled = admitCaller(directory, full, auth, uri, record);
        if (throttled != null) {
            return throttled;
        }
        return authorize(pending.published(), full, auth, form, key, SignatureScheme.COS_POST_FORM, null, uri,
                record);
    }

    /** Charges the caller's allowance; the SlowDown error when it is spent, otherwise null. */
    private Admission.Refused admitCaller(Directory directory, CosRequest request, Authentication auth, String uri,
            DecisionRecord record) {
        Principal principal = auth.principal();
        record.identify(request.operation().action(), principal.uin() == null ? "anonymous" : principal.uin());
        Allowance allowance = limiter.admit(directory, principal.uin(), auth.secretId().orElse(null));
        if (allowance.throttled()) {
            record.outcome(RequestOutcome.THROTTLED);
            return Admission.Refused.of(Allowance.SLOW_DOWN_STATUS, Allowance.SLOW_DOWN_CODE,
                    Allowance.SLOW_DOWN_MESSAGE, uri);
        }
        record.allowance(allowance);
        return null;
    }

    private Admission authorize(Published published, CosRequest request, Authentication auth, PostForm form,
            String formKey, SignatureScheme scheme, BodyCheck body, String uri, DecisionRecord record) {
        long started = System.nanoTime();
        Decision decision = published.engine().decideAll(auth.principal(), request.needs(), request.conditions());
        if (decision.allowed() && auth.sessionPolicy().isPresent()) {
            // A temporary credential's session policy may only narrow what the caller's own policies allow.
            decision = new SessionPolicy(auth.sessionPolicy().orElseThrow()).narrow(published.snapshot().directory(),
                    auth.principal(), request.needs(), request.conditions(), decision);
        }
        record.decidedBy(published.snapshot().generation(), published.snapshot().revision());
        observer.decided(record, request, auth.principal(), decision, System.nanoTime() - started);
        if (!decision.allowed()) {
            record.outcome(RequestOutcome.DENY);
            return Admission.Refused.of(403, "AccessDenied", ACCESS_DENIED_MESSAGE, uri);
        }
        record.outcome(RequestOutcome.ALLOW);
        return new Admission.Allowed(request, auth, form, formKey, scheme, body);
    }
}
