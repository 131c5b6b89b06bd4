package io.camgate.sign;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The policy document of a POST Object form: its exact JSON text (whose SHA-1 is what the form
 * signs), its expiration and its conditions. Conditions are exact matches ({@code {"k": v}} or
 * {@code ["eq", "$k", v]}), prefixes ({@code ["starts-with", "$k", prefix]}) and
 * {@code ["content-length-range", min, max]}. {@code bucket} and {@code key} are compared with
 * the bucket and key the request is authorized for; every other field a condition names must be
 * in the form.
 */
final class PostPolicy {
    /** Largest policy accepted, decoded. */
    private static final int MAX_JSON_BYTES = 20 * 1024;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** One condition of the policy. */
    private sealed interface Condition {
    }

    private record Exact(String field, String value) implements Condition {
    }

    private record StartsWith(String field, String prefix) implements Condition {
    }

    private record LengthRange(long min, long max) implements Condition {
    }

    private final byte[] json;
    private final Instant expiration;
    private final List<Condition> conditions;

    private PostPolicy(byte[] json, Instant expiration, List<Condition> conditions) {
        this.json = json;
        this.expiration = expiration;
        this.conditions = conditions;
    }

    /** The decoded JSON text, exactly as signed. */
    byte[] json() {
        return json;
    }

    /** Decodes the form's base64 {@code policy} field and reads the document. */
    static PostPolicy decode(String base64) throws AuthenticationException {
        byte[] json;
        try {
            json = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw invalid("policy is not base64");
        }
        if (json.length > MAX_JSON_BYTES) {
            throw invalid("policy is too long");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw invalid("policy is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw invalid("policy is not a JSON object");
        }
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("expiration") && !name.equals("conditions")) {
                throw invalid("unknown element " + name);
            }
        }
        return new PostPolicy(json, expiration(root.get("expiration")), conditions(root.get("conditions")));
    }

    private static Instant expiration(JsonNode node) throws AuthenticationException {
        if (node == null || !node.isTextual()) {
            throw invalid("expiration is missing");
        }
        try {
            return OffsetDateTime.parse(node.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid("expiration is not an ISO 8601 date-time");
        }
    }

    private static List<Condition> conditions(JsonNode node) throws AuthenticationException {
        if (node == null || !node.isArray()) {
            throw invalid("conditions is missing");
        }
        List<Condition> out = new ArrayList<>();
        for (JsonNode c : node) {
            if (c.isObject()) {
                if (c.isEmpty()) {
                    throw invalid("an empty condition");
                }
                for (Map.Entry<String, JsonNode> e : c.properties()) {
                    out.add(new Exact(e.getKey(), text(e.getValue())));
                }
            } else if (c.isArray() && c.size() == 3 && c.get(0).isTextual()) {
                out.add(operator(c));
            } else {
                throw invalid("a condition is neither {k: v} nor [op, a, b]");
            }
        }
        return List.copyOf(out);
    }

    private static Condition operator(JsonNode c) throws AuthenticationException {
        String op = c.get(0).asText().toLowerCase(Locale.ROOT);
        switch (op) {
            case "eq":
                return new Exact(fieldRef(c.get(1)), text(c.get(2)));
            case "starts-with":
                return new StartsWith(fieldRef(c.get(1)), text(c.get(2)));
            case "content-length-range":
                if (!c.get(1).canConvertToLong() || !c.get(2).canConvertToLong() || !c.get(1).isIntegralNumber()
                        || !c.get(2).isIntegralNumber()) {
                    throw invalid("content-length-range takes two integers");
                }
                long min = c.get(1).asLong();
                long max = c.get(2).asLong();
                if (min < 0 || min > max) {
                    throw invalid("content-length-range is empty or negative");
                }
                return new LengthRange(min, max);
            default:
                throw invalid("unknown condition " + op);
        }
    }

    private static String fieldRef(JsonNode node) throws AuthenticationException {
        String text = text(node);
        if (text.length() < 2 || text.charAt(0) != '$') {
            throw invalid("a condition names its field as $field");
        }
        return text.substring(1);
    }

    private static String text(JsonNode node) throws AuthenticationException {
        if (node == null || !node.isTextual()) {
            throw invalid("a condition value is not a string");
        }
        return node.asText();
    }

    /**
     * Checks the expiration and every condition against the form.
     *
     * @param fields the form fields, names case-insensitive
     * @param form   the authorized bucket, key and the file size
     */
    void check(Map<String, String> fields, PostObjectForm form, Instant now) throws AuthenticationException {
        if (now.isAfter(expiration)) {
            throw new AuthenticationException(AuthError.REQUEST_EXPIRED);
        }
        checkKeyField(fields.get("key"), form.key());
        for (Condition c : conditions) {
            if (c instanceof Exact e) {
                if (!e.value().equals(value(e.field(), fields, form))) {
                    throw failed(e.field());
                }
            } else if (c instanceof StartsWith s) {
                if (!value(s.field(), fields, form).startsWith(s.prefix())) {
                    throw failed(s.field());
                }
            } else if (c instanceof LengthRange r) {
                if (form.contentLength() < r.min() || form.contentLength() > r.max()) {
                    throw failed("content-length-range");
                }
            }
        }
    }

    /**
     * The form's {@code key} must be the authorized key, or name it through one
     * {@code ${filename}}, so the form and the request cannot point at different objects.
     */
    private static void checkKeyField(String field, String key) throws AuthenticationException {
        if (field == null) {
            throw new AuthenticationException(AuthError.malformedPost("the form has no key field"));
        }
        int at = field.indexOf("${filename}");
        boolean same = at < 0
                ? field.equals(key)
                : field.indexOf("${filename}", at + 1) < 0
                        && key.length() >= field.length() - "${filename}".length()
                        && key.startsWith(field.substring(0, at))
                        && key.endsWith(field.substring(at + "${filename}".length()));
        if (!same) {
            throw failed("key");
        }
    }

    /** The value a condition is checked against; a field that is absent fails the condition. */
    private static String value(String field, Map<String, String> fields, PostObjectForm form)
            throws AuthenticationException {
        if (field.equalsIgnoreCase("bucket")) {
            return form.bucket();
        }
        if (field.equalsIgnoreCase("key")) {
            return form.key();
        }
        String value = fields.get(field);
        if (value == null && field.equalsIgnoreCase(SignatureFields.SIGN_TIME)) {
            // The form carries its window as q-key-time; COS's own example policy names it q-sign-time.
            value = fields.get(SignatureFields.KEY_TIME);
        }
        if (value == null) {
            throw failed(field);
        }
        return value;
    }

    private static AuthenticationException invalid(String detail) {
        return new AuthenticationException(AuthError.invalidPolicyDocument(detail));
    }

    private static AuthenticationException failed(String field) {
        return new AuthenticationException(AuthError.conditionFailed(field));
    }
}
