package io.camgate.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.camgate.authz.Need;
import io.camgate.identity.Directory;
import io.camgate.identity.Principal;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.ResourceName;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One question for {@code camgate explain} or {@code POST /v1/authorize}: who, which action on which resource, with which
 * condition context. The context is exactly what is given: a key not given is missing,
 * {@code qcs:current_time} included, so that answers are reproducible.
 *
 * @param principal the caller
 * @param need      the action and resource
 * @param context   the condition context
 */
public record DecisionQuery(Principal principal, Need need, ConditionContext context) {
    /**
     * Builds a query from its parts.
     *
     * @throws IllegalArgumentException when the principal is unknown or the resource malformed
     */
    public static DecisionQuery of(Directory directory, String principal, String action, String resource,
            ConditionContext context) {
        if (action == null || action.isBlank()) {
            throw new IllegalArgumentException("\"action\" is required");
        }
        if (resource == null) {
            throw new IllegalArgumentException("\"resource\" is required");
        }
        ResourceName name = ResourceName.parse(resource);
        if (name == null) {
            throw new IllegalArgumentException("resource \"" + resource
                    + "\" is neither * nor qcs:project:service:region:account:resource");
        }
        return new DecisionQuery(principal(directory, principal), new Need(action, name), context);
    }

    private static Principal principal(Directory directory, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("\"principal\" is required: a uin or \"anonymous\"");
        }
        if (text.equals("anonymous")) {
            return Principal.ANONYMOUS;
        }
        return directory.principal(text).orElseThrow(
                () -> new IllegalArgumentException("unknown principal \"" + text + "\": no root account or "
                        + "sub-user has this uin"));
    }

    /** Reads a batch line: {@code {"principal":..., "action":..., "resource":..., "context":{...}}}. */
    public static DecisionQuery fromJson(Directory directory, JsonNode line) {
        if (line == null || !line.isObject()) {
            throw new IllegalArgumentException("each line is a JSON object");
        }
        for (Iterator<String> names = line.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!List.of("principal", "action", "resource", "context").contains(name)) {
                throw new IllegalArgumentException("unknown field \"" + name + "\"");
            }
        }
        return of(directory, text(line, "principal"), text(line, "action"), text(line, "resource"),
                context(line.get("context")));
    }

    private static String text(JsonNode line, String field) {
        JsonNode v = line.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\" is a string");
        }
        return v.asText();
    }

    /**
     * Reads a condition context: an object of keys to a value or a list of values (absent or
     * null is the empty context).
     *
     * @throws IllegalArgumentException with the reason when it is not one
     */
    public static ConditionContext context(JsonNode node) {
        ConditionContext.Builder b = ConditionContext.builder();
        if (node == null || node.isNull()) {
            return b.build();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("\"context\" is an object of keys to a value or a list of values");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isArray()) {
                b.addAll(e.getKey(), List.of());
                for (JsonNode item : v) {
                    b.add(e.getKey(), scalar(e.getKey(), item));
                }
            } else {
                b.add(e.getKey(), scalar(e.getKey(), v));
            }
        }
        return b.build();
    }

    private static String scalar(String key, JsonNode v) {
        if (!v.isValueNode() || v.isNull()) {
            throw new IllegalArgumentException("context value of \"" + key + "\" is a string, number or boolean");
        }
        return v.asText();
    }
}
