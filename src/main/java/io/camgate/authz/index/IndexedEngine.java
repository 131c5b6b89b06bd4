package io.camgate.authz.index;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
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
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The compiled policy index of one {@link Snapshot}: decides exactly as the
 * {@link io.camgate.authz.ReferenceEvaluator} does (same {@link DecisionProcedure}), but finds
 * the matching statements in the caller's compiled {@link RuleSet}: one lookup of the caller,
 * one array read by the action's number, then the few statements under that action, all
 * roles together. A decision so costs the length of the resource, not the number of statements.
 *
 * <p>A caller's rule set (its attached policies and the bucket statements naming it, its
 * groups or its root) is compiled on its first request and kept in a bounded Caffeine cache
 * that belongs to this engine, and so to this snapshot's generation: a reload builds a new
 * engine, and the old cache goes with the old snapshot. In front of the cache sits a small
 * direct-mapped table of recently used rule sets: a hit there costs one array read, where a
 * Caffeine read also records the access for its eviction policy (a read buffer, a frequency
 * sketch, an LRU reorder: several cache misses once the callers outnumber the CPU cache).
 * Hits in the table are counted in the cache's statistics. The table holds at most
 * {@value #MAXIMUM_RECENT} rule sets, so memory stays bounded by the cache's maximum plus the
 * table. Statements for everyone are compiled per bucket when the engine is built. Safe for
 * concurrent use.
 */
public final class IndexedEngine implements PolicyEngine {
    /** How many callers' compiled rule sets are kept unless told otherwise. */
    public static final long DEFAULT_MAXIMUM_PRINCIPALS = 100_000;
    /** The most slots of the table of recently used rule sets. */
    static final int MAXIMUM_RECENT = 1 << 16;

    private static final ThreadLocal<Lookup> LOOKUPS = ThreadLocal.withInitial(Lookup::new);

    private final Snapshot snapshot;
    private final DecisionProcedure procedure;
    private final StatementCompiler compiler;
    private final BucketPolicies buckets;
    private final StatsCounter stats = new ConcurrentStatsCounter();
    private final LoadingCache<Principal, RuleSet> principals;
    /**
     * Recently used rule sets by the caller's hash. Racy on purpose: a rule set is immutable
     * (final fields), so a reader sees it whole or sees another slot's content and checks the caller.
     */
    private final RuleSet[] recent;

    /** An index over {@code snapshot} that keeps up to {@link #DEFAULT_MAXIMUM_PRINCIPALS} callers compiled. */
    public IndexedEngine(Snapshot snapshot) {
        this(snapshot, DEFAULT_MAXIMUM_PRINCIPALS);
    }

    /** An index over {@code snapshot} that keeps up to {@code maximumPrincipals} callers compiled. */
    public IndexedEngine(Snapshot snapshot, long maximumPrincipals) {
        this.snapshot = snapshot;
        Directory directory = snapshot.directory();
        this.procedure = new DecisionProcedure(directory);
        this.compiler = new StatementCompiler(directory);
        this.buckets = new BucketPolicies(directory, snapshot.policies().bucketPolicies(), compiler);
        this.principals = Caffeine.newBuilder()
                .maximumSize(maximumPrincipals)
                // upkeep (replaying reads, evicting) runs on the deciding thread in small amortized
                // steps: handing it to a pool costs a thread wake-up every few reads, which on a
                // busy machine is more than the decisions it serves
                .executor(Runnable::run)
                .recordStats(() -> stats)
                .build(this::compile);
        int slots = (int) Math.min(MAXIMUM_RECENT, Math.max(1, maximumPrincipals));
        this.recent = new RuleSet[slots == 1 ? 1 : Integer.highestOneBit(slots - 1) << 1];
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

    /** Hits (in the table of recent callers and in the cache), misses, loads and evictions of the compiled callers. */
    public CacheStats principalCacheStats() {
        return principals.stats();
    }

    /** How many callers are compiled at the moment. */
    public long compiledPrincipals() {
        return principals.estimatedSize();
    }

    /**
     * Compiles the rule set of every sub-user now rather than on first request, e.g. to
     * measure the whole index or to warm it before serving.
     */
    public void compileAll() {
        for (RootAccount root : snapshot.directory().accounts()) {
            for (SubUser user : root.users()) {
                principals.get(new Principal.SubUser(user.uin(), user.ownerUin()));
            }
        }
    }

    /**
     * The rule set of {@code caller} (uin {@code uin}, root account {@code ownerUin}, null for a
     * root caller): from the table of recent callers, else from the cache (compiled there if need be).
     */
    private RuleSet rulesFor(Principal caller, String uin, String ownerUin) {
        int h = uin.hashCode();
        int slot = (h ^ h >>> 16) & (recent.length - 1);
        RuleSet rules = recent[slot];
        if (rules != null && rules.isFor(uin, ownerUin)) {
            stats.recordHits(1);
            return rules;
        }
        rules = principals.get(caller);
        recent[slot] = rules;
        return rules;
    }

    /** Compiles the rule set of a sub-user or root-account caller. */
    private RuleSet compile(Principal caller) {
        RuleSet.Builder builder = new RuleSet.Builder();
        if (caller instanceof Principal.SubUser sub) {
            SubUser user = snapshot.directory().user(sub.uin()).orElseThrow();
            RootAccount home = snapshot.directory().rootByUin(sub.ownerUin()).orElseThrow();
            compileAttached(user, home, builder);
            buckets.compileNaming(user, home, compiler, builder);
            return builder.build(caller, home);
        }
        buckets.compileNamingRoot(caller.uin(), caller.uin(), compiler, builder);
        return builder.build(caller, null);
    }

    /** The sub-user's attached policies (directly and through its groups), compiled for it as caller. */
    private void compileAttached(SubUser user, RootAccount home, RuleSet.Builder into) {
        Set<String> names = new LinkedHashSet<>(user.policies());
        for (String groupId : user.groupIds()) {
            snapshot.directory().group(home.uin(), groupId).map(Group::policies).ifPresent(names::addAll);
        }
        PolicyVariables vars = new PolicyVariables(user.uin(), home.uin(), home.appid());
        for (String name : names) {
            PolicyDocument doc = snapshot.policies().userPolicy(name, home.uin()).orElseThrow();
            for (Statement s : doc.statements()) {
                compiler.compile(s, new StatementRef(PolicySource.USER, doc.name(), s.index(), s.effect()), vars,
                        StatementRole.ATTACHED, null, into);
            }
        }
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
        private final String[] seenActions = new String[64];
        private final ActionKey[] seenKeys = new ActionKey[64];

        void start(IndexedEngine owner, Need need) {
            engine = owner;
            String written = need.action();
            // the string's own hash (kept in it once computed) picks the slot; identity confirms it
            int h = written.hashCode();
            int slot = (h ^ h >>> 7) & (seenActions.length - 1);
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
        public RootAccount subUser(Principal.SubUser caller, Bucket bucket, Need need, ConditionContext context,
                Matches into) {
            RuleSet rules = engine.rulesFor(caller, caller.uin(), caller.ownerUin());
            rules.collect(action, need.resource(), bucket, context, into);
            return rules.home();
        }

        @Override
        public void root(Principal.Root caller, Bucket bucket, Need need, ConditionContext context, Matches into) {
            engine.rulesFor(caller, caller.uin(), null).collect(action, need.resource(), bucket, context, into);
        }

        @Override
        public void anyone(Bucket bucket, Need need, ConditionContext context, Matches into) {
            engine.buckets.anyone(bucket).collect(action, need.resource(), bucket, context, into);
        }
    }
}
