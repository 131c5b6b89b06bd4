package io.camgate.proxy;

import io.camgate.authz.Decision;
import io.camgate.cos.CosRequest;
import io.camgate.gate.DecisionObserver;
import io.camgate.gate.DecisionRecord;
import io.camgate.identity.Principal;
import io.camgate.metrics.UpstreamError;
import io.camgate.proxy.upstream.UpstreamObserver;
import io.camgate.sign.AuthError;

/**
 * Told what happens to each request: a refused signature, the authorization decision, the
 * end of the exchange. Called on the event loop: an implementation must be quick and must not
 * block. It receives no secrets, except that {@link Exchange#uri()} must be redacted before it
 * is written anywhere.
 */
public interface RequestObserver extends DecisionObserver, UpstreamObserver {
    /** Ignores everything. */
    RequestObserver NONE = new RequestObserver() {
    };

    /** A request was answered (or its connection ended); {@code exchange} holds what was learnt. */
    default void completed(Exchange exchange) {
    }

    /** A request's framing could not be trusted (smuggling attempts, oversize heads ...): 400 and closed. */
    default void framingRejected() {
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
            public void decided(DecisionRecord record, CosRequest request, Principal principal, Decision decision,
                    long durationNanos) {
                first.decided(record, request, principal, decision, durationNanos);
                next.decided(record, request, principal, decision, durationNanos);
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
