package io.camgate.authz;

import io.camgate.identity.Directory;
import io.camgate.identity.Principal;
import io.camgate.identity.RootAccount;
import io.camgate.policy.ActionPattern;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.Effect;
import io.camgate.policy.PolicyDocument;
import io.camgate.policy.PolicyKind;
import io.camgate.policy.PolicyVariables;
import io.camgate.policy.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The extra policy of a temporary credential. It only ever narrows: a request the caller's own
 * policies allow must also be allowed here. A matching deny denies; otherwise an allow must
 * match; nothing matching denies. Statements are matched by the shared {@link StatementMatcher}.
 */
public final class SessionPolicy {
    private final PolicyDocument document;

    /** @param document a user policy */
    public SessionPolicy(PolicyDocument document) {
        this.document = Objects.requireNonNull(document);
        if (document.kind() != PolicyKind.USER) {
            throw new IllegalArgumentException("a session policy is a user policy");
        }
    }

    /** The document. */
    public PolicyDocument document() {
        return document;
    }

    /**
     * Whether the session policy lets {@code need} through.
     *
     * @param matcher   the matcher of the request's snapshot
     * @param principal the credential's holder
     * @param ownerUin  the uin of the holder's root account
     * @param appId     the APPID of the holder's root account
     * @return {@code explicit_deny}, {@code allowed} with the deciding statements, or {@code implicit_deny}
     */
    public Decision decide(StatementMatcher matcher, Principal principal, String ownerUin, String appId, Need need,
            ConditionContext context) {
        PolicyVariables vars = new PolicyVariables(principal.uin(), ownerUin, appId);
        String action = ActionPattern.normalize(need.action());
        List<StatementRef> denies = new ArrayList<>();
        List<StatementRef> allows = new ArrayList<>();
        for (Statement s : document.statements()) {
            if (matcher.applies(s, action, need.resource(), context, vars)) {
                StatementRef ref = new StatementRef(PolicySource.USER, document.name(), s.index(), s.effect());
                (s.effect() == Effect.DENY ? denies : allows).add(ref);
            }
        }
        if (!denies.isEmpty()) {
            return new Decision(false, Reason.EXPLICIT_DENY, List.copyOf(denies));
        }
        if (!allows.isEmpty()) {
            return new Decision(true, Reason.ALLOWED, List.copyOf(allows));
        }
        return Decision.IMPLICIT_DENY;
    }

    /**
     * Narrows {@code allowed}, the decision of the caller's own policies on {@code needs}: every
     * need must also pass this session policy, or the answer is its deny.
     *
     * @param directory the accounts of the request's snapshot
     * @param principal the credential's holder
     */
    public Decision narrow(Directory directory, Principal principal, List<Need> needs, ConditionContext context,
            Decision allowed) {
        String ownerUin = principal instanceof Principal.SubUser s ? s.ownerUin() : principal.uin();
        String appid = directory.rootByUin(ownerUin).map(RootAccount::appid).orElse(null);
        StatementMatcher matcher = new StatementMatcher(directory);
        for (Need need : needs) {
            Decision d = decide(matcher, principal, ownerUin, appid, need, context);
            if (!d.allowed()) {
                return d.reason() == Reason.EXPLICIT_DENY ? d : Decision.IMPLICIT_DENY;
            }
        }
        return allowed;
    }
}
