package io.camgate.authz;

import io.camgate.identity.Bucket;
import io.camgate.identity.Principal;
import io.camgate.identity.RootAccount;
import io.camgate.policy.ConditionContext;

/**
 * Finds the statements that match a request in each {@link StatementRole role}. This is the
 * only part in which engines differ: the reference scans the statements, the compiled index
 * looks them up. {@link DecisionProcedure} decides from what a source reports.
 *
 * <p>A statement matches when an action pattern covers the need's action, a resource pattern
 * covers its resource (policy variables filled in for the caller and the policy's owner), and
 * its conditions hold, an unevaluable condition counting as holding only for a deny.
 */
public interface StatementSource {
    /**
     * Adds every matching statement that speaks for a sub-user: in {@link StatementRole#ATTACHED}
     * the policies attached to it directly or through its groups; when {@code bucket} is not
     * null, in {@link StatementRole#NAMES_USER} that bucket's statements naming it or one of its
     * groups, and in {@link StatementRole#NAMES_ROOT} those naming its root account.
     *
     * @return the caller's root account ({@code caller.ownerUin()})
     * @throws java.util.NoSuchElementException when the sub-user or its root account is not in the directory
     */
    RootAccount subUser(Principal.SubUser caller, Bucket bucket, Need need, ConditionContext context, Matches into);

    /** Adds, in {@link StatementRole#NAMES_ROOT}, the matching statements of {@code bucket}'s policy that name root account {@code caller}. */
    void root(Principal.Root caller, Bucket bucket, Need need, ConditionContext context, Matches into);

    /** Adds the matching statements of {@code bucket}'s policy for everyone, the request taken as anonymous. */
    void anyone(Bucket bucket, Need need, ConditionContext context, Matches into);
}
