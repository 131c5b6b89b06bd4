package io.camgate.cli;

import io.camgate.authz.Decision;
import io.camgate.authz.PolicyEngine;
import java.util.List;

/**
 * How one test came out.
 *
 * @param test     the test
 * @param actual   the engine's decision
 * @param failures what the decision got wrong; empty when the test passed
 */
record TestOutcome(PolicyTest test, Decision actual, List<String> failures) {
    /** Decides {@code test} with the engine {@code explain} uses. */
    static TestOutcome run(PolicyTest test, PolicyEngine engine) {
        Decision d = engine.decideAll(test.principal(), test.needs(), test.context());
        return new TestOutcome(test, d, test.expectation().mismatches(d));
    }

    boolean passed() {
        return failures.isEmpty();
    }
}
