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
final class CompiledStatement extends CompiledResource {
    private final Decision alone;
    private final StatementRole role;
    private final Bucket bucket;
    private final Statement statement;
    private final boolean conditional;

    CompiledStatement(Decision alone, StatementRole role, Bucket bucket, Statement statement,
            ResourcePattern resource, PolicyVariables vars, UnaryOperator<String> canonical) {
        super(resource, vars, canonical);
        this.alone = alone;
        this.role = role;
        this.bucket = bucket;
        this.statement = statement;
        this.conditional = !statement.conditions().isEmpty();
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
     * Whether the statement speaks for a request to {@code requestBucket} (null: no known
     * bucket), its pattern covers the resource and its conditions let it apply; the first
     * {@code verified} characters of the resource segment are known to match.
     */
    boolean applies(ResourceName request, Bucket requestBucket, int verified, ConditionContext context) {
        return (bucket == null || bucket == requestBucket) && covers(request, verified)
                && (!conditional || StatementMatcher.conditionsApply(statement, context, vars()));
    }
}
