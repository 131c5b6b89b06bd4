package io.camgate.authz.index;

import io.camgate.authz.Decision;
import io.camgate.authz.StatementMatcher;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.PolicyVariables;
import io.camgate.policy.ResourceName;
import io.camgate.policy.ResourcePattern;
import io.camgate.policy.Statement;
import java.util.function.UnaryOperator;

/**
 * One resource pattern of one statement, compiled for one set of policy variables: what a
 * {@link ResourceTrie} holds. When the caller is known at compile time (a sub-user's own
 * policies, bucket statements naming one user, statements for everyone) the variables are
 * already substituted in the pattern and the conditions; otherwise (bucket statements naming
 * a group or a root account, which several callers share) {@code ${uin}} is filled in per
 * request.
 */
final class CompiledStatement {
    private final Decision alone;
    private final Statement statement;
    private final ResourcePattern resource;
    private final PolicyVariables vars;
    private final boolean perCaller;
    /** The pattern read for matching; null when it is matched per request with the caller's variables. */
    private final CompiledResource compiled;

    private CompiledStatement(Decision alone, Statement statement, ResourcePattern resource, PolicyVariables vars,
            boolean perCaller, UnaryOperator<String> canonical) {
        this.alone = alone;
        this.statement = statement;
        this.resource = resource;
        this.vars = vars;
        this.perCaller = perCaller;
        this.compiled = perCaller ? null : CompiledResource.of(resource, vars, canonical);
    }

    /** A statement whose variables are all known and already substituted in {@code statement} and {@code resource}. */
    static CompiledStatement fixed(Decision alone, Statement statement, ResourcePattern resource,
            PolicyVariables vars, UnaryOperator<String> canonical) {
        return new CompiledStatement(alone, statement, resource, vars, false, canonical);
    }

    /** A statement whose {@code ${uin}} is whoever calls; {@code owner} holds the owner's variables. */
    static CompiledStatement perCaller(Decision alone, Statement statement, ResourcePattern resource,
            PolicyVariables owner) {
        return new CompiledStatement(alone, statement, resource, owner, true, UnaryOperator.identity());
    }

    /** The decision this statement makes on its own. */
    Decision alone() {
        return alone;
    }

    /** The resource pattern this entry stands for. */
    ResourcePattern resource() {
        return resource;
    }

    /**
     * Whether the pattern covers the request's resource and the conditions let the statement
     * apply; the first {@code verified} characters of the resource segment are known to match.
     */
    boolean applies(ResourceName request, int verified, ConditionContext context, String callerUin) {
        if (compiled != null) {
            return compiled.matches(request, verified) && StatementMatcher.conditionsApply(statement, context, vars);
        }
        PolicyVariables v = perCaller ? new PolicyVariables(callerUin, vars.ownerUin(), vars.appId()) : vars;
        return resource.matches(request, v) && StatementMatcher.conditionsApply(statement, context, v);
    }
}
