package io.camgate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.camgate.policy.PolicyFields.Collector;
import io.camgate.policy.PolicyFields.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads a statement's {@code condition} element for {@link PolicyParser}: operators, keys and their values. */
final class ConditionReader {
    private static final String IF_EXIST = "_if_exist";

    private ConditionReader() {
    }

    static List<ConditionClause> conditions(Field field, Collector problems) {
        if (!field.node().isObject()) {
            problems.add(field.pointer(), "condition is an object of operators");
            return List.of();
        }
        List<ConditionClause> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> ops = field.node().fields();
        while (ops.hasNext()) {
            Map.Entry<String, JsonNode> op = ops.next();
            String opPointer = field.pointer() + "/" + PolicyProblem.pointerToken(op.getKey());
            OperatorName name = OperatorName.read(op.getKey());
            if (name.problem != null) {
                problems.add(opPointer, name.problem);
                continue;
            }
            if (!op.getValue().isObject() || op.getValue().isEmpty()) {
                problems.add(opPointer, "an operator holds an object of condition keys and their values");
                continue;
            }
            Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields();
            while (keys.hasNext()) {
                Map.Entry<String, JsonNode> key = keys.next();
                ConditionClause clause = clause(name, key.getKey(),
                        new Field(key.getValue(), opPointer + "/" + PolicyProblem.pointerToken(key.getKey())), problems);
                if (clause != null) {
                    out.add(clause);
                }
            }
        }
        return List.copyOf(out);
    }

    private static ConditionClause clause(OperatorName name, String key, Field valuesField, Collector problems) {
        if (key.isBlank()) {
            problems.add(valuesField.pointer(), "a condition key is empty");
            return null;
        }
        List<Field> items = PolicyFields.oneOrMany(valuesField, problems);
        if (items.isEmpty()) {
            problems.add(valuesField.pointer(), "a condition key needs at least one value");
            return null;
        }
        int before = problems.size();
        List<String> values = new ArrayList<>();
        List<Object> compiled = new ArrayList<>();
        for (Field item : items) {
            JsonNode v = item.node();
            if (!(v.isTextual() || v.isNumber() || v.isBoolean())) {
                problems.add(item.pointer(), "a condition value is a string, number or boolean, not " + v);
                continue;
            }
            String text = v.asText();
            if (text.contains("${")) {
                if (PolicyVariables.hasUnknownVariable(text)) {
                    problems.add(item.pointer(), "unknown policy variable; known: " + PolicyVariables.NAMES);
                } else if (!name.operator.takesStrings()) {
                    problems.add(item.pointer(), "policy variables may stand only in string conditions");
                }
                values.add(text);
                compiled.add(null);
                continue;
            }
            try {
                compiled.add(name.operator.compile(text));
                values.add(text);
            } catch (IllegalArgumentException e) {
                problems.add(item.pointer(), e.getMessage() + " (operator " + name.operator.label() + ")");
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new ConditionClause(name.operator, name.qualifier, name.ifExists, key.toLowerCase(Locale.ROOT),
                List.copyOf(values), Collections.unmodifiableList(compiled));
    }

    /** An operator name split into qualifier, operator and the {@code _if_exist} suffix. */
    private record OperatorName(ConditionOperator operator, Qualifier qualifier, boolean ifExists, String problem) {
        static OperatorName read(String written) {
            String rest = written.toLowerCase(Locale.ROOT);
            Qualifier qualifier = Qualifier.NONE;
            for (Qualifier q : Qualifier.values()) {
                if (q != Qualifier.NONE && rest.startsWith(q.prefix())) {
                    qualifier = q;
                    rest = rest.substring(q.prefix().length());
                    break;
                }
            }
            boolean ifExists = rest.endsWith(IF_EXIST);
            if (ifExists) {
                rest = rest.substring(0, rest.length() - IF_EXIST.length());
            }
            ConditionOperator op = ConditionOperator.byLabel(rest).orElse(null);
            if (op == null) {
                return new OperatorName(null, qualifier, ifExists, "unknown condition operator \"" + written + "\"");
            }
            if (op.isNullTest() && (ifExists || qualifier != Qualifier.NONE)) {
                return new OperatorName(op, qualifier, ifExists,
                        "null_equal takes neither _if_exist nor a for_any_value/for_all_value qualifier");
            }
            return new OperatorName(op, qualifier, ifExists, null);
        }
    }
}
