package io.camgate.bench;

import io.camgate.authz.Decision;
import io.camgate.authz.DecisionProcedure;
import io.camgate.authz.Matches;
import io.camgate.authz.Need;
import io.camgate.authz.PolicySource;
import io.camgate.authz.ReferenceEvaluator;
import io.camgate.authz.StatementMatcher;
import io.camgate.authz.StatementRef;
import io.camgate.authz.StatementRole;
import io.camgate.authz.StatementSource;
import io.camgate.identity.Bucket;
import io.camgate.identity.Directory;
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
import java.util.Map;

/**
 * The reference scan the 1,000× target compares against: a policy engine without a
 * principal index. The policy set is flattened once into rules (subject, statement), one per
 * statement of each attached policy and one per principal a bucket statement names, and every
 * decision walks all of them, checking the subject first (the cheapest, most selective test)
 * and then the statement with the reference's own {@link StatementMatcher}; the matches are
 * decided by the shared {@link DecisionProcedure}. Checked against the {@link ReferenceEvaluator}
 * on the first requests of the workload when it is built.
 */
final class FullScanEngineAdapter implements DecisionEngine, StatementSource {
    private static final int CHECKED_REQUESTS = 64;

    /** What a rule's subject is: whom the statement speaks for. */
    private enum Subject { USER, GROUP, ROOT, ANYONE }

    /**
     * One statement as it speaks for one subject.
     *
     * @param owner  for a bucket statement naming a user or a group, the root account it names them under
     * @param bucket the bucket of a bucket-policy statement, null for an attached policy
     * @param vars   the policy variables, or null where {@code ${uin}} is whoever calls
     */
    private record Rule(Subject kind, String subject, String owner, String bucket, RootAccount bucketOwner,
            Statement statement, StatementRef ref, StatementRole role, PolicyVariables vars) {
    }

    private final Directory directory;
    private final StatementMatcher matcher;
    private final DecisionProcedure procedure;
    private final Rule[] rules;
    private boolean anyoneScanned;

    FullScanEngineAdapter(PolicyWorkload workload) {
        directory = workload.snapshot.directory();
        matcher = new StatementMatcher(directory);
        procedure = new DecisionProcedure(directory);
        List<Rule> all = new ArrayList<>();
        for (RootAccount root : directory.accounts()) {
            for (SubUser user : root.users()) {
                PolicyVariables vars = new PolicyVariables(user.uin(), root.uin(), root.appid());
                for (String name : user.policies()) {
                    PolicyDocument doc = workload.snapshot.policies().userPolicy(name, root.uin()).orElseThrow();
                    for (Statement s : doc.statements()) {
                        all.add(new Rule(Subject.USER, user.uin(), null, null, root, s,
                                new StatementRef(PolicySource.USER, doc.name(), s.index(), s.effect()),
                                StatementRole.ATTACHED, vars));
                    }
                }
                if (!user.groupIds().isEmpty()) {
                    throw new IllegalStateException("the workload attaches no policies through groups");
                }
            }
        }
        for (Map.Entry<String, PolicyDocument> e : workload.snapshot.policies().bucketPolicies().entrySet()) {
            Bucket bucket = directory.bucket(e.getKey()).orElseThrow();
            RootAccount owner = directory.rootByUin(bucket.ownerUin()).orElseThrow();
            for (Statement s : e.getValue().statements()) {
                StatementRef ref = new StatementRef(PolicySource.BUCKET, bucket.name(), s.index(), s.effect());
                for (PrincipalPattern p : s.principals().stream().distinct().toList()) {
                    all.add(rule(p, bucket.name(), owner, s, ref));
                }
            }
        }
        rules = all.toArray(new Rule[0]);
        check(workload);
    }

    /** The rule for bucket statement {@code s} as it speaks for principal {@code p}. */
    private static Rule rule(PrincipalPattern p, String bucket, RootAccount owner, Statement s, StatementRef ref) {
        if (p instanceof PrincipalPattern.SubUser u) {
            return new Rule(Subject.USER, u.uin(), u.ownerUin(), bucket, owner, s, ref, StatementRole.NAMES_USER, null);
        }
        if (p instanceof PrincipalPattern.Group g) {
            return new Rule(Subject.GROUP, g.groupId(), g.ownerUin(), bucket, owner, s, ref, StatementRole.NAMES_USER,
                    null);
        }
        if (p instanceof PrincipalPattern.Root r) {
            return new Rule(Subject.ROOT, r.uin(), null, bucket, owner, s, ref, StatementRole.NAMES_ROOT, null);
        }
        return new Rule(Subject.ANYONE, null, null, bucket, owner, s, ref, StatementRole.ANYONE,
                new PolicyVariables(null, owner.uin(), owner.appid()));
    }

    /** Refuses to measure a scan that decides differently from the reference. */
    private void check(PolicyWorkload workload) {
        ReferenceEvaluator reference = new ReferenceEvaluator(workload.snapshot);
        for (int i = 0; i < Math.min(CHECKED_REQUESTS, workload.requests.length); i++) {
            PolicyWorkload.Request r = workload.requests[i];
            Decision expected = reference.decide(r.principal(), r.need(), r.context());
            Decision got = decide(r);
            if (!expected.equals(got)) {
                throw new IllegalStateException("full scan decided " + got + ", the reference " + expected + " for " + r);
            }
        }
    }

    @Override
    public boolean allowed(PolicyWorkload.Request request) {
        return decide(request).allowed();
    }

    private Decision decide(PolicyWorkload.Request request) {
        anyoneScanned = false;
        return procedure.decide(request.principal(), request.need(), request.context(), this, new Matches());
    }

    @Override
    public RootAccount subUser(Principal.SubUser caller, Bucket bucket, Need need, ConditionContext context,
            Matches into) {
        SubUser user = directory.user(caller.uin()).orElseThrow();
        RootAccount home = directory.rootByUin(caller.ownerUin()).orElseThrow();
        scan(caller, user, home.uin(), bucket, need, context, into);
        return home;
    }

    @Override
    public void root(Principal.Root caller, Bucket bucket, Need need, ConditionContext context, Matches into) {
        scan(caller, null, caller.uin(), bucket, need, context, into);
    }

    @Override
    public void anyone(Bucket bucket, Need need, ConditionContext context, Matches into) {
        if (!anyoneScanned) {
            scan(Principal.ANONYMOUS, null, null, bucket, need, context, into);
        }
    }

    /**
     * One pass over every rule: the statements that speak for the caller ({@code user}, a
     * sub-user, or root account {@code rootUin}) and those for everyone, in the request's bucket.
     */
    private void scan(Principal caller, SubUser user, String rootUin, Bucket bucket, Need need,
            ConditionContext context, Matches into) {
        String action = ActionPattern.normalize(need.action());
        String bucketName = bucket == null ? null : bucket.name();
        for (Rule r : rules) {
            boolean speaks = switch (r.kind()) {
                case USER -> user != null && r.subject().equals(user.uin())
                        && (r.bucket() == null || r.owner().equals(user.ownerUin()));
                case GROUP -> user != null && r.owner().equals(user.ownerUin())
                        && user.groupIds().contains(r.subject());
                case ROOT -> r.subject().equals(rootUin);
                case ANYONE -> true;
            };
            if (!speaks || r.bucket() != null && !r.bucket().equals(bucketName)) {
                continue;
            }
            PolicyVariables vars = r.vars() != null ? r.vars()
                    : new PolicyVariables(caller.uin(), r.bucketOwner().uin(), r.bucketOwner().appid());
            if (matcher.applies(r.statement(), action, need.resource(), context, vars)) {
                into.add(r.role(), Matches.alone(r.ref()));
            }
        }
        anyoneScanned = true;
    }
}
