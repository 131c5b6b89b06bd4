package io.camgate.loadtest;

import io.camgate.authz.Need;
import io.camgate.authz.Snapshot;
import io.camgate.identity.Bucket;
import io.camgate.identity.Principal;
import io.camgate.identity.RootAccount;
import io.camgate.identity.SubUser;
import io.camgate.policy.ActionPattern;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.PolicyDocument;
import io.camgate.policy.ResourceName;
import io.camgate.policy.ResourcePattern;
import io.camgate.policy.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Draws a request mix from a policy set itself. For every caller (each root account, each
 * sub-user, and anonymous) and every statement that speaks for it: a few of the actions it
 * names, on resources inside its patterns and just outside them, with condition contexts
 * that satisfy its conditions and that fail each one in turn; an action next to the ones it
 * names; and requests that nothing grants. The same snapshot and seed give the same mix.
 */
public final class WorkloadGenerator {
    private static final int ACTIONS_PER_STATEMENT = 2;
    private static final int UNGRANTED_PER_CALLER = 2;
    /** The data-plane actions most traffic is made of: a statement that covers one is always tried with one. */
    private static final List<String> EVERYDAY = List.of("cos:GetObject", "cos:PutObject", "cos:HeadObject",
            "cos:DeleteObject", "cos:GetBucket");
    private static final String[] BASE_IPS = {"10.1.2.3", "192.168.1.20", "172.16.5.4", "203.0.113.50"};
    /** A fixed time, so that a seed reproduces contexts whatever the clock says. */
    private static final String CURRENT_TIME = "2026-06-01T12:00:00Z";

    private final Snapshot snapshot;
    private final Random random;
    private final ResourceSamples resources;
    private final List<String> known = KnownActions.get().all();

    private WorkloadGenerator(Snapshot snapshot, List<Bucket> buckets, List<String> prefixes, long seed) {
        this.snapshot = snapshot;
        this.random = new Random(seed);
        this.resources = new ResourceSamples(snapshot.directory(), buckets, prefixes, random);
    }

    /**
     * The request mix of {@code snapshot} for {@code seed}. Each caller's requests are drawn
     * from a seed of their own (on as many threads as there are cores), so a caller's part of
     * the mix depends only on the seed and its place among the callers.
     */
    public static Workload generate(Snapshot snapshot, long seed) {
        List<String> prefixes = prefixes(snapshot);
        List<Bucket> buckets = new ArrayList<>();
        snapshot.directory().accounts().forEach(a -> buckets.addAll(a.buckets()));
        List<Principal> callers = callers(snapshot);
        List<List<Probe>> parts = IntStream.range(0, callers.size()).parallel()
                .mapToObj(i -> new WorkloadGenerator(snapshot, buckets, prefixes, callerSeed(seed, i))
                        .probes(callers.get(i)))
                .toList();
        List<Probe> all = new ArrayList<>();
        parts.forEach(all::addAll);
        return Workload.of(all);
    }

    private static long callerSeed(long seed, int caller) {
        return seed ^ (0x9E3779B97F4A7C15L * (caller + 1L));
    }

    /** Every caller the directory knows, roots each followed by their sub-users, then anonymous. */
    public static List<Principal> callers(Snapshot snapshot) {
        List<Principal> out = new ArrayList<>();
        for (RootAccount root : snapshot.directory().accounts()) {
            out.add(new Principal.Root(root.uin()));
            for (SubUser user : root.users()) {
                out.add(new Principal.SubUser(user.uin(), root.uin()));
            }
        }
        out.add(Principal.ANONYMOUS);
        return out;
    }

    private List<Probe> probes(Principal caller) {
        List<Probe> out = new ArrayList<>();
        Map<String, List<String>> base = baseContext();
        ConditionContext plain = ConditionSamples.build(base);
        for (SpeakingStatement s : CallerStatements.of(snapshot, caller)) {
            statementProbes(caller, s, base, plain, out);
        }
        for (int i = 0; i < UNGRANTED_PER_CALLER; i++) {
            String action = known.get(random.nextInt(known.size()));
            out.add(new Probe(caller, new Need(action, resources.typical(action, null)), plain));
        }
        if (caller instanceof Principal.Root root) {
            snapshot.directory().rootByUin(root.uin()).filter(r -> !r.buckets().isEmpty()).ifPresent(r -> {
                String action = known.get(random.nextInt(known.size()));
                out.add(new Probe(caller, new Need(action,
                        resources.typical(action, r.buckets().get(random.nextInt(r.buckets().size())))), plain));
            });
        }
        return out;
    }

    private void statementProbes(Principal caller, SpeakingStatement s, Map<String, List<String>> base,
            ConditionContext plain, List<Probe> out) {
        Statement st = s.statement();
        Set<String> covered = coveredActions(st);
        List<String> actions = sample(covered, ACTIONS_PER_STATEMENT);
        List<String> everyday = EVERYDAY.stream().filter(covered::contains).toList();
        if (!everyday.isEmpty() && actions.stream().noneMatch(EVERYDAY::contains)) {
            actions.set(0, everyday.get(random.nextInt(everyday.size())));
        }
        if (actions.isEmpty() || st.resources().isEmpty()) {
            return;
        }
        List<ConditionContext> contexts = st.conditions().isEmpty() ? List.of(plain)
                : ConditionSamples.contexts(st, s.vars(), base, random);
        ConditionContext first = contexts.isEmpty() ? plain : contexts.get(0);
        for (String action : actions) {
            ResourcePattern pattern = st.resources().get(random.nextInt(st.resources().size()));
            ResourceName in = resources.inside(pattern, action, s);
            if (in != null) {
                for (ConditionContext ctx : contexts) {
                    out.add(new Probe(caller, new Need(action, in), ctx));
                }
            }
            ResourceName away = resources.outside(pattern, action, s);
            if (away != null) {
                out.add(new Probe(caller, new Need(action, away), first));
            }
        }
        String neighbour = neighbour(covered);
        if (neighbour != null) {
            ResourceName in = resources.inside(st.resources().get(0), neighbour, s);
            if (in != null) {
                out.add(new Probe(caller, new Need(neighbour, in), first));
            }
        }
    }

    /** The known actions the statement names, feature sets expanded; a literal unknown action as written. */
    private Set<String> coveredActions(Statement st) {
        Set<String> out = new LinkedHashSet<>();
        for (ActionPattern p : st.actions()) {
            if (p.isFeatureSet()) {
                snapshot.directory().featureSet(p.featureSet()).orElse(List.of())
                        .forEach(a -> out.addAll(KnownActions.get().covered(a)));
            } else {
                List<String> covered = KnownActions.get().covered(p);
                if (covered.isEmpty() && !p.normalized().contains("*")) {
                    out.add(p.normalized());
                }
                out.addAll(covered);
            }
        }
        return out;
    }

    /** A known action of the same service as {@code covered} that is not among them, or null. */
    private String neighbour(Set<String> covered) {
        if (covered.isEmpty()) {
            return null;
        }
        String service = KnownActions.service(covered.iterator().next()) + ":";
        for (int tries = 0; tries < 16; tries++) {
            String a = known.get(random.nextInt(known.size()));
            if (a.startsWith(service) && !covered.contains(a)) {
                return a;
            }
        }
        return null;
    }

    private List<String> sample(Set<String> items, int n) {
        List<String> all = new ArrayList<>(items);
        List<String> out = new ArrayList<>();
        while (out.size() < n && !all.isEmpty()) {
            out.add(all.remove(random.nextInt(all.size())));
        }
        return out;
    }

    private Map<String, List<String>> baseContext() {
        Map<String, List<String>> base = new LinkedHashMap<>();
        base.put("qcs:ip", List.of(BASE_IPS[random.nextInt(BASE_IPS.length)]));
        base.put("qcs:current_time", List.of(CURRENT_TIME));
        base.put("cos:secure-transport", List.of("true"));
        return base;
    }

    /** The key prefixes policies name (the literal part of each COS/CI object pattern up to its last slash). */
    private static List<String> prefixes(Snapshot snapshot) {
        Set<String> out = new TreeSet<>();
        List<PolicyDocument> docs = new ArrayList<>(snapshot.policies().customPolicies().values());
        docs.addAll(snapshot.policies().bucketPolicies().values());
        for (PolicyDocument doc : docs) {
            for (Statement st : doc.statements()) {
                for (ResourcePattern p : st.resources()) {
                    String prefix = keyPrefix(p);
                    if (prefix != null) {
                        out.add(prefix);
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    private static String keyPrefix(ResourcePattern p) {
        if (p.isAny() || p.resource().contains("${")) {
            return null;
        }
        String r = p.resource().startsWith("bucket/") ? p.resource().substring("bucket/".length()) : p.resource();
        int slash = r.indexOf('/');
        int star = r.indexOf('*');
        String literal = star < 0 ? r : r.substring(0, star);
        int last = literal.lastIndexOf('/');
        return slash < 0 || last <= slash ? null : literal.substring(slash + 1, last + 1);
    }
}
