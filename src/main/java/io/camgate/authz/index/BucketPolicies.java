package io.camgate.authz.index;

import io.camgate.authz.PolicySource;
import io.camgate.authz.StatementRef;
import io.camgate.authz.StatementRole;
import io.camgate.identity.Bucket;
import io.camgate.identity.Directory;
import io.camgate.identity.RootAccount;
import io.camgate.identity.SubUser;
import io.camgate.policy.PolicyDocument;
import io.camgate.policy.PolicyVariables;
import io.camgate.policy.PrincipalPattern;
import io.camgate.policy.Statement;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The bucket policies of one snapshot, sorted once by the principal each statement names, so
 * that a caller's {@link RuleSet} takes in exactly the statements naming it, its groups or its
 * root account without reading the other buckets. The statements for everyone are compiled
 * here, one {@link RuleSet} per bucket, shared by every caller.
 */
final class BucketPolicies {
    private static final RuleSet NOBODY = new RuleSet.Builder().build(null, null);

    private final Map<String, Set<Named>> byUser = new HashMap<>();
    private final Map<GroupKey, Set<Named>> byGroup = new HashMap<>();
    private final Map<String, Set<Named>> byRoot = new HashMap<>();
    private final Map<String, RuleSet> anyone = new HashMap<>();

    /** A bucket-policy statement, with its bucket and the root account that owns it. */
    private record Named(Bucket bucket, RootAccount owner, Statement statement, StatementRef ref) {
    }

    private record GroupKey(String ownerUin, String groupId) {
    }

    BucketPolicies(Directory directory, Map<String, PolicyDocument> policies, StatementCompiler compiler) {
        policies.forEach((name, policy) -> directory.bucket(name).ifPresent(bucket -> {
            RootAccount owner = directory.rootByUin(bucket.ownerUin()).orElseThrow();
            PolicyVariables anonymous = new PolicyVariables(null, owner.uin(), owner.appid());
            RuleSet.Builder everyone = new RuleSet.Builder();
            for (Statement s : policy.statements()) {
                Named named = new Named(bucket, owner, s,
                        new StatementRef(PolicySource.BUCKET, bucket.name(), s.index(), s.effect()));
                boolean forAnyone = false;
                for (PrincipalPattern p : s.principals()) {
                    if (p instanceof PrincipalPattern.SubUser user) {
                        SubUser known = directory.user(user.uin()).orElse(null);
                        // the statement names a user only under that user's own root account
                        if (known != null && known.ownerUin().equals(user.ownerUin())) {
                            add(byUser, user.uin(), named);
                        }
                    } else if (p instanceof PrincipalPattern.Group group) {
                        add(byGroup, new GroupKey(group.ownerUin(), group.groupId()), named);
                    } else if (p instanceof PrincipalPattern.Root root) {
                        add(byRoot, root.uin(), named);
                    } else {
                        forAnyone = true;
                    }
                }
                if (forAnyone) {
                    compiler.compile(s, named.ref(), anonymous, StatementRole.ANYONE, null, everyone);
                }
            }
            anyone.put(name, everyone.build(null, null));
        }));
    }

    private static <K> void add(Map<K, Set<Named>> map, K key, Named named) {
        map.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(named);
    }

    /**
     * Compiles into {@code into}, for sub-user {@code user} calling as a member of root account
     * {@code home}, the statements naming it or one of its groups ({@link StatementRole#NAMES_USER})
     * and those naming {@code home} ({@link StatementRole#NAMES_ROOT}).
     */
    void compileNaming(SubUser user, RootAccount home, StatementCompiler compiler, RuleSet.Builder into) {
        Set<Named> naming = new LinkedHashSet<>(byUser.getOrDefault(user.uin(), Set.of()));
        for (String groupId : user.groupIds()) {
            naming.addAll(byGroup.getOrDefault(new GroupKey(user.ownerUin(), groupId), Set.of()));
        }
        compile(naming, user.uin(), StatementRole.NAMES_USER, compiler, into);
        compileNamingRoot(home.uin(), user.uin(), compiler, into);
    }

    /** Compiles into {@code into} the statements naming root account {@code rootUin}, {@code callerUin} calling. */
    void compileNamingRoot(String rootUin, String callerUin, StatementCompiler compiler, RuleSet.Builder into) {
        compile(byRoot.getOrDefault(rootUin, Set.of()), callerUin, StatementRole.NAMES_ROOT, compiler, into);
    }

    private static void compile(Set<Named> statements, String callerUin, StatementRole role,
            StatementCompiler compiler, RuleSet.Builder into) {
        for (Named n : statements) {
            compiler.compile(n.statement(), n.ref(), new PolicyVariables(callerUin, n.owner().uin(),
                    n.owner().appid()), role, n.bucket(), into);
        }
    }

    /** The statements of {@code bucket}'s policy for everyone. */
    RuleSet anyone(Bucket bucket) {
        return anyone.getOrDefault(bucket.name(), NOBODY);
    }
}
