package io.camgate.cli;

import io.camgate.authz.Decision;
import io.camgate.authz.PolicyEngine;
import io.camgate.authz.StatementRef;
import java.util.List;
import java.util.Set;

/**
 * How one test came out.
 *
 * @param test     the test
 * @param actual   the engine's decision
 * @param failures what the decision got wrong; empty when the test passed
 * @param matched  every statement that matched the request, deciding or not
 */
record TestOutcome(PolicyTest test, Decision actual, List<String> failures, Set<StatementRef> matched) {
    /** Decides {@code test} with the engine {@code explain} uses, and notes what matched. */
    static TestOutcome run(PolicyTest test, PolicyEngine engine, MatchedStatements matches) {
        Decision d = engine.decideAll(test.principal(), test.needs(), test.context());
        return new TestOutcome(test, d, test.expectation().mismatches(d), matches.of(test));
    }

    boolean passed() {
        return failures.isEmpty();
    }
}
