package io.camgate.authz.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.camgate.authz.Decision;
import io.camgate.authz.Need;
import io.camgate.authz.PolicyEngine;
import io.camgate.authz.Reason;
import io.camgate.authz.ReferenceEvaluator;
import io.camgate.authz.Snapshot;
import io.camgate.policy.ConditionContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
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
 * keys removed while it persists) and reported with its seed; a second test plants a bug to
 * show that this machinery catches it and shrinks it.
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
                if (!outcome(reference, request).equals(outcome(index, request))) {
                    fail(shrink(seed, worldSeed, world, request, IndexedEngine::new).report());
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

    /**
     * The test's own machinery: an engine with a planted bug (it forgets explicit denies) is
     * caught, and the report names the seed and shows a world shrunk to the statement that
     * exposes the bug.
     */
    @Test
    void aDisagreementIsShrunkToASmallCaseAndReportedWithItsSeed() {
        Function<Snapshot, PolicyEngine> forgetsDenies = snapshot -> {
            IndexedEngine index = new IndexedEngine(snapshot);
            return (principal, need, context) -> {
                Decision d = index.decide(principal, need, context);
                return d.reason() == Reason.EXPLICIT_DENY ? Decision.IMPLICIT_DENY : d;
            };
        };
        long seed = 20261123;
        Disagreement found = null;
        for (int w = 0; w < 200 && found == null; w++) {
            WorldGenerator generator = new WorldGenerator(seed + w);
            World world = generator.world();
            PolicyEngine broken = forgetsDenies.apply(world.snapshot(1));
            PolicyEngine reference = new ReferenceEvaluator(world.snapshot(1));
            for (int i = 0; i < REQUESTS_PER_WORLD && found == null; i++) {
                WorldGenerator.Request request = generator.request();
                if (!outcome(reference, request).equals(outcome(broken, request))) {
                    found = shrink(seed, seed + w, world, request, forgetsDenies);
                }
            }
        }

        assertThat(found).as("the planted bug is caught").isNotNull();
        assertThat(disagree(found.world(), found.request(), forgetsDenies)).as("the shrunk case still fails").isTrue();
        assertThat(found.request().needs()).hasSize(1);
        long statements = found.world().userPolicies.values().stream().mapToLong(p -> p.statements().size()).sum()
                + found.world().bucketPolicies.values().stream().mapToLong(p -> p.statements().size()).sum();
        assertThat(statements).as("statements left after shrinking").isEqualTo(1);
        assertThat(found.report()).contains("replay with -Dcamgate.test.seed=" + found.worldSeed())
                .contains("\"deny\"").contains("reason=EXPLICIT_DENY").contains("reason=IMPLICIT_DENY");
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

    /** A disagreement, shrunk: the world and request that still show it, and the report for a failing test. */
    private record Disagreement(long runSeed, long worldSeed, World world, WorldGenerator.Request request,
            Function<Snapshot, PolicyEngine> underTest) {
        String report() {
            Snapshot snapshot = world.snapshot(1);
            return String.format("index and reference disagree (run seed %d, world seed %d; replay with "
                    + "-Dcamgate.test.seed=%d -Dcamgate.test.tries=1)%nshrunk world:%n%srequest: %s%nreference: "
                    + "%sindex:     %s", runSeed, worldSeed, worldSeed, world.describe(), request,
                    outcome(new ReferenceEvaluator(snapshot), request), outcome(underTest.apply(snapshot), request));
        }
    }

    /** Removes parts of {@code world} and {@code failing} while the engines still disagree. */
    private static Disagreement shrink(long seed, long worldSeed, World world, WorldGenerator.Request failing,
            Function<Snapshot, PolicyEngine> underTest) {
        List<Need> needs = new ArrayList<>(failing.needs());
        Map<String, List<String>> context = new LinkedHashMap<>(failing.context().asMap());
        BooleanSupplier fails = () -> disagree(world, new WorldGenerator.Request(failing.principal(), needs,
                context(context)), underTest);
        Shrinker shrinker = new Shrinker(fails);
        boolean progress = true;
        while (progress) {
            progress = shrinker.shrink(world, needs, context);
        }
        return new Disagreement(seed, worldSeed, world,
                new WorldGenerator.Request(failing.principal(), needs, context(context)), underTest);
    }

    private static boolean disagree(World world, WorldGenerator.Request request,
            Function<Snapshot, PolicyEngine> underTest) {
        Snapshot snapshot;
        try {
            snapshot = world.snapshot(1);
        } catch (RuntimeException invalid) {
            return false;
        }
        return !outcome(new ReferenceEvaluator(snapshot), request).equals(outcome(underTest.apply(snapshot), request));
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
