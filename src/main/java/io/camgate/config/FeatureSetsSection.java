package io.camgate.config;

import io.camgate.policy.ActionPattern;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code featureSets} section of {@code accounts.yaml}: each {@code permid/<id>} and the
 * actions it stands for. Feature sets do not nest.
 */
final class FeatureSetsSection {
    private FeatureSetsSection() {
    }

    /** The feature sets at {@code node}, by id; problems are reported and the faulty sets left out. */
    static Map<String, List<ActionPattern>> read(YamlNode node) {
        Map<String, List<ActionPattern>> out = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : node.entries()) {
            ActionPattern key;
            try {
                key = ActionPattern.parse(e.getKey());
            } catch (IllegalArgumentException ex) {
                e.getValue().problem(ex.getMessage());
                continue;
            }
            if (!key.isFeatureSet()) {
                e.getValue().problem("a feature set is named permid/<id>, not \"" + e.getKey() + "\"");
                continue;
            }
            List<ActionPattern> actions = new ArrayList<>();
            List<YamlNode> items = e.getValue().items();
            if (items.isEmpty()) {
                e.getValue().problem("a feature set lists at least one action");
            }
            for (YamlNode item : items) {
                String text = item.text(true);
                if (text == null) {
                    continue;
                }
                try {
                    ActionPattern a = ActionPattern.parse(text);
                    if (a.isFeatureSet()) {
                        item.problem("feature sets do not nest");
                    } else {
                        actions.add(a);
                    }
                } catch (IllegalArgumentException ex) {
                    item.problem(ex.getMessage());
                }
            }
            if (out.putIfAbsent(key.featureSet(), List.copyOf(actions)) != null) {
                e.getValue().problem("feature set " + key.featureSet() + " is given twice");
            }
        }
        return out;
    }
}
