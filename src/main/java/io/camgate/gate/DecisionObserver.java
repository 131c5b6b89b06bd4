package io.camgate.gate;

import io.camgate.authz.Decision;
import io.camgate.cos.CosRequest;
import io.camgate.identity.Principal;
import io.camgate.sign.AuthError;

/**
 * Told what the decider found: a refused signature, each authorization decision. Called on
 * the event loop: an implementation must be quick and must not block. It receives no secrets.
 */
public interface DecisionObserver {
    /** A request's signature (or token) was refused with {@code error}. */
    default void signatureRefused(AuthError error) {
    }

    /**
     * A request was decided.
     *
     * @param record        the request being served
     * @param request       the classified request
     * @param principal     who it spoke for
     * @param decision      the live decision, with the reason and deciding statements
     * @param durationNanos how long the decision took
     */
    default void decided(DecisionRecord record, CosRequest request, Principal principal, Decision decision,
            long durationNanos) {
    }
}
