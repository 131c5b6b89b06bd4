package io.camgate.policy;

import java.util.List;
import java.util.stream.Collectors;

/** A document (or configuration) was rejected; carries every problem found, not just the first. */
public class PolicyException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<PolicyProblem> problems;

    /** Wraps the problems found; there is at least one. */
    public PolicyException(List<PolicyProblem> problems) {
        super(problems.stream().map(PolicyProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in the order found. */
    public List<PolicyProblem> problems() {
        return problems;
    }
}
