package io.camgate.authz.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.camgate.authz.Decision;
import io.camgate.authz.Need;
import io.camgate.authz.PolicyEngine;
import io.camgate.authz.ReferenceEvaluator;
import io.camgate.authz.Snapshot;
import io.camgate.policy.ConditionContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The compiled index must decide exactly as the reference evaluator: same decision, reason
 * and deciding statements, for single needs and for multi-need requests, on random worlds.
 *
 * <p>Runs {@code camgate.test.tries} worlds (1,000 by default) of {@value #REQUESTS_PER_WORLD}
 * requests each, so at least 100,000 cases; {@code camgate.test.scale} multiplies the worlds
 * for longer runs, as it does for {@link io.camgate.testing.Trials}. Set {@code camgate.test.seed}
 * to replay a run.
 * A disagreement is shrunk (statements, patterns, conditions, attachments, needs and context
 * keys removed while it persists) and reported with its seed.
 */
class IndexDifferentialTest {
    private static final int REQUESTS_PER_WORLD = 100;

    @Test
    void indexDecidesExactlyAsTheReference() {
        int worlds = Integer.getInteger("camgate.test.tries", 1000) * Integer.getInteger("camgate.test.scale", 1);
        long seed = Long.getLong("camgate.test.seed", new Random().nextLong());
        long cases = 0;
        Map<String, Long> seen = new java.util.TreeMap<>();
        for (int w = 0; w < worlds; w++) {
            long worldSeed = seed + w;
            WorldGenerator generator = new WorldGenerator(worldSeed);
            World world = generator.world();
            Snapshot snapshot = world.snapshot(1);
            // a tiny cache, so that eviction and recompilation are exercised too
            PolicyEngine index = new IndexedEngine(snapshot, 2);
            PolicyEngine reference = new ReferenceEvaluator(snapshot);
            for (int i = 0; i < REQUESTS_PER_WORLD; i++) {
                WorldGenerator.Request request = generator.request();
                String expected = outcome(reference, request);
                String actual = outcome(index, request);
                if (!expected.equals(actual)) {
                    report(seed, worldSeed, world, request);
                }
                cases += request.needs().size() + (request.needs().size() > 1 ? 1 : 0);
                tally(reference, request, seen);
            }
        }
        System.out.printf("index vs reference: %d cases agreed (%d worlds, seed %d); outcomes %s%n", cases, worlds,
                seed, seen);
        assertThat(cases).isGreaterThanOrEqualTo(worlds * (long) REQUESTS_PER_WORLD);
        // the generator must reach every kind of outcome, or agreement would prove little
        assertThat(seen).containsKeys("root", "allowed", "explicit_deny", "implicit_deny", "several statements",
                "user and bucket statements");
    }

    /** Counts the kinds of outcome the reference gave, to show what the run covered. */
    private static void tally(PolicyEngine reference, WorldGenerator.Request request, Map<String, Long> seen) {
        for (Need need : request.needs()) {
            Decision d;
            try {
                d = reference.decide(request.principal(), need, request.context());
            } catch (RuntimeException e) {
                seen.merge("throws", 1L, Long::sum);
                continue;
            }
            seen.merge(d.reason().label(), 1L, Long::sum);
            if (d.statements().size() > 1) {
                seen.merge("several statements", 1L, Long::sum);
            }
            if (d.statements().stream().map(io.camgate.authz.StatementRef::source).distinct().count() > 1) {
                seen.merge("user and bucket statements", 1L, Long::sum);
            }
        }
    }

    /** Every need decided alone, then the whole request, as text; an exception is an outcome too. */
    private static String outcome(PolicyEngine engine, WorldGenerator.Request request) {
        StringBuilder out = new StringBuilder();
        for (Need need : request.needs()) {
            out.append(attempt(() -> engine.decide(request.principal(), need, request.context()))).append('\n');
        }
        if (request.needs().size() > 1) {
            out.append("all: ").append(attempt(() -> engine.decideAll(request.principal(), request.needs(),
                    request.context())));
        }
        return out.toString();
    }

    private static String attempt(java.util.function.Supplier<Decision> decision) {
        try {
            return decision.get().toString();
        } catch (RuntimeException e) {
            return "throws " + e.getClass().getSimpleName();
        }
    }

    private static void report(long seed, long worldSeed, World world, WorldGenerator.Request failing) {
        List<Need> needs = new ArrayList<>(failing.needs());
        Map<String, List<String>> context = new LinkedHashMap<>(failing.context().asMap());
        BooleanSupplier fails = () -> disagree(world, new WorldGenerator.Request(failing.principal(), needs,
                context(context)));
        Shrinker shrinker = new Shrinker(fails);
        boolean progress = true;
        while (progress) {
            progress = shrinker.shrink(world, needs, context);
        }
        WorldGenerator.Request small = new WorldGenerator.Request(failing.principal(), needs, context(context));
        Snapshot snapshot = world.snapshot(1);
        fail("index and reference disagree (run seed %d, world seed %d; replay with -Dcamgate.test.seed=%d "
                + "-Dcamgate.test.tries=1)%nshrunk world:%n%srequest: %s%nreference: %sindex:     %s", seed, worldSeed,
                worldSeed, world.describe(), small, outcome(new ReferenceEvaluator(snapshot), small),
                outcome(new IndexedEngine(snapshot), small));
    }

    private static boolean disagree(World world, WorldGenerator.Request request) {
        Snapshot snapshot;
        try {
            snapshot = world.snapshot(1);
        } catch (RuntimeException invalid) {
            return false;
        }
        return !outcome(new ReferenceEvaluator(snapshot), request).equals(outcome(new IndexedEngine(snapshot), request));
    }

    private static ConditionContext context(Map<String, List<String>> values) {
        ConditionContext.Builder b = ConditionContext.builder();
        values.forEach(b::addAll);
        return b.build();
    }

    /** Removes one part at a time and keeps the removal while the disagreement persists. */
    private static final class Shrinker {
        private final BooleanSupplier fails;
        private boolean progress;

        Shrinker(BooleanSupplier fails) {
            this.fails = fails;
        }

        boolean shrink(World world, List<Need> needs, Map<String, List<String>> context) {
            progress = false;
            removeEach(world.bucketPolicies);
            removeEach(world.userPolicies);
            removeEach(world.featureSets);
            removeEach(world.roots, 1);
            for (World.Root r : world.roots) {
                removeEach(r.users(), 0);
                removeEach(r.groups(), 0);
                removeEach(r.buckets(), 0);
            }
            List<World.Policy> documents = new ArrayList<>(world.userPolicies.values());
            documents.addAll(world.bucketPolicies.values());
            for (World.Policy p : documents) {
                removeEach(p.statements(), 1);
                for (World.Stmt s : p.statements()) {
                    removeEach(s.actions(), 1);
                    removeEach(s.resources(), 1);
                    removeEach(s.conditions(), 0);
                    removeEach(s.principals(), 1);
                }
            }
            for (World.Root r : world.roots) {
                for (World.User u : r.users()) {
                    removeEach(u.policies(), 0);
                    removeEach(u.groups(), 0);
                }
                for (World.Grp g : r.groups()) {
                    removeEach(g.policies(), 0);
                }
            }
            removeEach(needs, 1);
            removeEach(context);
            return progress;
        }

        private <V> void removeEach(Map<String, V> map) {
            for (String key : new ArrayList<>(map.keySet())) {
                V removed = map.remove(key);
                if (fails.getAsBoolean()) {
                    progress = true;
                } else {
                    map.put(key, removed);
                }
            }
        }

        private <T> void removeEach(List<T> list, int keep) {
            for (int i = list.size() - 1; i >= 0 && list.size() > keep; i--) {
                T removed = list.remove(i);
                if (fails.getAsBoolean()) {
                    progress = true;
                } else {
                    list.add(i, removed);
                }
            }
        }
    }
}
