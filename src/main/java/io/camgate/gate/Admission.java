package io.camgate.gate;

import io.camgate.cos.ClassificationException;
import io.camgate.cos.CosRequest;
import io.camgate.cos.PostForm;
import io.camgate.limits.Allowance;
import io.camgate.metrics.RequestOutcome;
import io.camgate.sign.AuthError;
import io.camgate.limits.Allowance;
import io.camgate.sign.Authentication;
import io.camgate.sign.BodyCheck;
import io.camgate.sign.SignatureScheme;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * What the decider made of a request: allowed, refused with a COS error, waiting for its body, or
 * waiting for Redis to decide its caller's limit.
 */
public sealed interface Admission {
    /**
     * How the request counts in the meters and logs if it is answered as this says; an error
     * unless allowed, refused by policy or throttled (a request still waiting for its body is not
     * decided yet).
     */
    default RequestOutcome outcome() {
        return RequestOutcome.ERROR;
    }

    /**
     * Allowed.
     *
     * @param request the authorized request, parsed once; what the upstream request is built from
     * @param auth    who it speaks for and how that was proven
     * @param form    a POST Object's form read up to its file, or null for other requests
     * @param formKey the key a POST Object's form names (its {@code ${filename}} filled in), or null
     * @param scheme  the signature scheme the request presented
     * @param body    the check its body must pass as it streams (a signed SHA-256, aws-chunked
     *                signatures, a checksum header), or null when there is none left to run
     */
    record Allowed(CosRequest request, Authentication auth, PostForm form, String formKey, SignatureScheme scheme,
            BodyCheck body) implements Admission {
        @Override
        public RequestOutcome outcome() {
            return RequestOutcome.ALLOW;
        }
    }

    /**
     * Refused with a COS error.
     *
     * @param status   the HTTP status
     * @param code     the COS code ({@code AccessDenied}, {@code SignatureDoesNotMatch} ...)
     * @param message  the COS message
     * @param resource the request's path without its query (which may hold a signature)
     * @param details  extra XML elements (debug mode only)
     * @param outcome  {@code DENY} refused by policy, {@code THROTTLED} by a limit, else {@code ERROR}
     */
    record Refused(int status, String code, String message, String resource, Map<String, String> details,
            RequestOutcome outcome) implements Admission {
        /** A refusal before the decision (an error). */
        public Refused(int status, String code, String message, String resource, Map<String, String> details) {
            this(status, code, message, resource, details, RequestOutcome.ERROR);
        }

        public static Refused of(int status, String code, String message, String uri) {
            return new Refused(status, code, message, pathOf(uri), Map.of());
        }

        /** 403 AccessDenied: the policies do not allow the request. */
        public static Refused denied(String uri) {
            return new Refused(403, "AccessDenied", "Access Denied.", pathOf(uri), Map.of(), RequestOutcome.DENY);
        }

        /** 503 SlowDown: the caller's allowance is spent. */
        public static Refused throttled(String uri) {
            return new Refused(Allowance.SLOW_DOWN_STATUS, Allowance.SLOW_DOWN_CODE, Allowance.SLOW_DOWN_MESSAGE,
                    pathOf(uri), Map.of(), RequestOutcome.THROTTLED);
        }

        public static Refused classification(ClassificationException e, String uri) {
            return of(e.error().status(), e.error().code(), e.getMessage(), uri);
        }

        public static Refused signature(AuthError error, String uri) {
            Map<String, String> details = new LinkedHashMap<>();
            if (error.stringToSign() != null) {
                details.put("StringToSign", error.stringToSign());
            }
            if (error.formatString() != null) {
                details.put("FormatString", error.formatString());
            }
            return new Refused(error.status(), error.code(), error.message(), pathOf(uri), details);
        }

        /** 404 NoSuchBucket: no route of the gateway serves what {@code request} addresses. */
        public static Refused unrouted(CosRequest request, String uri) {
            return of(404, "NoSuchBucket", "No route of this gateway serves " + (request.bucket() == null
                    ? "the host " + request.endpoint().host() : "the bucket " + request.bucket()) + ".", uri);
        }
    }

    /**
     * Decided on the body: read at most {@link PendingBody#maxBytes()} of it (all of a
     * multi-delete list, the fields of a form), then ask {@link RequestDecider#decideWithBody}
     * or {@link RequestDecider#decideForm}. A form's decider may ask for more again.
     *
     * @param pending what was decided so far
     */
    record NeedsBody(PendingBody pending) implements Admission {
    }

    /**
     * Waiting for the caller's limit, which Redis decides for this request (a limit below the
     * shared limits' {@code exactBelow}): the caller parks the request, never blocking its thread
     * on {@code allowance}, and once it completes calls {@link #resume} on the thread that decides
     * the request's other steps.
     *
     * @param allowance completes, on a Redis client thread, with the caller's allowance
     * @param then      the rest of the decision, given the allowance
     */
    record AwaitsAllowance(CompletionStage<Allowance> allowance, Function<Allowance, Admission> then)
            implements Admission {
        /** The decision once {@code allowance} completed; a failure throttles the request (fails closed). */
        public Admission resume(Allowance given, Throwable failure) {
            return then.apply(failure != null || given == null ? Allowance.SLOW_DOWN : given);
        }
    }

    /** The {@code Resource} of an error: the request's path, without the query (which may hold a signature). */
    static String pathOf(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }
}
