package io.camgate.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One condition key under one operator, with its listed values:
 * {@code "ip_equal": {"qcs:ip": ["10.0.0.0/8", "192.168.1.1"]}} is one clause.
 *
 * <p>Semantics (DESIGN §3): the key holds when its context value matches any listed value
 * (negated operators: none). A missing key (absent, or with no values) is false, except with
 * {@code _if_exist} (true) and for {@code null_equal} ({@code "true"} holds when missing,
 * {@code "false"} when present). Several context values combine by the {@link Qualifier}.
 * A context value that does not read as the operator's type makes the clause an
 * {@link Outcome#ERROR}.
 *
 * @param operator  the operator
 * @param qualifier how several context values combine
 * @param ifExists  whether the {@code _if_exist} suffix was written
 * @param key       the condition key, in lower case
 * @param values    the listed values as written
 * @param compiled  the listed values read by the operator; null where a value holds a policy
 *                  variable and is read only once the variable is known
 */
public record ConditionClause(ConditionOperator operator, Qualifier qualifier, boolean ifExists, String key,
        List<String> values, List<Object> compiled) {

    /** The operator as written, with qualifier and suffix, e.g. {@code for_any_value:string_equal_if_exist}. */
    public String operatorLabel() {
        return qualifier.prefix() + operator.label() + (ifExists ? "_if_exist" : "");
    }

    /** Evaluates this clause against a request's context. */
    public Outcome evaluate(ConditionContext context, PolicyVariables vars) {
        List<String> actual = context.get(key);
        if (operator.isNullTest()) {
            boolean missing = actual.isEmpty();
            for (Object expected : compiled) {
                if (expected.equals(missing)) {
                    return Outcome.TRUE;
                }
            }
            return Outcome.FALSE;
        }
        if (actual.isEmpty()) {
            return Outcome.of(ifExists);
        }
        List<Object> listed = resolved(vars);
        boolean all = qualifier == Qualifier.FOR_ALL_VALUE;
        boolean result = all;
        for (String value : actual) {
            Outcome one = operator.test(value, listed);
            if (one == Outcome.ERROR) {
                return Outcome.ERROR;
            }
            if (all) {
                result &= one == Outcome.TRUE;
            } else {
                result |= one == Outcome.TRUE;
            }
        }
        return Outcome.of(result);
    }

    /**
     * This clause with the policy variables in its values read for {@code vars}, so that it
     * evaluates like the original with {@code vars} but needs no substitution per request.
     */
    public ConditionClause substituted(PolicyVariables vars) {
        List<Object> resolved = resolved(vars);
        return resolved == compiled ? this : new ConditionClause(operator, qualifier, ifExists, key, values, resolved);
    }

    /** Whether a listed value holds a policy variable; a plain loop, as this runs on every evaluation. */
    private boolean awaitsVariables() {
        for (int i = 0; i < compiled.size(); i++) {
            if (compiled.get(i) == null) {
                return true;
            }
        }
        return false;
    }

    private List<Object> resolved(PolicyVariables vars) {
        if (!awaitsVariables()) {
            return compiled;
        }
        List<Object> out = new ArrayList<>(compiled.size());
        for (int i = 0; i < compiled.size(); i++) {
            Object c = compiled.get(i);
            if (c == null) {
                String text = vars.substitute(values.get(i));
                c = text == null ? null : operator.compile(text);
            }
            out.add(c);
        }
        return Collections.unmodifiableList(out);
    }
}
