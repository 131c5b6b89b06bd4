package io.camgate.cli;

import io.camgate.authz.Decision;
import io.camgate.authz.Reason;
import io.camgate.authz.StatementRef;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What a test expects: the decision, and optionally the reason and the deciding statements
 * (written {@code policy#index}, the policy name or, for a bucket policy, the bucket's name).
 *
 * @param allow      whether the request should be allowed
 * @param reason     the expected reason, or null when any will do
 * @param statements the expected deciding statements, or null when any will do
 */
record Expectation(boolean allow, Reason reason, List<String> statements) {
    /** How {@code ref} is written in test files and output: {@code deny-secret#0}. */
    static String label(StatementRef ref) {
        return ref.policy() + "#" + ref.index();
    }

    /** The deciding statements of {@code d} with their effects, for output. */
    static String describe(Decision d) {
        if (d.statements().isEmpty()) {
            return "none";
        }
        List<String> out = new ArrayList<>();
        for (StatementRef s : d.statements()) {
            out.add(label(s) + " (" + (s.source().label()) + " policy, " + s.effect().label() + ")");
        }
        return String.join(", ", out);
    }

    /** How the decision reads in output: {@code deny (explicit_deny)}. */
    static String verdict(boolean allow, Reason reason) {
        return (allow ? "allow" : "deny") + (reason == null ? "" : " (" + reason.label() + ")");
    }

    /** What {@code actual} gets wrong against this expectation; empty when the test passes. */
    List<String> mismatches(Decision actual) {
        List<String> out = new ArrayList<>();
        if (actual.allowed() != allow || reason != null && actual.reason() != reason) {
            out.add("expected " + verdict(allow, reason) + ", got " + verdict(actual.allowed(), actual.reason()));
        }
        if (statements != null) {
            TreeSet<String> got = new TreeSet<>();
            actual.statements().forEach(s -> got.add(label(s)));
            if (!got.equals(new TreeSet<>(statements))) {
                out.add("expected deciding statements " + (statements.isEmpty() ? "none" : String.join(", ",
                        new TreeSet<>(statements))) + ", got " + (got.isEmpty() ? "none" : String.join(", ", got)));
            }
        }
        return out;
    }
}
