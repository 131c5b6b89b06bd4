package io.camgate.authz;

import io.camgate.identity.Bucket;
import io.camgate.identity.Group;
import io.camgate.identity.Principal;
import io.camgate.identity.RootAccount;
import io.camgate.identity.SubUser;
import io.camgate.policy.ActionPattern;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.PolicyDocument;
import io.camgate.policy.PolicyVariables;
import io.camgate.policy.PrincipalPattern;
import io.camgate.policy.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The oracle: finds matching statements by scanning every statement that could speak for the
 * caller, and decides with the shared {@link DecisionProcedure}. Written to be read against
 * DESIGN §3, not to be fast.
 */
public final class ReferenceEvaluator implements PolicyEngine, StatementSource {
    private final Snapshot snapshot;
    private final StatementMatcher matcher;
    private final DecisionProcedure procedure;

    /** An evaluator over {@code snapshot}. */
    public ReferenceEvaluator(Snapshot snapshot) {
        this.snapshot = snapshot;
        this.matcher = new StatementMatcher(snapshot.directory());
        this.procedure = new DecisionProcedure(snapshot.directory());
    }

    @Override
    public Decision decide(Principal principal, Need need, ConditionContext context) {
        return procedure.decide(principal, need, context, this, new Matches());
    }

    @Override
    public RootAccount subUser(Principal.SubUser caller, Bucket bucket, Need need, ConditionContext context,
            Matches into) {
        SubUser user = snapshot.directory().user(caller.uin()).orElseThrow();
        RootAccount home = snapshot.directory().rootByUin(caller.ownerUin()).orElseThrow();
        attached(user, home, need, context, into);
        if (bucket != null) {
            scanBucket(bucket, user.uin(), p -> namesUserOrGroup(p, user), StatementRole.NAMES_USER, need, context,
                    into);
            namingRoot(bucket, home.uin(), caller, need, context, into);
        }
        return home;
    }

    @Override
    public void root(Principal.Root caller, Bucket bucket, Need need, ConditionContext context, Matches into) {
        namingRoot(bucket, caller.uin(), caller, need, context, into);
    }

    @Override
    public void anyone(Bucket bucket, Need need, ConditionContext context, Matches into) {
        scanBucket(bucket, null, p -> p instanceof PrincipalPattern.Anyone, StatementRole.ANYONE, need, context,
                into);
    }

    /** Adds the matching statements of the policies attached to {@code user} directly or through its groups. */
    private void attached(SubUser user, RootAccount home, Need need, ConditionContext context, Matches into) {
        List<String> names = new ArrayList<>(user.policies());
        for (String groupId : user.groupIds()) {
            snapshot.directory().group(home.uin(), groupId).map(Group::policies).ifPresent(names::addAll);
        }
        PolicyVariables vars = new PolicyVariables(user.uin(), home.uin(), home.appid());
        String action = ActionPattern.normalize(need.action());
        for (String name : names) {
            PolicyDocument doc = snapshot.policies().userPolicy(name, home.uin()).orElseThrow();
            for (Statement s : doc.statements()) {
                if (matcher.applies(s, action, need.resource(), context, vars)) {
                    into.add(StatementRole.ATTACHED,
                            Matches.alone(new StatementRef(PolicySource.USER, doc.name(), s.index(), s.effect())));
                }
            }
        }
    }

    /** Adds the matching statements of {@code bucket}'s policy naming root {@code rootUin}, {@code caller} as {@code ${uin}}. */
    private void namingRoot(Bucket bucket, String rootUin, Principal caller, Need need, ConditionContext context,
            Matches into) {
        scanBucket(bucket, caller.uin(), p -> p instanceof PrincipalPattern.Root r && r.uin().equals(rootUin),
                StatementRole.NAMES_ROOT, need, context, into);
    }

    /** Adds the statements of the bucket's policy whose principals satisfy {@code speaksFor} and that match. */
    private void scanBucket(Bucket bucket, String callerUin, Predicate<PrincipalPattern> speaksFor,
            StatementRole role, Need need, ConditionContext context, Matches into) {
        PolicyDocument doc = snapshot.policies().bucketPolicy(bucket.name()).orElse(null);
        if (doc == null) {
            return;
        }
        RootAccount owner = snapshot.directory().rootByUin(bucket.ownerUin()).orElseThrow();
        PolicyVariables vars = new PolicyVariables(callerUin, owner.uin(), owner.appid());
        String action = ActionPattern.normalize(need.action());
        for (Statement s : doc.statements()) {
            if (s.principals().stream().anyMatch(speaksFor)
                    && matcher.applies(s, action, need.resource(), context, vars)) {
                into.add(role, Matches.alone(new StatementRef(PolicySource.BUCKET, bucket.name(), s.index(),
                        s.effect())));
            }
        }
    }

    private static boolean namesUserOrGroup(PrincipalPattern p, SubUser user) {
        if (p instanceof PrincipalPattern.SubUser s) {
            return s.ownerUin().equals(user.ownerUin()) && s.uin().equals(user.uin());
        }
        if (p instanceof PrincipalPattern.Group g) {
            return g.ownerUin().equals(user.ownerUin()) && user.groupIds().contains(g.groupId());
        }
        return false;
    }
}
