package io.camgate.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Action parameters sent as flat names, as the API's form and query requests carry them:
 * {@code PolicyId.0=7} is the list {@code {"PolicyId": ["7"]}}, {@code Info.0.GroupId=3} the list
 * of objects {@code {"Info": [{"GroupId": "3"}]}}. List items are numbered from 0 without gaps.
 * Values stay text; the actions read numbers from text as well.
 */
final class FlatParameters {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FlatParameters() {
    }

    /** The JSON object the flat {@code parameters} stand for. */
    static ObjectNode toJson(Map<String, String> parameters) throws CamException {
        ObjectNode root = NODES.objectNode();
        // in list order, so that item n is always placed after items 0 to n-1
        Map<String, String> ordered = new TreeMap<>(FlatParameters::compareNames);
        ordered.putAll(parameters);
        for (Map.Entry<String, String> e : ordered.entrySet()) {
            place(root, e.getKey(), e.getValue());
        }
        return root;
    }

    private static void place(ObjectNode root, String name, String value) throws CamException {
        String[] parts = name.split("\\.", -1);
        JsonNode at = root;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            boolean nextIsIndex = !last && isIndex(parts[i + 1]);
            if (part.isEmpty()) {
                throw bad(name);
            }
            if (at instanceof ObjectNode o && !isIndex(part)) {
                JsonNode child = o.get(part);
                if (last) {
                    if (child != null) {
                        throw bad(name);
                    }
                    o.put(part, value);
                    return;
                }
                if (child == null) {
                    child = nextIsIndex ? o.putArray(part) : o.putObject(part);
                }
                at = child;
            } else if (at instanceof ArrayNode a && isIndex(part)) {
                int index = Integer.parseInt(part);
                if (index > a.size()) {
                    throw bad(name);
                }
                if (last) {
                    if (index < a.size()) {
                        throw bad(name);
                    }
                    a.add(value);
                    return;
                }
                if (index == a.size()) {
                    if (nextIsIndex) {
                        a.addArray();
                    } else {
                        a.addObject();
                    }
                }
                at = a.get(index);
            } else {
                throw bad(name);
            }
        }
    }

    /** Names part by part; list indexes by number, so that {@code 2} comes before {@code 10}. */
    private static int compareNames(String a, String b) {
        String[] x = a.split("\\.", -1);
        String[] y = b.split("\\.", -1);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = isIndex(x[i]) && isIndex(y[i]) ? Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]))
                    : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static boolean isIndex(String part) {
        if (part.isEmpty() || part.length() > 4) {
            return false;
        }
        for (int i = 0; i < part.length(); i++) {
            if (part.charAt(i) < '0' || part.charAt(i) > '9') {
                return false;
            }
        }
        return part.length() == 1 || part.charAt(0) != '0';
    }

    private static CamException bad(String name) {
        return new CamException(CamError.PARAM_ERROR, "parameter " + name
                + " does not fit the others (lists are numbered from 0, each name is given once)");
    }
}
