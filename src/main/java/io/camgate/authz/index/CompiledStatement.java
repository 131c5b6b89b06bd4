package io.camgate.authz.index;

import io.camgate.authz.Decision;
import io.camgate.authz.StatementMatcher;
import io.camgate.authz.StatementRole;
import io.camgate.identity.Bucket;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.PolicyVariables;
import io.camgate.policy.ResourceName;
import io.camgate.policy.ResourcePattern;
import io.camgate.policy.Statement;
import java.util.function.UnaryOperator;

/**
 * One resource pattern of one statement, compiled for one caller (or for everyone) in one
 * {@link StatementRole role}: what a {@link RuleSet} holds. The policy variables are already
 * substituted in the pattern and the conditions. A bucket-policy statement in a caller's rule
 * set is guarded by its bucket: it speaks only for requests to that bucket.
 */
final class CompiledStatement {
    private final Decision alone;
    private final StatementRole role;
    private final Bucket bucket;
    private final Statement statement;
    private final boolean conditional;
    private final ResourcePattern resource;
    private final PolicyVariables vars;
    /** The pattern read for matching; null when a variable without a value is left in it. */
    private final CompiledResource compiled;

    CompiledStatement(Decision alone, StatementRole role, Bucket bucket, Statement statement,
            ResourcePattern resource, PolicyVariables vars, UnaryOperator<String> canonical) {
        this.alone = alone;
        this.role = role;
        this.bucket = bucket;
        this.statement = statement;
        this.conditional = !statement.conditions().isEmpty();
        this.resource = resource;
        this.vars = vars;
        this.compiled = CompiledResource.of(resource, vars, canonical);
    }

    /** The decision this statement makes on its own. */
    Decision alone() {
        return alone;
    }

    /** The role the statement plays for the caller it was compiled for. */
    StatementRole role() {
        return role;
    }

    /**
     * How many leading characters of the pattern's resource segment are literal: up to the
     * first {@code *}, or the first variable left in it. A request's resource must start with them.
     */
    int literalPrefix() {
        if (resource.isAny()) {
            return 0;
        }
        String text = resource.resource();
        int end = text.indexOf('*');
        int variable = text.indexOf("${");
        if (variable >= 0 && (end < 0 || variable < end)) {
            end = variable;
        }
        return end < 0 ? text.length() : end;
    }

    /** The pattern's resource segment (empty for {@code *}). */
    String resourceText() {
        return resource.isAny() ? "" : resource.resource();
    }

    /**
     * Whether the statement speaks for a request to {@code requestBucket} (null: no known
     * bucket), its pattern covers the resource and its conditions let it apply; the first
     * {@code verified} characters of the resource segment are known to match.
     */
    boolean applies(ResourceName request, Bucket requestBucket, int verified, ConditionContext context) {
        if (bucket != null && bucket != requestBucket) {
            return false;
        }
        boolean covers = compiled != null ? compiled.matches(request, verified) : resource.matches(request, vars);
        return covers && (!conditional || StatementMatcher.conditionsApply(statement, context, vars));
    }
}
