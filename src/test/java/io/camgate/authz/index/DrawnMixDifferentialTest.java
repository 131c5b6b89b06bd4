package io.camgate.authz.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.authz.Decision;
import io.camgate.authz.PolicyEngine;
import io.camgate.authz.Reason;
import io.camgate.authz.ReferenceEvaluator;
import io.camgate.authz.Snapshot;
import io.camgate.loadtest.Probe;
import io.camgate.loadtest.Workload;
import io.camgate.loadtest.WorkloadGenerator;
import io.camgate.testing.Trials;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The load tester's mixes drawn from random worlds: drawing never fails, every caller gets
 * requests, and the index decides every drawn request exactly as the reference does. Mixes aim
 * at the edges of each statement (just inside and just outside its patterns, each condition
 * failing in turn), which is where the two evaluators would part.
 */
class DrawnMixDifferentialTest {
    @Test
    void theIndexDecidesEveryDrawnRequestAsTheReference() {
        Set<Reason> reached = EnumSet.noneOf(Reason.class);
        Trials.run(Math.max(20, Integer.getInteger("camgate.test.tries", 1000) / 20), random -> {
            Snapshot snapshot = new WorldGenerator(random.nextLong()).world().snapshot(1);
            Workload mix = WorkloadGenerator.generate(snapshot, random.nextLong());
            assertThat(mix.callers()).hasSize(WorkloadGenerator.callers(snapshot).size());
            PolicyEngine index = new IndexedEngine(snapshot, 2);
            PolicyEngine reference = new ReferenceEvaluator(snapshot);
            for (Probe p : mix.probes()) {
                Decision expected = reference.decide(p.principal(), p.need(), p.context());
                assertThat(index.decide(p.principal(), p.need(), p.context())).as(p.toString()).isEqualTo(expected);
                reached.add(expected.reason());
            }
        });
        assertThat(reached).containsExactlyInAnyOrder(Reason.values());
    }
}
