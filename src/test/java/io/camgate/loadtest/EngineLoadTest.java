package io.camgate.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.authz.Decision;
import io.camgate.authz.ReferenceEvaluator;
import io.camgate.authz.Reason;
import io.camgate.authz.Snapshot;
import io.camgate.authz.index.IndexedEngine;
import io.camgate.config.ConfigLoader;
import io.camgate.identity.Principal;
import io.camgate.testing.Trials;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EngineLoadTest {
    private static Snapshot example;

    @BeforeAll
    static void load() throws Exception {
        example = ConfigLoader.withSystemEnvironment().load(Path.of("config"), 1);
    }

    private static EngineReport run(Workload w, long seed, int threads, long n) throws InterruptedException {
        return new EngineLoad(new IndexedEngine(example), w, seed, threads, RunBound.requests(n)).run();
    }

    @Test
    void countsByReasonAddUpAndAgreeWithTheReferenceOnTheSameSequence() throws Exception {
        long seed = 11;
        int n = 30_000;
        Workload w = WorkloadGenerator.generate(example, seed);
        EngineReport report = run(w, seed, 2, n);
        assertThat(report.requests()).isEqualTo(n);
        assertThat(Arrays.stream(Reason.values()).mapToLong(report::count).sum()).isEqualTo(n);
        assertThat(report.latencies().count()).isEqualTo(n);

        ReferenceEvaluator oracle = new ReferenceEvaluator(example);
        RequestSequence sequence = new RequestSequence(seed, w.size());
        long[] expected = new long[Reason.values().length];
        for (long pos = 0; pos < n; pos++) {
            Probe p = w.probe(sequence.at(pos));
            Decision d = oracle.decide(p.principal(), p.need(), p.context());
            expected[d.reason().ordinal()]++;
        }
        for (Reason r : Reason.values()) {
            assertThat(report.count(r)).as(r.label()).isEqualTo(expected[r.ordinal()]);
        }
    }

    @Test
    void aFixedSeedReproducesTheRequestSequenceAndTheCountsWhateverTheThreads() throws Exception {
        Workload a = WorkloadGenerator.generate(example, 5);
        Workload b = WorkloadGenerator.generate(example, 5);
        assertThat(describe(a)).isEqualTo(describe(b));
        RequestSequence s1 = new RequestSequence(5, a.size());
        RequestSequence s2 = new RequestSequence(5, a.size());
        RequestSequence other = new RequestSequence(6, a.size());
        boolean differs = false;
        for (long pos = 0; pos < 10_000; pos++) {
            assertThat(s1.at(pos)).isEqualTo(s2.at(pos)).isBetween(0, a.size() - 1);
            differs |= s1.at(pos) != other.at(pos);
        }
        assertThat(differs).isTrue();
        EngineReport one = run(a, 5, 1, 20_000);
        EngineReport two = run(b, 5, 2, 20_000);
        assertThat(one.byAction()).isDeepEqualTo(two.byAction());
        assertThat(one.actions()).isEqualTo(two.actions());
    }

    @Test
    void aSequenceStaysInRangeAndDependsOnlyOnSeedAndPosition() {
        Trials.run(200, random -> {
            long seed = random.nextLong();
            int size = 1 + random.nextInt(5000);
            RequestSequence a = new RequestSequence(seed, size);
            RequestSequence b = new RequestSequence(seed, size);
            for (int k = 0; k < 50; k++) {
                long pos = random.nextLong() & Long.MAX_VALUE;
                assertThat(a.at(pos)).isBetween(0, size - 1).isEqualTo(b.at(pos));
            }
        });
    }

    @Test
    void everyCallerIsExercised() throws Exception {
        Workload w = WorkloadGenerator.generate(example, 3);
        Set<String> expected = WorkloadGenerator.callers(example).stream()
                .map(p -> p.uin() == null ? "anonymous" : p.uin()).collect(Collectors.toSet());
        assertThat(expected).hasSize(9).contains("anonymous");
        assertThat(w.callers()).containsExactlyInAnyOrderElementsOf(expected);
        EngineReport report = run(w, 3, 2, 50_000);
        assertThat(report.callersSeen()).isEqualTo(report.callers()).isEqualTo(expected.size());
    }

    @Test
    void theMixOfTheExampleReachesEveryKindOfDecision() throws Exception {
        Workload w = WorkloadGenerator.generate(example, 9);
        ReferenceEvaluator oracle = new ReferenceEvaluator(example);
        Set<Reason> reasons = w.probes().stream()
                .map(p -> oracle.decide(p.principal(), p.need(), p.context()).reason()).collect(Collectors.toSet());
        assertThat(reasons).containsExactlyInAnyOrder(Reason.values());
        // erin reads only from the office network and never over plain HTTP: the mix tries both sides of each.
        List<Probe> erin = w.probes().stream().filter(p -> p.caller().equals("100000000015")).toList();
        assertThat(erin).anySatisfy(p -> assertThat(p.context().get("qcs:ip")).singleElement()
                .satisfies(ip -> assertThat(office(ip)).isTrue()));
        assertThat(erin).anySatisfy(p -> assertThat(p.context().get("qcs:ip")).singleElement()
                .satisfies(ip -> assertThat(office(ip)).isFalse()));
        assertThat(erin).anySatisfy(p -> assertThat(p.context().get("cos:secure-transport")).containsExactly("false"));
        assertThat(erin).anySatisfy(p -> assertThat(oracle.decide(p.principal(), p.need(), p.context()).allowed())
                .isTrue());
        // dave's deny on secret/ is hit, and so are keys outside it.
        List<Probe> dave = w.probes().stream().filter(p -> p.caller().equals("100000000014")).toList();
        assertThat(dave).anySatisfy(p -> assertThat(oracle.decide(p.principal(), p.need(), p.context()).reason())
                .isEqualTo(Reason.EXPLICIT_DENY));
        assertThat(dave).anySatisfy(p -> assertThat(oracle.decide(p.principal(), p.need(), p.context()).reason())
                .isEqualTo(Reason.ALLOWED));
        assertThat(w.probes()).anySatisfy(p -> assertThat(p.principal()).isEqualTo(Principal.ANONYMOUS));
    }

    @Test
    void aRunBoundedByTimeStopsAndCountsWhatItDid() throws Exception {
        Workload w = WorkloadGenerator.generate(example, 1);
        EngineReport report = new EngineLoad(new IndexedEngine(example), w, 1, 2,
                RunBound.lasting(java.time.Duration.ofMillis(200))).run();
        assertThat(report.requests()).isPositive().isEqualTo(report.latencies().count());
    }

    private static boolean office(String ip) {
        return ip.startsWith("10.") || ip.startsWith("192.168.1.");
    }

    private static List<String> describe(Workload w) {
        return w.probes().stream().map(p -> p.caller() + " " + p.need().action() + " " + p.need().resource().text()
                + " " + p.context().asMap()).toList();
    }
}
