package io.camgate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The JSON walking {@link PolicyParser} shares: nodes with their pointers, and the problems found so far. */
final class PolicyFields {
    private PolicyFields() {
    }

    /** Reads the elements of an object case-insensitively, reporting unknown and repeated ones. */
    static Map<String, Field> elements(JsonNode object, String at, Set<String> known, Collector problems) {
        Map<String, Field> out = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = object.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String pointer = at + "/" + PolicyProblem.pointerToken(e.getKey());
            String lower = e.getKey().toLowerCase(Locale.ROOT);
            if (!known.contains(lower)) {
                problems.add(pointer, "unknown element \"" + e.getKey() + "\"; expected one of " + known);
            } else if (out.containsKey(lower)) {
                problems.add(pointer, "\"" + lower + "\" is given twice (element names ignore letter case)");
            } else {
                out.put(lower, new Field(e.getValue(), pointer));
            }
        }
        return out;
    }

    /** A single value, or each element of an array. */
    static List<Field> oneOrMany(Field field, Collector problems) {
        if (!field.node().isArray()) {
            return List.of(field);
        }
        List<Field> out = new ArrayList<>();
        for (int i = 0; i < field.node().size(); i++) {
            JsonNode item = field.node().get(i);
            if (item.isArray()) {
                problems.add(field.pointer() + "/" + i, "arrays do not nest here");
                continue;
            }
            out.add(new Field(item, field.pointer() + "/" + i));
        }
        return out;
    }

    /** A JSON node with the pointer that reaches it. */
    record Field(JsonNode node, String pointer) {
    }

    /** Problems found so far in one file. */
    static final class Collector {
        private final String file;
        private final Set<String> featureSets;
        private final List<PolicyProblem> problems = new ArrayList<>();

        Collector(String file, Set<String> featureSets) {
            this.file = file;
            this.featureSets = featureSets;
        }

        /** Reads an action, refusing feature sets that are not defined. */
        ActionPattern action(String text) {
            ActionPattern a = ActionPattern.parse(text);
            if (a.isFeatureSet() && featureSets != null && !featureSets.contains(a.featureSet())) {
                throw new IllegalArgumentException("feature set " + a.source() + " is not defined");
            }
            return a;
        }

        void add(String pointer, String reason) {
            problems.add(new PolicyProblem(file, pointer, reason));
        }

        int size() {
            return problems.size();
        }

        boolean isEmpty() {
            return problems.isEmpty();
        }

        PolicyException exception() {
            return new PolicyException(problems);
        }
    }
}
