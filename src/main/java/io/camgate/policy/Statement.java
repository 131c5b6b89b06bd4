package io.camgate.policy;

import java.util.List;

/**
 * One statement of a policy document.
 *
 * @param index      position in the document's {@code statement} list, from 0
 * @param effect     allow or deny
 * @param actions    the action patterns; the statement applies when any matches
 * @param resources  the resource patterns; the statement applies when any matches
 * @param conditions every clause must hold
 * @param principals who a bucket-policy statement speaks for; empty in user policies
 */
public record Statement(int index, Effect effect, List<ActionPattern> actions, List<ResourcePattern> resources,
        List<ConditionClause> conditions, List<PrincipalPattern> principals) {

    /**
     * Evaluates the conditions: {@link Outcome#ERROR} when any clause cannot be evaluated (it
     * then decides the whole statement), otherwise whether all hold.
     */
    public Outcome conditionsHold(ConditionContext context, PolicyVariables vars) {
        boolean all = true;
        for (ConditionClause clause : conditions) {
            Outcome one = clause.evaluate(context, vars);
            if (one == Outcome.ERROR) {
                return Outcome.ERROR;
            }
            all &= one == Outcome.TRUE;
        }
        return Outcome.of(all);
    }
}
