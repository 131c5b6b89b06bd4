package io.camgate.authz;

import io.camgate.identity.Directory;
import io.camgate.policy.ActionPattern;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.Effect;
import io.camgate.policy.Outcome;
import io.camgate.policy.PolicyVariables;
import io.camgate.policy.ResourceName;
import io.camgate.policy.Statement;

/**
 * Whether one statement applies to one request, by the plain reading of DESIGN §3: an action
 * matches (a feature set through the directory), a resource matches, and the conditions hold.
 * A condition that cannot be evaluated makes a deny apply and an allow not (fail closed).
 */
public final class StatementMatcher {
    private final Directory directory;

    /** A matcher that reads feature sets from {@code directory}. */
    public StatementMatcher(Directory directory) {
        this.directory = directory;
    }

    /**
     * @param statement        the statement
     * @param normalizedAction the request's action, {@link ActionPattern#normalize normalized}
     * @param resource         the request's resource
     * @param context          the request's condition context
     * @param vars             the policy variables for this statement's policy
     */
    public boolean applies(Statement statement, String normalizedAction, ResourceName resource,
            ConditionContext context, PolicyVariables vars) {
        if (!actionMatches(statement, normalizedAction)) {
            return false;
        }
        if (statement.resources().stream().noneMatch(r -> r.matches(resource, vars))) {
            return false;
        }
        return conditionsApply(statement, context, vars);
    }

    /**
     * Whether the statement's conditions let it apply: they hold, or they cannot be evaluated
     * and the statement is a deny (fail closed).
     */
    public static boolean conditionsApply(Statement statement, ConditionContext context, PolicyVariables vars) {
        if (statement.conditions().isEmpty()) {
            return true;
        }
        Outcome conditions = statement.conditionsHold(context, vars);
        return conditions == Outcome.TRUE || (conditions == Outcome.ERROR && statement.effect() == Effect.DENY);
    }

    /** Whether any of the statement's action patterns covers the action. */
    public boolean actionMatches(Statement statement, String normalizedAction) {
        for (ActionPattern pattern : statement.actions()) {
            if (pattern.isFeatureSet()
                    ? directory.featureSet(pattern.featureSet())
                            .map(set -> set.stream().anyMatch(a -> a.matchesNormalized(normalizedAction)))
                            .orElse(false)
                    : pattern.matchesNormalized(normalizedAction)) {
                return true;
            }
        }
        return false;
    }
}
