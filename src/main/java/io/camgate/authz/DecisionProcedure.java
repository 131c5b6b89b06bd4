package io.camgate.authz;

import io.camgate.identity.Bucket;
import io.camgate.identity.Directory;
import io.camgate.identity.Principal;
import io.camgate.identity.RootAccount;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.Effect;
import io.camgate.policy.ResourceName;
import java.util.HashMap;
import java.util.Map;

/**
 * DESIGN §3 as one procedure shared by every engine: who owns the resource, which bucket
 * policy applies, which roles of statements speak for the caller, and how their matches
 * combine. Engines supply only the matching statements, through a {@link StatementSource}.
 *
 * <ol>
 *   <li>The root account that owns the resource is allowed ({@code root}).</li>
 *   <li>Identity path: a sub-user's attached policies and the bucket statements naming it or
 *       its groups; a bucket deny naming its root binds it too. Cross-account, a sub-user needs
 *       its own allow and the bucket's grant (to it, a group, or its root). Another root
 *       account: bucket statements naming it. A matching deny denies, else an allow allows.</li>
 *   <li>Anonymous path, for every request: bucket statements for everyone.</li>
 *   <li>Otherwise {@code implicit_deny}.</li>
 * </ol>
 */
public final class DecisionProcedure {
    private static final int OWN_OR_NAMED = StatementRole.ATTACHED.bit() | StatementRole.NAMES_USER.bit();
    private static final int SUB_USER_ROLES = OWN_OR_NAMED | StatementRole.NAMES_ROOT.bit();
    private static final int BUCKET_GRANTS = StatementRole.NAMES_USER.bit() | StatementRole.NAMES_ROOT.bit();

    private final Map<String, RootAccount> ownersByAccount = new HashMap<>();
    private final BucketsByName buckets;

    /** The procedure over the accounts of {@code directory}. */
    public DecisionProcedure(Directory directory) {
        for (RootAccount root : directory.accounts()) {
            ownersByAccount.put("uid/" + root.appid(), root);
            ownersByAccount.put("uin/" + root.uin(), root);
        }
        this.buckets = new BucketsByName(directory, ownersByAccount::get);
    }

    /**
     * Decides one need.
     *
     * @param matches an empty or reusable accumulator; it is cleared first
     * @throws java.util.NoSuchElementException when a sub-user caller or its root account is not in the directory
     */
    public Decision decide(Principal principal, Need need, ConditionContext context, StatementSource source,
            Matches matches) {
        ResourceName resource = need.resource();
        // a known bucket also names the owner, so the common request looks up one table, not two
        int known = buckets.find(resource);
        Bucket bucket = known < 0 ? null : buckets.bucket(known);
        RootAccount owner = known < 0 ? owner(resource) : buckets.owner(known);
        if (principal instanceof Principal.Root root
                && (resource.isAccountless() || owner != null && owner.uin().equals(root.uin()))) {
            return Decision.ROOT;
        }
        matches.clear();

        if (principal instanceof Principal.SubUser caller) {
            RootAccount home = source.subUser(caller, bucket, need, context, matches);
            if (matches.any(Effect.DENY, SUB_USER_ROLES)) {
                return matches.decide(Effect.DENY, SUB_USER_ROLES);
            }
            boolean sameAccount = resource.isAccountless() || owner == home;
            if (sameAccount) {
                if (matches.any(Effect.ALLOW, OWN_OR_NAMED)) {
                    return matches.decide(Effect.ALLOW, OWN_OR_NAMED);
                }
            } else if (matches.any(Effect.ALLOW, StatementRole.ATTACHED.bit())
                    && matches.any(Effect.ALLOW, BUCKET_GRANTS)) {
                return matches.decide(Effect.ALLOW, SUB_USER_ROLES);
            }
        } else if (principal instanceof Principal.Root root && bucket != null) {
            source.root(root, bucket, need, context, matches);
            Decision named = denyThenAllow(matches, StatementRole.NAMES_ROOT);
            if (named != null) {
                return named;
            }
        }

        if (bucket != null) {
            source.anyone(bucket, need, context, matches);
            Decision anonymous = denyThenAllow(matches, StatementRole.ANYONE);
            if (anonymous != null) {
                return anonymous;
            }
        }
        return Decision.IMPLICIT_DENY;
    }

    /** The root account whose APPID ({@code uid/}) or uin ({@code uin/}) stands in the resource's account, or null. */
    private RootAccount owner(ResourceName resource) {
        return resource.isAccountless() ? null : ownersByAccount.get(resource.account());
    }

    /** Deny if a deny matched in {@code role}, else allow if an allow did, else null. */
    private static Decision denyThenAllow(Matches matches, StatementRole role) {
        if (matches.any(Effect.DENY, role.bit())) {
            return matches.decide(Effect.DENY, role.bit());
        }
        if (matches.any(Effect.ALLOW, role.bit())) {
            return matches.decide(Effect.ALLOW, role.bit());
        }
        return null;
    }
}
