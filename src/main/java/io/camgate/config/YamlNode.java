package io.camgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.camgate.policy.PolicyProblem;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A node of a YAML (or JSON) tree together with its JSON pointer and file, with readers that
 * report problems instead of throwing, so that one pass over a file finds all of them.
 */
final class YamlNode {
    private final JsonNode node;
    private final String pointer;
    private final String file;
    private final List<PolicyProblem> problems;

    YamlNode(JsonNode node, String pointer, String file, List<PolicyProblem> problems) {
        this.node = node;
        this.pointer = pointer;
        this.file = file;
        this.problems = problems;
    }

    String pointer() {
        return pointer;
    }

    void problem(String reason) {
        problems.add(new PolicyProblem(file, pointer, reason));
    }

    /** How many problems the file has so far, to tell whether reading a part added any. */
    int problemCount() {
        return problems.size();
    }

    /** Reports every field not in {@code known}; true when this is an object. */
    boolean expectObject(Set<String> known) {
        if (node == null || !node.isObject()) {
            problem("expected a mapping with fields " + known);
            return false;
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                child(name).problem("unknown field \"" + name + "\"; expected one of " + known);
            }
        }
        return true;
    }

    YamlNode child(String name) {
        return new YamlNode(node == null ? null : node.get(name), pointer + "/" + PolicyProblem.pointerToken(name), file, problems);
    }

    /** Whether this node is given at all (absent and {@code null} are not). */
    boolean present() {
        return node != null && !node.isNull();
    }

    boolean has(String name) {
        return node != null && node.has(name) && !node.get(name).isNull();
    }

    /** The items of a sequence; an absent field is an empty sequence. */
    List<YamlNode> items() {
        List<YamlNode> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            problem("expected a list");
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            out.add(new YamlNode(node.get(i), pointer + "/" + i, file, problems));
        }
        return out;
    }

    /** The entries of a mapping; an absent field is empty. */
    List<Map.Entry<String, YamlNode>> entries() {
        List<Map.Entry<String, YamlNode>> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            problem("expected a mapping");
            return out;
        }
        node.fieldNames().forEachRemaining(n -> out.add(Map.entry(n, child(n))));
        return out;
    }

    /** A scalar as text (numbers too, since YAML reads an unquoted uin as a number); null and a problem when absent. */
    String text(boolean required) {
        if (node == null || node.isNull()) {
            if (required) {
                problem("missing");
            }
            return null;
        }
        if (!node.isValueNode()) {
            problem("expected a single value");
            return null;
        }
        String t = node.asText();
        if (required && t.isBlank()) {
            problem("must not be empty");
            return null;
        }
        return t;
    }

    /** A required string of decimal digits, such as a uin or APPID. */
    String digits() {
        String t = text(true);
        if (t != null && !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            problem("must be decimal digits, not \"" + t + "\"");
            return null;
        }
        return t;
    }

    /** A list of strings; an absent field is empty. */
    List<String> strings() {
        List<String> out = new ArrayList<>();
        for (YamlNode item : items()) {
            String t = item.text(true);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    /** Whether the field is missing or null. */
    boolean isAbsent() {
        return node == null || node.isNull();
    }

    /** A whole number in {@code [min, max]}; {@code fallback} when absent, with a problem when malformed. */
    int integer(int fallback, int min, int max) {
        String t = text(false);
        if (t == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(t.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problem("expected a whole number from " + min + " to " + max + ", not \"" + t + "\"");
        return fallback;
    }

    /** {@code true} or {@code false}; {@code fallback} when absent, with a problem when anything else. */
    boolean bool(boolean fallback) {
        if (isAbsent()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            problem("expected true or false, not \"" + node.asText() + "\"");
            return fallback;
        }
        return node.booleanValue();
    }

    /** A positive whole rate, 0 when absent, -1 after reporting a bad one. */
    long rate() {
        String text = text(false);
        if (text == null) {
            return 0;
        }
        try {
            long value = Long.parseLong(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problem("a rate is a positive whole number, not \"" + text + "\"");
        return -1;
    }
}
