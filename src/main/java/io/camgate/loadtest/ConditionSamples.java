package io.camgate.loadtest;

import io.camgate.policy.ConditionClause;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.Outcome;
import io.camgate.policy.PolicyVariables;
import io.camgate.policy.Statement;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Condition contexts that make a statement's conditions hold, and for each clause one that
 * makes exactly that clause fail. Candidate values are drawn from the listed values and their
 * neighbours, then checked against the clause itself, so a sample says what it claims
 * whatever the operator. An empty value list stands for a missing key.
 */
final class ConditionSamples {
    private static final String[] FAR_DATES = {"2000-01-01T00:00:00Z", "2099-12-31T23:59:59Z"};
    private static final String[] OTHER_IPS = {"198.51.100.7", "203.0.113.9", "2001:db8::7"};

    private ConditionSamples() {
    }

    /**
     * The contexts to try for {@code statement} on top of {@code base}: first one where every
     * clause holds (when one is found), then one per clause where that clause fails.
     */
    static List<ConditionContext> contexts(Statement statement, PolicyVariables vars,
            Map<String, List<String>> base, Random random) {
        List<ConditionContext> out = new ArrayList<>();
        if (statement.conditions().isEmpty()) {
            out.add(build(base));
            return out;
        }
        Map<String, List<String>> holding = new LinkedHashMap<>(base);
        for (ConditionClause clause : statement.conditions()) {
            List<String> v = pick(clause, vars, random, true);
            if (v != null) {
                holding.put(clause.key(), v);
            }
        }
        ConditionContext all = build(holding);
        if (statement.conditionsHold(all, vars) == Outcome.TRUE) {
            out.add(all);
        }
        for (ConditionClause clause : statement.conditions()) {
            List<String> v = pick(clause, vars, random, false);
            if (v != null) {
                Map<String, List<String>> failing = new LinkedHashMap<>(holding);
                failing.put(clause.key(), v);
                out.add(build(failing));
            }
        }
        return out;
    }

    /** A value list that makes {@code clause} hold (or fail), or null when no candidate does. */
    static List<String> pick(ConditionClause clause, PolicyVariables vars, Random random, boolean hold) {
        List<List<String>> fitting = new ArrayList<>();
        for (List<String> candidate : candidates(clause, vars)) {
            ConditionContext ctx = ConditionContext.builder().addAll(clause.key(), candidate).build();
            if ((clause.evaluate(ctx, vars) == Outcome.TRUE) == hold) {
                fitting.add(candidate);
            }
        }
        return fitting.isEmpty() ? null : fitting.get(random.nextInt(fitting.size()));
    }

    private static List<List<String>> candidates(ConditionClause clause, PolicyVariables vars) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of());
        String op = clause.operator().label();
        for (String written : clause.values()) {
            String v = vars.substitute(written);
            if (v == null) {
                continue;
            }
            out.add(List.of(v));
            if (op.startsWith("string")) {
                out.add(List.of(v.replace("*", "x")));
                out.add(List.of(v.replace("*", "") + "-other"));
                out.add(List.of("other-" + v.replace("*", "")));
            } else if (op.startsWith("numeric")) {
                try {
                    BigDecimal n = new BigDecimal(v.trim());
                    out.add(List.of(n.add(BigDecimal.ONE).toPlainString()));
                    out.add(List.of(n.subtract(BigDecimal.ONE).toPlainString()));
                } catch (NumberFormatException e) {
                    // a listed value the operator reads differently; the others still serve
                }
            } else if (op.startsWith("ip")) {
                int slash = v.indexOf('/');
                out.add(List.of(slash < 0 ? v : v.substring(0, slash)));
            }
        }
        if (op.startsWith("date")) {
            for (String d : FAR_DATES) {
                out.add(List.of(d));
            }
        } else if (op.startsWith("ip")) {
            for (String ip : OTHER_IPS) {
                out.add(List.of(ip));
            }
        } else if (op.startsWith("bool")) {
            out.add(List.of("true"));
            out.add(List.of("false"));
        } else {
            out.add(List.of("0"));
            out.add(List.of("other"));
        }
        return out;
    }

    /** The context of {@code values}; an empty list leaves its key missing. */
    static ConditionContext build(Map<String, List<String>> values) {
        ConditionContext.Builder b = ConditionContext.builder();
        values.forEach((k, v) -> {
            if (!v.isEmpty()) {
                b.addAll(k, v);
            }
        });
        return b.build();
    }
}
