package io.camgate.authz.index;

import io.camgate.authz.Decision;
import io.camgate.authz.StatementMatcher;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.PolicyVariables;
import io.camgate.policy.ResourceName;
import io.camgate.policy.ResourcePattern;
import io.camgate.policy.Statement;

/**
 * One statement compiled for one set of policy variables. When the caller is known at
 * compile time (a sub-user's own policies, bucket statements naming one user, statements for
 * everyone) its variables are already substituted in the resources and conditions; otherwise
 * (bucket statements naming a group or a root account, which several callers share) they are
 * filled in per request.
 */
final class CompiledStatement {
    private final Decision alone;
    private final Statement statement;
    private final PolicyVariables vars;
    private final String ownerUin;
    private final String appId;

    private CompiledStatement(Decision alone, Statement statement, PolicyVariables vars, String ownerUin,
            String appId) {
        this.alone = alone;
        this.statement = statement;
        this.vars = vars;
        this.ownerUin = ownerUin;
        this.appId = appId;
    }

    /** A statement whose variables are all known: {@code statement} already has them substituted. */
    static CompiledStatement fixed(Decision alone, Statement statement, PolicyVariables vars) {
        return new CompiledStatement(alone, statement, vars, vars.ownerUin(), vars.appId());
    }

    /** A statement whose {@code ${uin}} is whoever calls; the owner's variables are known. */
    static CompiledStatement perCaller(Decision alone, Statement statement, String ownerUin, String appId) {
        return new CompiledStatement(alone, statement, null, ownerUin, appId);
    }

    /** The decision this statement makes on its own. */
    Decision alone() {
        return alone;
    }

    /** Whether {@code pattern}, one of this statement's resources, covers the request and the conditions let it apply. */
    boolean applies(ResourcePattern pattern, ResourceName resource, ConditionContext context, String callerUin) {
        PolicyVariables v = vars != null ? vars : new PolicyVariables(callerUin, ownerUin, appId);
        return pattern.matches(resource, v) && StatementMatcher.conditionsApply(statement, context, v);
    }
}
