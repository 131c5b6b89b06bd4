package io.camgate.authz;

import io.camgate.identity.Principal;
import io.camgate.policy.ConditionContext;
import java.util.List;
import java.util.TreeSet;

/**
 * Decides requests against one {@link Snapshot} with the semantics of DESIGN §3. The
 * reference evaluator and the compiled index both implement it and must never disagree.
 */
public interface PolicyEngine {
    /** Decides one action on one resource. */
    Decision decide(Principal principal, Need need, ConditionContext context);

    /**
     * Decides a request that needs several actions: allowed only when every one is. A denial
     * is the first denied need's decision; an allow names every deciding statement and has
     * reason {@link Reason#ROOT} only when each need was allowed as root.
     */
    default Decision decideAll(Principal principal, List<Need> needs, ConditionContext context) {
        if (needs.isEmpty()) {
            return Decision.IMPLICIT_DENY;
        }
        if (needs.size() == 1) {
            // One need's decision already names its statements in canonical order, without repeats.
            Decision d = decide(principal, needs.get(0), context);
            return d.allowed() && d.reason() == Reason.ROOT ? Decision.ROOT : d;
        }
        boolean allRoot = true;
        TreeSet<StatementRef> statements = new TreeSet<>();
        for (Need need : needs) {
            Decision d = decide(principal, need, context);
            if (!d.allowed()) {
                return d;
            }
            allRoot &= d.reason() == Reason.ROOT;
            statements.addAll(d.statements());
        }
        return allRoot ? Decision.ROOT : new Decision(true, Reason.ALLOWED, List.copyOf(statements));
    }
}
