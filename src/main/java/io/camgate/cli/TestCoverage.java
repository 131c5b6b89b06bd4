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
 * Which statements decided at least one test, which matched some test's request without ever
 * deciding one (an allow a deny always overrode, say), and which statements of the directory's
 * own policies (files under {@code policies/} and {@code bucket-policies/}) never matched any.
 * Presets are listed when they decide or match, and never reported as unexercised.
 */
final class TestCoverage {
    private final Map<StatementRef, Integer> decided = new TreeMap<>();
    private final Map<StatementRef, Integer> matchedOnly = new TreeMap<>();
    private final List<StatementRef> never = new ArrayList<>();
    private final int own;
    private int ownDecided;

    TestCoverage(PolicySet policies, List<TestOutcome> outcomes) {
        Map<StatementRef, Integer> matched = new TreeMap<>();
        for (TestOutcome o : outcomes) {
            o.actual().statements().forEach(s -> decided.merge(s, 1, Integer::sum));
            o.matched().forEach(s -> matched.merge(s, 1, Integer::sum));
        }
        matched.forEach((s, n) -> {
            if (!decided.containsKey(s)) {
                matchedOnly.put(s, n);
            }
        });
        this.own = own(PolicySource.USER, policies.customPolicies(), matched)
                + own(PolicySource.BUCKET, policies.bucketPolicies(), matched);
    }

    /** Counts the statements of {@code documents}, noting those that decided and those that never matched. */
    private int own(PolicySource source, Map<String, PolicyDocument> documents, Map<StatementRef, Integer> matched) {
        int count = 0;
        for (Map.Entry<String, PolicyDocument> e : new TreeMap<>(documents).entrySet()) {
            for (Statement s : e.getValue().statements()) {
                count++;
                StatementRef ref = new StatementRef(source, e.getKey(), s.index(), s.effect());
                if (decided.containsKey(ref)) {
                    ownDecided++;
                } else if (!matched.containsKey(ref)) {
                    never.add(ref);
                }
            }
        }
        return count;
    }

    /** The statements of the directory's own policies that matched no test's request. */
    List<StatementRef> never() {
        return never;
    }

    /** How many tests each statement decided. */
    Map<StatementRef, Integer> decided() {
        return decided;
    }

    /** How many tests' requests each statement matched, for those that never decided one. */
    Map<StatementRef, Integer> matchedOnly() {
        return matchedOnly;
    }

    void print(PrintWriter out) {
        out.printf("coverage: of %d statements of the configuration's policies, %d decided at least one test, "
                + "%d never matched any%n", own, ownDecided, never.size());
        decided.forEach((s, n) -> line(out, "decided", s, n + (n == 1 ? " test" : " tests")));
        matchedOnly.forEach((s, n) -> line(out, "matched", s, "matched " + n + (n == 1 ? " test" : " tests")
                + ", decided none"));
        never.forEach(s -> line(out, "never", s, "matched no test"));
    }

    private static void line(PrintWriter out, String what, StatementRef s, String how) {
        out.printf("  %-9s %-40s %s policy, %s, %s%n", what, Expectation.label(s), s.source().label(),
                s.effect().label(), how);
    }
}
