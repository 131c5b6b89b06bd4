package io.camgate.authz.index;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.camgate.authz.Decision;
import io.camgate.authz.DecisionProcedure;
import io.camgate.authz.Matches;
import io.camgate.authz.Need;
import io.camgate.authz.PolicyEngine;
import io.camgate.authz.PolicySource;
import io.camgate.authz.Snapshot;
import io.camgate.authz.StatementRef;
import io.camgate.authz.StatementRole;
import io.camgate.authz.StatementSource;
import io.camgate.identity.Bucket;
import io.camgate.identity.Directory;
import io.camgate.identity.Group;
import io.camgate.identity.Principal;
import io.camgate.identity.RootAccount;
import io.camgate.identity.SubUser;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.PolicyDocument;
import io.camgate.policy.PolicyVariables;
import io.camgate.policy.Statement;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The compiled policy index of one {@link Snapshot}: decides exactly as the
 * {@link io.camgate.authz.ReferenceEvaluator} does (same {@link DecisionProcedure}), but finds
 * the matching statements by hashing the action and walking the resource through a prefix
 * trie, so a decision costs the length of the resource, not the number of statements.
 *
 * <p>A sub-user's policies are compiled on its first request and kept in a bounded Caffeine
 * cache that belongs to this engine, and so to this snapshot's generation: a reload builds a
 * new engine, and the old cache goes with the old snapshot. Bucket policies are compiled when
 * the engine is built, one index per bucket. Safe for concurrent use.
 */
public final class IndexedEngine implements PolicyEngine {
    /** How many sub-users' compiled policies are kept unless told otherwise. */
    public static final long DEFAULT_MAXIMUM_PRINCIPALS = 100_000;

    private static final ThreadLocal<Lookup> LOOKUPS = ThreadLocal.withInitial(Lookup::new);

    private final Snapshot snapshot;
    private final DecisionProcedure procedure;
    private final StatementCompiler compiler;
    private final LoadingCache<String, ActionIndex> principals;
    private final Map<String, BucketIndex> buckets = new HashMap<>();

    /** An index over {@code snapshot} that keeps up to {@link #DEFAULT_MAXIMUM_PRINCIPALS} sub-users compiled. */
    public IndexedEngine(Snapshot snapshot) {
        this(snapshot, DEFAULT_MAXIMUM_PRINCIPALS);
    }

    /** An index over {@code snapshot} that keeps up to {@code maximumPrincipals} sub-users compiled. */
    public IndexedEngine(Snapshot snapshot, long maximumPrincipals) {
        this.snapshot = snapshot;
        Directory directory = snapshot.directory();
        this.procedure = new DecisionProcedure(directory);
        this.compiler = new StatementCompiler(directory);
        this.principals = Caffeine.newBuilder()
                .maximumSize(maximumPrincipals)
                // upkeep (replaying reads, evicting) runs on the deciding thread in small amortized
                // steps: handing it to a pool costs a thread wake-up every few reads, which on a
                // busy machine is more than the decisions it serves
                .executor(Runnable::run)
                .recordStats()
                .build(this::compileSubUser);
        snapshot.policies().bucketPolicies().forEach((name, policy) -> directory.bucket(name)
                .ifPresent(bucket -> buckets.put(name, BucketIndex.compile(bucket, policy, directory, compiler))));
    }

    /** The snapshot this engine decides for. */
    public Snapshot snapshot() {
        return snapshot;
    }

    @Override
    public Decision decide(Principal principal, Need need, ConditionContext context) {
        Lookup lookup = LOOKUPS.get();
        lookup.start(this, need);
        try {
            return procedure.decide(principal, need, context, lookup, lookup.matches);
        } finally {
            lookup.finish();
        }
    }

    /** Hits, misses, loads and evictions of the compiled sub-users. */
    public CacheStats principalCacheStats() {
        return principals.stats();
    }

    /** How many sub-users are compiled at the moment. */
    public long compiledPrincipals() {
        return principals.estimatedSize();
    }

    /**
     * Compiles the policies of every sub-user now rather than on first request, e.g. to
     * measure the whole index or to warm it before serving.
     */
    public void compileAll() {
        for (RootAccount root : snapshot.directory().accounts()) {
            for (SubUser user : root.users()) {
                principals.get(user.uin());
            }
        }
    }

    private ActionIndex compileSubUser(String uin) {
        SubUser user = snapshot.directory().user(uin).orElseThrow();
        return compile(user, snapshot.directory().rootByUin(user.ownerUin()).orElseThrow());
    }

    /** The sub-user's attached policies (directly and through its groups), compiled for it as caller. */
    private ActionIndex compile(SubUser user, RootAccount home) {
        Set<String> names = new LinkedHashSet<>(user.policies());
        for (String groupId : user.groupIds()) {
            snapshot.directory().group(home.uin(), groupId).map(Group::policies).ifPresent(names::addAll);
        }
        PolicyVariables vars = new PolicyVariables(user.uin(), home.uin(), home.appid());
        ActionIndex.Builder builder = new ActionIndex.Builder();
        for (String name : names) {
            PolicyDocument doc = snapshot.policies().userPolicy(name, home.uin()).orElseThrow();
            for (Statement s : doc.statements()) {
                compiler.compile(s, new StatementRef(PolicySource.USER, doc.name(), s.index(), s.effect()), vars,
                        builder);
            }
        }
        return builder.build();
    }

    private ActionIndex attached(SubUser user, RootAccount home) {
        // the procedure takes the caller's root from the principal; a principal that disagrees
        // with the directory is compiled for the asked-for root and not cached
        return home.uin().equals(user.ownerUin()) ? principals.get(user.uin()) : compile(user, home);
    }

    /**
     * The per-thread state of one decision: the accumulator and the request's action,
     * normalized once. Holds no engine between decisions, so that an old snapshot is not kept
     * alive by the threads that once used it (action keys belong to no snapshot).
     */
    private static final class Lookup implements StatementSource {
        final Matches matches = new Matches();
        private IndexedEngine engine;
        private ActionKey action;

        /**
         * Recently seen action strings and their keys, by identity: requests name actions with
         * a few shared constants, so most decisions skip the table probe.
         */
        private final String[] seenActions = new String[8];
        private final ActionKey[] seenKeys = new ActionKey[8];

        void start(IndexedEngine owner, Need need) {
            engine = owner;
            String written = need.action();
            int slot = System.identityHashCode(written) & (seenActions.length - 1);
            if (seenActions[slot] != written) {
                seenKeys[slot] = ActionTable.KNOWN.key(written);
                seenActions[slot] = written;
            }
            action = seenKeys[slot];
        }

        void finish() {
            engine = null;
            action = null;
            matches.clear();
        }

        @Override
        public void attached(SubUser user, RootAccount home, Need need, ConditionContext context, Matches into) {
            engine.attached(user, home).collect(action, need.resource(), context, user.uin(),
                    StatementRole.ATTACHED, into);
        }

        @Override
        public void namingUser(Bucket bucket, SubUser user, Need need, ConditionContext context, Matches into) {
            BucketIndex index = engine.buckets.get(bucket.name());
            if (index == null) {
                return;
            }
            index.namingUser(user.uin()).collect(action, need.resource(), context, user.uin(),
                    StatementRole.NAMES_USER, into);
            for (int i = 0; i < user.groupIds().size(); i++) {
                index.namingGroup(user.ownerUin(), user.groupIds().get(i)).collect(action, need.resource(), context,
                        user.uin(), StatementRole.NAMES_USER, into);
            }
        }

        @Override
        public void namingRoot(Bucket bucket, String rootUin, Principal caller, Need need, ConditionContext context,
                Matches into) {
            BucketIndex index = engine.buckets.get(bucket.name());
            if (index != null) {
                index.namingRoot(rootUin).collect(action, need.resource(), context, caller.uin(),
                        StatementRole.NAMES_ROOT, into);
            }
        }

        @Override
        public void anyone(Bucket bucket, Need need, ConditionContext context, Matches into) {
            BucketIndex index = engine.buckets.get(bucket.name());
            if (index != null) {
                index.anyone().collect(action, need.resource(), context, null, StatementRole.ANYONE, into);
            }
        }
    }
}
