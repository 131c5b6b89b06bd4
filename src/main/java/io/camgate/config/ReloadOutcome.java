package io.camgate.config;

import io.camgate.policy.PolicyProblem;
import java.util.List;

/**
 * What one reload did.
 *
 * @param published  whether a new snapshot was made current
 * @param generation the current generation afterwards
 * @param problems   why the directory was rejected; empty when published
 */
public record ReloadOutcome(boolean published, long generation, List<PolicyProblem> problems) {
}
