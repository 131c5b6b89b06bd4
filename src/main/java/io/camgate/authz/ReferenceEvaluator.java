package io.camgate.authz;

import io.camgate.identity.Bucket;
import io.camgate.identity.Directory;
import io.camgate.identity.Group;
import io.camgate.identity.Principal;
import io.camgate.identity.RootAccount;
import io.camgate.identity.SubUser;
import io.camgate.policy.ActionPattern;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.Effect;
import io.camgate.policy.PolicyDocument;
import io.camgate.policy.PolicyVariables;
import io.camgate.policy.PrincipalPattern;
import io.camgate.policy.ResourceName;
import io.camgate.policy.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The oracle: decides by scanning every statement that could speak for the caller, in the
 * order DESIGN §3 gives. Written to be read against the specification, not to be fast.
 *
 * <ol>
 *   <li>The root account that owns the resource is allowed ({@code root}).</li>
 *   <li>Identity path: a sub-user's attached policies (directly and through groups) and the
 *       bucket-policy statements naming it or its groups; a bucket-policy deny naming its root
 *       binds it too. Cross-account, a sub-user needs its own allow and the bucket's grant (to
 *       it, a group, or its root). Another root account: bucket statements naming it. A
 *       matching deny denies; otherwise a matching allow allows.</li>
 *   <li>Anonymous path, for every request: bucket statements for everyone. Deny denies,
 *       allow allows.</li>
 *   <li>Otherwise {@code implicit_deny}.</li>
 * </ol>
 */
public final class ReferenceEvaluator implements PolicyEngine {
    private final Snapshot snapshot;
    private final StatementMatcher matcher;

    /** An evaluator over {@code snapshot}. */
    public ReferenceEvaluator(Snapshot snapshot) {
        this.snapshot = snapshot;
        this.matcher = new StatementMatcher(snapshot.directory());
    }

    @Override
    public Decision decide(Principal principal, Need need, ConditionContext context) {
        Directory dir = snapshot.directory();
        ResourceName resource = need.resource();
        String action = ActionPattern.normalize(need.action());
        Optional<RootAccount> owner = owner(resource);

        if (principal instanceof Principal.Root root
                && (resource.isAccountless() || owner.map(o -> o.uin().equals(root.uin())).orElse(false))) {
            return Decision.ROOT;
        }

        Request request = new Request(principal, action, resource, context);
        BucketPolicy bucketPolicy = bucketPolicy(resource).orElse(null);

        if (principal instanceof Principal.SubUser user) {
            SubUser subUser = dir.user(user.uin()).orElseThrow();
            RootAccount home = dir.rootByUin(user.ownerUin()).orElseThrow();
            List<Match> own = attachedPolicies(subUser, home, request);
            List<Match> named = bucketMatches(bucketPolicy, request, p -> namesUserOrGroup(p, subUser));
            List<Match> rootNamed = bucketMatches(bucketPolicy, request,
                    p -> p instanceof PrincipalPattern.Root r && r.uin().equals(home.uin()));

            List<Match> denies = new ArrayList<>();
            denies.addAll(denies(own));
            denies.addAll(denies(named));
            denies.addAll(denies(rootNamed));
            if (!denies.isEmpty()) {
                return decision(false, Reason.EXPLICIT_DENY, denies);
            }
            boolean sameAccount = resource.isAccountless() || owner.map(o -> o == home).orElse(false);
            if (sameAccount) {
                List<Match> allows = new ArrayList<>(allows(own));
                allows.addAll(allows(named));
                if (!allows.isEmpty()) {
                    return decision(true, Reason.ALLOWED, allows);
                }
            } else {
                List<Match> grants = new ArrayList<>(allows(named));
                grants.addAll(allows(rootNamed));
                if (!allows(own).isEmpty() && !grants.isEmpty()) {
                    List<Match> allows = new ArrayList<>(allows(own));
                    allows.addAll(grants);
                    return decision(true, Reason.ALLOWED, allows);
                }
            }
        } else if (principal instanceof Principal.Root root) {
            List<Match> named = bucketMatches(bucketPolicy, request,
                    p -> p instanceof PrincipalPattern.Root r && r.uin().equals(root.uin()));
            Decision d = denyThenAllow(named);
            if (d != null) {
                return d;
            }
        }

        Request asAnonymous = new Request(Principal.ANONYMOUS, action, resource, context);
        Decision anonymous = denyThenAllow(
                bucketMatches(bucketPolicy, asAnonymous, p -> p instanceof PrincipalPattern.Anyone));
        return anonymous != null ? anonymous : Decision.IMPLICIT_DENY;
    }

    /** The request as one statement scan sees it. */
    private record Request(Principal principal, String action, ResourceName resource, ConditionContext context) {
    }

    /** A statement that matched, with its source, ready to be named in a decision. */
    private record Match(StatementRef ref) {
        Effect effect() {
            return ref.effect();
        }
    }

    /** A bucket policy together with the bucket, whose owner fills the policy variables. */
    private record BucketPolicy(Bucket bucket, RootAccount owner, PolicyDocument document) {
    }

    /** The root account whose APPID ({@code uid/}) or uin ({@code uin/}) stands in the resource's account. */
    private Optional<RootAccount> owner(ResourceName resource) {
        String account = resource.account();
        if (account.startsWith("uid/")) {
            return snapshot.directory().rootByAppid(account.substring(4));
        }
        if (account.startsWith("uin/")) {
            return snapshot.directory().rootByUin(account.substring(4));
        }
        return Optional.empty();
    }

    /** The policy of the bucket the resource lies in, when that bucket is known and belongs to the resource's account. */
    private Optional<BucketPolicy> bucketPolicy(ResourceName resource) {
        String name = resource.bucket();
        if (name == null) {
            return Optional.empty();
        }
        Directory dir = snapshot.directory();
        return dir.bucket(name)
                .filter(b -> resource.account().equals("uid/" + b.appid()))
                .flatMap(b -> snapshot.policies().bucketPolicy(b.name())
                        .map(doc -> new BucketPolicy(b, dir.rootByUin(b.ownerUin()).orElseThrow(), doc)));
    }

    /** Statements of every policy attached to the sub-user directly or through its groups that match. */
    private List<Match> attachedPolicies(SubUser user, RootAccount home, Request request) {
        List<String> names = new ArrayList<>(user.policies());
        for (String groupId : user.groupIds()) {
            snapshot.directory().group(home.uin(), groupId).map(Group::policies).ifPresent(names::addAll);
        }
        PolicyVariables vars = new PolicyVariables(request.principal().uin(), home.uin(), home.appid());
        List<Match> out = new ArrayList<>();
        for (String name : names) {
            PolicyDocument doc = snapshot.policies().userPolicy(name, home.uin()).orElseThrow();
            for (Statement s : doc.statements()) {
                if (matches(s, request, vars)) {
                    out.add(new Match(new StatementRef(PolicySource.USER, doc.name(), s.index(), s.effect())));
                }
            }
        }
        return out;
    }

    /** Statements of the bucket policy whose principals satisfy {@code speaksFor} and that match. */
    private List<Match> bucketMatches(BucketPolicy policy, Request request, Predicate<PrincipalPattern> speaksFor) {
        if (policy == null) {
            return List.of();
        }
        PolicyVariables vars = new PolicyVariables(request.principal().uin(), policy.owner().uin(),
                policy.owner().appid());
        List<Match> out = new ArrayList<>();
        for (Statement s : policy.document().statements()) {
            if (s.principals().stream().anyMatch(speaksFor) && matches(s, request, vars)) {
                out.add(new Match(new StatementRef(PolicySource.BUCKET, policy.bucket().name(), s.index(),
                        s.effect())));
            }
        }
        return out;
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

    private boolean matches(Statement s, Request request, PolicyVariables vars) {
        return matcher.applies(s, request.action(), request.resource(), request.context(), vars);
    }

    private static List<Match> denies(List<Match> matches) {
        return matches.stream().filter(m -> m.effect() == Effect.DENY).toList();
    }

    private static List<Match> allows(List<Match> matches) {
        return matches.stream().filter(m -> m.effect() == Effect.ALLOW).toList();
    }

    /** Deny if any deny matched, else allow if any allow matched, else null. */
    private static Decision denyThenAllow(List<Match> matches) {
        if (!denies(matches).isEmpty()) {
            return decision(false, Reason.EXPLICIT_DENY, denies(matches));
        }
        if (!allows(matches).isEmpty()) {
            return decision(true, Reason.ALLOWED, allows(matches));
        }
        return null;
    }

    private static Decision decision(boolean allowed, Reason reason, List<Match> matches) {
        TreeSet<StatementRef> refs = new TreeSet<>();
        matches.forEach(m -> refs.add(m.ref()));
        return new Decision(allowed, reason, List.copyOf(refs));
    }
}
