package io.camgate.cli;

import io.camgate.authz.Need;
import io.camgate.identity.Principal;
import io.camgate.policy.ConditionContext;
import java.util.List;

/**
 * One named test of a {@code camgate test} file, resolved against the directory: the request
 * as the engine sees it and what the author expects.
 *
 * @param file        the test file
 * @param pointer     JSON pointer of the test in its file
 * @param name        the test's name
 * @param principal   the caller
 * @param needs       the actions and resources the request needs
 * @param context     the condition context
 * @param expectation the expected decision
 */
record PolicyTest(String file, String pointer, String name, Principal principal, List<Need> needs,
        ConditionContext context, Expectation expectation) {
}
