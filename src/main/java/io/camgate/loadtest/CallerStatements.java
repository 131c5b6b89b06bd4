package io.camgate.loadtest;

import io.camgate.authz.Snapshot;
import io.camgate.identity.Bucket;
import io.camgate.identity.Group;
import io.camgate.identity.Principal;
import io.camgate.identity.RootAccount;
import io.camgate.identity.SubUser;
import io.camgate.policy.PolicyDocument;
import io.camgate.policy.PolicyVariables;
import io.camgate.policy.PrincipalPattern;
import io.camgate.policy.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The statements that speak for one caller (DESIGN §3): a sub-user's attached policies, direct
 * and through its groups; bucket-policy statements that name it, one of its groups or its root
 * account; and for everyone the bucket-policy statements for anyone.
 */
final class CallerStatements {
    private CallerStatements() {
    }

    /** Every statement that can decide a request of {@code caller}, attached policies first. */
    static List<SpeakingStatement> of(Snapshot snapshot, Principal caller) {
        List<SpeakingStatement> out = new ArrayList<>();
        if (caller instanceof Principal.SubUser s) {
            snapshot.directory().user(s.uin()).ifPresent(user -> attached(snapshot, user, out));
        }
        for (RootAccount owner : snapshot.directory().accounts()) {
            for (Bucket bucket : owner.buckets()) {
                Optional<PolicyDocument> policy = snapshot.policies().bucketPolicy(bucket.name());
                if (policy.isEmpty()) {
                    continue;
                }
                PolicyVariables vars = new PolicyVariables(caller.uin(), owner.uin(), owner.appid());
                for (Statement statement : policy.get().statements()) {
                    if (statement.principals().stream().anyMatch(p -> names(snapshot, p, caller))) {
                        out.add(new SpeakingStatement(statement, vars, bucket));
                    }
                }
            }
        }
        return out;
    }

    private static void attached(Snapshot snapshot, SubUser user, List<SpeakingStatement> out) {
        RootAccount home = snapshot.directory().rootByUin(user.ownerUin()).orElseThrow();
        Set<String> names = new LinkedHashSet<>(user.policies());
        for (String groupId : user.groupIds()) {
            snapshot.directory().group(home.uin(), groupId).map(Group::policies).ifPresent(names::addAll);
        }
        PolicyVariables vars = new PolicyVariables(user.uin(), home.uin(), home.appid());
        for (String name : names) {
            snapshot.policies().userPolicy(name, home.uin()).ifPresent(doc -> doc.statements()
                    .forEach(st -> out.add(new SpeakingStatement(st, vars, null))));
        }
    }

    private static boolean names(Snapshot snapshot, PrincipalPattern pattern, Principal caller) {
        if (pattern instanceof PrincipalPattern.Anyone) {
            return true;
        }
        if (caller instanceof Principal.Root r) {
            return pattern instanceof PrincipalPattern.Root p && p.uin().equals(r.uin());
        }
        if (caller instanceof Principal.SubUser s) {
            if (pattern instanceof PrincipalPattern.SubUser p) {
                return p.uin().equals(s.uin());
            }
            if (pattern instanceof PrincipalPattern.Root p) {
                return p.uin().equals(s.ownerUin());
            }
            if (pattern instanceof PrincipalPattern.Group p) {
                return p.ownerUin().equals(s.ownerUin()) && snapshot.directory().user(s.uin())
                        .map(u -> u.groupIds().contains(p.groupId())).orElse(false);
            }
        }
        return false;
    }
}
