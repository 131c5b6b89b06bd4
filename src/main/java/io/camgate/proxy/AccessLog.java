package io.camgate.proxy;

import io.camgate.authz.Decision;
import io.camgate.cos.CosRequest;
import io.camgate.identity.Principal;

/**
 * Told about every authorization decision the gateway makes, after it is made. Called on the
 * event loop: an implementation must be quick and must not block. It receives no secrets.
 */
@FunctionalInterface
public interface AccessLog {
    /** Ignores everything. */
    AccessLog NONE = (request, principal, decision) -> { };

    /**
     * @param request   the classified request
     * @param principal who it spoke for
     * @param decision  what was decided, with the reason and deciding statements
     */
    void decided(CosRequest request, Principal principal, Decision decision);
}
