package io.camgate.authz;

import io.camgate.identity.Bucket;
import io.camgate.identity.Principal;
import io.camgate.identity.RootAccount;
import io.camgate.identity.SubUser;
import io.camgate.policy.ConditionContext;

/**
 * Finds the statements that match a request in each {@link StatementRole role}. This is the
 * only part in which engines differ: the reference scans every statement, the compiled index
 * looks them up. {@link DecisionProcedure} decides from what a source reports.
 *
 * <p>A statement matches when an action pattern covers the need's action, a resource pattern
 * covers its resource (policy variables filled in for the caller and the policy's owner), and
 * its conditions hold, an unevaluable condition counting as holding only for a deny.
 */
public interface StatementSource {
    /** Adds the matching statements of the policies attached to {@code user} directly or through its groups. */
    void attached(SubUser user, RootAccount home, Need need, ConditionContext context, Matches into);

    /** Adds the matching statements of {@code bucket}'s policy that name {@code user} or one of its groups. */
    void namingUser(Bucket bucket, SubUser user, Need need, ConditionContext context, Matches into);

    /**
     * Adds the matching statements of {@code bucket}'s policy that name root account
     * {@code rootUin}, with {@code caller} (that root or one of its sub-users) as {@code ${uin}}.
     */
    void namingRoot(Bucket bucket, String rootUin, Principal caller, Need need, ConditionContext context,
            Matches into);

    /** Adds the matching statements of {@code bucket}'s policy for everyone, the request taken as anonymous. */
    void anyone(Bucket bucket, Need need, ConditionContext context, Matches into);
}
