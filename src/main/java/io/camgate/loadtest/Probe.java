package io.camgate.loadtest;

import io.camgate.authz.Need;
import io.camgate.identity.Principal;
import io.camgate.policy.ConditionContext;

/**
 * One request of a load test, as the engine sees it: who asks for which action on which
 * resource, with which condition context.
 *
 * @param principal the caller
 * @param need      the action and resource
 * @param context   the condition context
 */
public record Probe(Principal principal, Need need, ConditionContext context) {
    /** The caller's uin, or {@code anonymous}. */
    public String caller() {
        String uin = principal.uin();
        return uin == null ? "anonymous" : uin;
    }
}
