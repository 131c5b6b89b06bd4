package io.camgate.cli;

import io.camgate.authz.PolicySet;
import io.camgate.authz.PolicySource;
import io.camgate.authz.StatementRef;
import io.camgate.policy.PolicyDocument;
import io.camgate.policy.Statement;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which statements decided at least one test, and which statements of the directory's own
 * policies (files under {@code policies/} and {@code bucket-policies/}) decided none. Presets
 * are counted when they decide a test, and never reported as unexercised.
 */
final class TestCoverage {
    private final Map<StatementRef, Integer> decided = new TreeMap<>();
    private final List<StatementRef> never = new ArrayList<>();
    private final int own;

    TestCoverage(PolicySet policies, List<TestOutcome> outcomes) {
        for (TestOutcome o : outcomes) {
            o.actual().statements().forEach(s -> decided.merge(s, 1, Integer::sum));
        }
        int count = 0;
        count += unexercised(PolicySource.USER, policies.customPolicies());
        count += unexercised(PolicySource.BUCKET, policies.bucketPolicies());
        this.own = count;
    }

    private int unexercised(PolicySource source, Map<String, PolicyDocument> documents) {
        int count = 0;
        for (Map.Entry<String, PolicyDocument> e : new TreeMap<>(documents).entrySet()) {
            for (Statement s : e.getValue().statements()) {
                count++;
                StatementRef ref = new StatementRef(source, e.getKey(), s.index(), s.effect());
                if (!decided.containsKey(ref)) {
                    never.add(ref);
                }
            }
        }
        return count;
    }

    /** The statements of the directory's own policies that decided no test. */
    List<StatementRef> never() {
        return never;
    }

    /** How many tests each statement decided. */
    Map<StatementRef, Integer> decided() {
        return decided;
    }

    void print(PrintWriter out) {
        out.printf("coverage: %d of %d statements of the configuration's policies decided at least one test%n",
                own - never.size(), own);
        decided.forEach((s, n) -> out.printf("  decided   %-40s %s policy, %s, %d %s%n", Expectation.label(s),
                s.source().label(), s.effect().label(), n, n == 1 ? "test" : "tests"));
        for (StatementRef s : never) {
            out.printf("  never     %-40s %s policy, %s%n", Expectation.label(s), s.source().label(),
                    s.effect().label());
        }
    }
}
