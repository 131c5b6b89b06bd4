package io.camgate.proxy;

import io.camgate.authz.Decision;
import io.camgate.cos.CosRequest;
import io.camgate.identity.Principal;
import io.camgate.metrics.UpstreamError;
import io.camgate.sign.AuthError;

/**
 * Told what happens to each request: a refused signature, the authorization decision, the
 * end of the exchange. Called on the event loop: an implementation must be quick and must not
 * block. It receives no secrets, except that {@link Exchange#uri()} must be redacted before it
 * is written anywhere.
 */
public interface RequestObserver {
    /** Ignores everything. */
    RequestObserver NONE = new RequestObserver() {
    };

    /** A request's signature (or token) was refused with {@code error}. */
    default void signatureRefused(AuthError error) {
    }

    /**
     * A request was decided.
     *
     * @param exchange      the request being served
     * @param request       the classified request
     * @param principal     who it spoke for
     * @param decision      the live decision, with the reason and deciding statements
     * @param durationNanos how long the decision took
     */
    default void decided(Exchange exchange, CosRequest request, Principal principal, Decision decision,
            long durationNanos) {
    }

    /** A request was answered (or its connection ended); {@code exchange} holds what was learnt. */
    default void completed(Exchange exchange) {
    }

    /** A request's framing could not be trusted (smuggling attempts, oversize heads ...): 400 and closed. */
    default void framingRejected() {
    }

    /**
     * A connection to the upstream of {@code route} failed: it could not be opened (TCP or TLS),
     * or it broke, closed or stayed silent while serving a request.
     */
    default void upstreamFailed(String route, UpstreamError reason) {
    }

    /** This observer, then {@code next}. */
    default RequestObserver andThen(RequestObserver next) {
        RequestObserver first = this;
        return new RequestObserver() {
            @Override
            public void signatureRefused(AuthError error) {
                first.signatureRefused(error);
                next.signatureRefused(error);
            }

            @Override
            public void decided(Exchange exchange, CosRequest request, Principal principal, Decision decision,
                    long durationNanos) {
                first.decided(exchange, request, principal, decision, durationNanos);
                next.decided(exchange, request, principal, decision, durationNanos);
            }

            @Override
            public void completed(Exchange exchange) {
                first.completed(exchange);
                next.completed(exchange);
            }

            @Override
            public void framingRejected() {
                first.framingRejected();
                next.framingRejected();
            }

            @Override
            public void upstreamFailed(String route, UpstreamError reason) {
                first.upstreamFailed(route, reason);
                next.upstreamFailed(route, reason);
            }
        };
    }
}
