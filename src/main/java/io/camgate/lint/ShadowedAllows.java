package io.camgate.lint;

import io.camgate.authz.PolicySet;
import io.camgate.identity.Directory;
import io.camgate.identity.RootAccount;
import io.camgate.identity.SubUser;
import io.camgate.policy.ActionPattern;
import io.camgate.policy.Effect;
import io.camgate.policy.Glob;
import io.camgate.policy.ResourcePattern;
import io.camgate.policy.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Allow statements that can never allow anything: for everyone they speak for, a deny without
 * conditions covers every action and every resource they name. For a user policy that is every
 * sub-user it is attached to (directly or through a group), with the denies of all that
 * user's policies; for a bucket policy, a deny of the same bucket policy naming at least the
 * allow's principals. Coverage is judged on the patterns as written, so a deny that covers an
 * allow only in effect (say through a feature set) is not reported: no false alarms.
 */
final class ShadowedAllows {
    /** For each policy name, the unconditional denies of each sub-user holding it (one list per user). */
    private final Map<String, List<List<Statement>>> denySetsByPolicy = new HashMap<>();

    ShadowedAllows(Directory directory, PolicySet policies) {
        for (RootAccount root : directory.accounts()) {
            for (SubUser user : root.users()) {
                Set<String> held = new LinkedHashSet<>(user.policies());
                for (String gid : user.groupIds()) {
                    directory.group(root.uin(), gid).ifPresent(g -> held.addAll(g.policies()));
                }
                List<Statement> denies = new ArrayList<>();
                for (String name : held) {
                    policies.userPolicy(name, root.uin()).ifPresent(p -> p.statements().stream()
                            .filter(s -> s.effect() == Effect.DENY && s.conditions().isEmpty()).forEach(denies::add));
                }
                for (String name : held) {
                    denySetsByPolicy.computeIfAbsent(name, k -> new ArrayList<>()).add(denies);
                }
            }
        }
    }

    void check(LintedDocument doc, Consumer<Finding> out) {
        List<List<Statement>> denySets = doc.isBucketPolicy() ? null
                : denySetsByPolicy.getOrDefault(doc.document().name(), List.of());
        if (denySets != null && denySets.isEmpty()) {
            return;
        }
        for (Statement allow : doc.document().statements()) {
            if (allow.effect() != Effect.ALLOW) {
                continue;
            }
            Statement by = null;
            if (denySets == null) {
                by = doc.document().statements().stream().filter(d -> d.effect() == Effect.DENY
                        && d.principals().containsAll(allow.principals()) && covers(d, allow)).findFirst().orElse(null);
            } else {
                for (List<Statement> denies : denySets) {
                    by = denies.stream().filter(d -> covers(d, allow)).findFirst().orElse(null);
                    if (by == null) {
                        break;
                    }
                }
            }
            if (by != null) {
                out.accept(new Finding(doc.file(), doc.pointer(allow), Finding.Kind.SHADOWED_ALLOW,
                        "this allow never allows anything: a deny without conditions covers all its actions and"
                                + " resources" + (denySets == null ? " (statement " + by.index() + ")"
                                        : " for every sub-user it is attached to"),
                        null));
            }
        }
    }

    /** Whether the unconditional deny {@code d} covers every action and resource of {@code allow}. */
    static boolean covers(Statement d, Statement allow) {
        if (d.effect() != Effect.DENY || !d.conditions().isEmpty()) {
            return false;
        }
        for (ActionPattern a : allow.actions()) {
            if (d.actions().stream().noneMatch(q -> q.normalized() != null && a.normalized() != null
                    && Glob.matches(q.normalized(), a.normalized()))) {
                return false;
            }
        }
        for (ResourcePattern r : allow.resources()) {
            if (d.resources().stream().noneMatch(s -> covers(s, r))) {
                return false;
            }
        }
        return true;
    }

    private static boolean covers(ResourcePattern s, ResourcePattern r) {
        if (s.isAny()) {
            return true;
        }
        if (r.isAny() || s.source().contains("${") || r.source().contains("${")) {
            return false;
        }
        return segment(s.service(), r.service()) && segment(s.region(), r.region())
                && (s.account().equals(r.account()) || !r.account().isEmpty() && Glob.matches(s.account(), r.account()))
                && Glob.matches(s.resource(), r.resource());
    }

    /** An empty or {@code *} segment of the deny matches any; otherwise it must match the allow's, as written. */
    private static boolean segment(String deny, String allow) {
        return deny.isEmpty() || deny.equals("*") || !allow.isEmpty() && Glob.matches(deny, allow);
    }
}
