package io.camgate.authz.index;

import io.camgate.authz.PolicySource;
import io.camgate.authz.StatementRef;
import io.camgate.identity.Bucket;
import io.camgate.identity.Directory;
import io.camgate.identity.RootAccount;
import io.camgate.identity.SubUser;
import io.camgate.policy.PolicyDocument;
import io.camgate.policy.PolicyVariables;
import io.camgate.policy.PrincipalPattern;
import io.camgate.policy.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * One bucket's policy, compiled with its statements grouped by the principal they name: a
 * sub-user, a group, a root account, or everyone. A lookup consults only the group that
 * speaks for the caller, in only the request's bucket.
 */
final class BucketIndex {
    private final Map<String, ActionIndex> byUser;
    private final Map<String, Map<String, ActionIndex>> byGroup;
    private final Map<String, ActionIndex> byRoot;
    private final ActionIndex anyone;

    private BucketIndex(Map<String, ActionIndex> byUser, Map<String, Map<String, ActionIndex>> byGroup,
            Map<String, ActionIndex> byRoot, ActionIndex anyone) {
        this.byUser = byUser;
        this.byGroup = byGroup;
        this.byRoot = byRoot;
        this.anyone = anyone;
    }

    /** Compiles {@code policy}, the policy of {@code bucket}. */
    static BucketIndex compile(Bucket bucket, PolicyDocument policy, Directory directory, StatementCompiler compiler) {
        RootAccount owner = directory.rootByUin(bucket.ownerUin()).orElseThrow();
        Map<String, ActionIndex.Builder> users = new HashMap<>();
        Map<String, Map<String, ActionIndex.Builder>> groups = new HashMap<>();
        Map<String, ActionIndex.Builder> roots = new HashMap<>();
        ActionIndex.Builder everyone = new ActionIndex.Builder();
        for (Statement s : policy.statements()) {
            StatementRef ref = new StatementRef(PolicySource.BUCKET, bucket.name(), s.index(), s.effect());
            for (PrincipalPattern p : s.principals().stream().distinct().toList()) {
                if (p instanceof PrincipalPattern.SubUser named) {
                    SubUser user = directory.user(named.uin()).orElse(null);
                    // the statement names a user only under that user's own root account
                    if (user != null && user.ownerUin().equals(named.ownerUin())) {
                        compiler.compile(s, ref, new PolicyVariables(user.uin(), owner.uin(), owner.appid()),
                                users.computeIfAbsent(user.uin(), k -> new ActionIndex.Builder()));
                    }
                } else if (p instanceof PrincipalPattern.Group group) {
                    compiler.compileForAnyCaller(s, ref, owner.uin(), owner.appid(),
                            groups.computeIfAbsent(group.ownerUin(), k -> new HashMap<>())
                                    .computeIfAbsent(group.groupId(), k -> new ActionIndex.Builder()));
                } else if (p instanceof PrincipalPattern.Root root) {
                    compiler.compileForAnyCaller(s, ref, owner.uin(), owner.appid(),
                            roots.computeIfAbsent(root.uin(), k -> new ActionIndex.Builder()));
                } else {
                    compiler.compile(s, ref, new PolicyVariables(null, owner.uin(), owner.appid()), everyone);
                }
            }
        }
        Map<String, Map<String, ActionIndex>> frozenGroups = new HashMap<>();
        groups.forEach((ownerUin, byId) -> frozenGroups.put(ownerUin, freeze(byId)));
        return new BucketIndex(freeze(users), frozenGroups, freeze(roots), everyone.build());
    }

    private static Map<String, ActionIndex> freeze(Map<String, ActionIndex.Builder> builders) {
        Map<String, ActionIndex> out = new HashMap<>();
        builders.forEach((k, b) -> out.put(k, b.build()));
        return out;
    }

    /** The statements naming the sub-user itself. */
    ActionIndex namingUser(String uin) {
        return byUser.getOrDefault(uin, ActionIndex.EMPTY);
    }

    /** The statements naming group {@code groupId} of root account {@code ownerUin}. */
    ActionIndex namingGroup(String ownerUin, String groupId) {
        Map<String, ActionIndex> ofOwner = byGroup.get(ownerUin);
        return ofOwner == null ? ActionIndex.EMPTY : ofOwner.getOrDefault(groupId, ActionIndex.EMPTY);
    }

    /** The statements naming root account {@code uin}. */
    ActionIndex namingRoot(String uin) {
        return byRoot.getOrDefault(uin, ActionIndex.EMPTY);
    }

    /** The statements for everyone. */
    ActionIndex anyone() {
        return anyone;
    }
}
