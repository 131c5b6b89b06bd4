package io.camgate.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.camgate.policy.PolicyFields.Collector;
import io.camgate.policy.PolicyFields.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a CAM policy document from JSON and validates it, collecting every problem with
 * the file, the JSON pointer and the reason. A document with any problem is rejected whole:
 * {@link #parse} either returns a complete {@link PolicyDocument} or throws.
 *
 * <p>Element names are case-insensitive ({@code Statement} and {@code statement} both work,
 * both at once is an error) and a single value may be written without {@code []}. Unknown
 * elements are errors rather than ignored, because a misspelt {@code condition} silently
 * dropped would widen what a statement grants.
 */
public final class PolicyParser {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final Set<String> DOCUMENT_ELEMENTS = Set.of("version", "statement", "principal");
    private static final Set<String> STATEMENT_ELEMENTS =
            Set.of("effect", "action", "resource", "condition", "principal");

    private PolicyParser() {
    }

    /**
     * Parses and validates one document.
     *
     * @param file the source name used in problems
     * @param name the policy name the document will carry
     * @param kind user or bucket policy
     * @param text the JSON text
     * @throws PolicyException with every problem found
     */
    public static PolicyDocument parse(String file, String name, PolicyKind kind, String text)
            throws PolicyException {
        return parse(file, name, kind, text, null);
    }

    /**
     * Parses and validates one document, also requiring every {@code permid/<id>} it uses to
     * be one of {@code featureSets}.
     *
     * @param featureSets the defined feature-set keys ({@link ActionPattern#featureSetKey}), or
     *                    null to accept any
     * @throws PolicyException with every problem found
     */
    public static PolicyDocument parse(String file, String name, PolicyKind kind, String text,
            Set<String> featureSets) throws PolicyException {
        Collector problems = new Collector(file, featureSets);
        checkSize(kind, text, problems);
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            problems.add("", "not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")"));
            throw problems.exception();
        } catch (NumberFormatException e) {
            // Jackson reads floats as BigDecimal and lets BigDecimal's refusal of a huge exponent through.
            problems.add("", "not valid JSON: " + e.getMessage());
            throw problems.exception();
        }
        if (root == null || !root.isObject()) {
            problems.add("", "a policy document is a JSON object");
            throw problems.exception();
        }
        Map<String, Field> fields = PolicyFields.elements(root, "", DOCUMENT_ELEMENTS, problems);
        checkVersion(fields.get("version"), problems);
        Field documentPrincipal = fields.get("principal");
        if (documentPrincipal != null && kind == PolicyKind.USER) {
            problems.add(documentPrincipal.pointer(), "a user policy has no principal; principals belong in bucket policies");
        }
        List<PrincipalPattern> defaultPrincipals = documentPrincipal == null || kind == PolicyKind.USER
                ? List.of()
                : principals(documentPrincipal, problems);
        List<Statement> statements = statements(fields.get("statement"), kind, defaultPrincipals, problems);
        if (!problems.isEmpty()) {
            throw problems.exception();
        }
        return new PolicyDocument(name, kind, List.copyOf(statements));
    }

    private static void checkSize(PolicyKind kind, String text, Collector problems) {
        if (kind == PolicyKind.USER) {
            long chars = text.codePoints().filter(c -> !Character.isWhitespace(c)).count();
            if (chars > kind.sizeLimit()) {
                problems.add("", "the document has " + chars + " characters without white space; a user policy "
                        + "may have at most " + kind.sizeLimit());
            }
        } else {
            int bytes = text.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > kind.sizeLimit()) {
                problems.add("", "the document is " + bytes + " bytes; a bucket policy may be at most "
                        + kind.sizeLimit() + " bytes (20 KB)");
            }
        }
    }

    private static void checkVersion(Field version, Collector problems) {
        if (version == null) {
            problems.add("", "missing \"version\"; the only version is \"2.0\"");
        } else if (!version.node().isTextual() || !version.node().asText().equals("2.0")) {
            problems.add(version.pointer(), "version must be \"2.0\", not " + version.node());
        }
    }

    private static List<Statement> statements(Field field, PolicyKind kind, List<PrincipalPattern> defaultPrincipals,
            Collector problems) {
        if (field == null) {
            problems.add("", "missing \"statement\"");
            return List.of();
        }
        List<Field> items = PolicyFields.oneOrMany(field, problems);
        if (items.isEmpty() && field.node().isArray()) {
            problems.add(field.pointer(), "\"statement\" has no statements");
        }
        List<Statement> out = new ArrayList<>();
        for (Field item : items) {
            if (!item.node().isObject()) {
                problems.add(item.pointer(), "a statement is a JSON object");
                continue;
            }
            Statement s = statement(item, out.size(), kind, defaultPrincipals, problems);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    private static Statement statement(Field item, int index, PolicyKind kind, List<PrincipalPattern> defaults,
            Collector problems) {
        int before = problems.size();
        Map<String, Field> f = PolicyFields.elements(item.node(), item.pointer(), STATEMENT_ELEMENTS, problems);
        Effect effect = null;
        Field effectField = f.get("effect");
        if (effectField == null) {
            problems.add(item.pointer(), "missing \"effect\"");
        } else if (!effectField.node().isTextual() || Effect.parse(effectField.node().asText()).isEmpty()) {
            problems.add(effectField.pointer(), "effect must be \"allow\" or \"deny\", not " + effectField.node());
        } else {
            effect = Effect.parse(effectField.node().asText()).orElseThrow();
        }
        List<ActionPattern> actions = required(f, "action", item.pointer(), problems, problems::action);
        List<ResourcePattern> resources = required(f, "resource", item.pointer(), problems, ResourcePattern::parse);
        Field conditionField = f.get("condition");
        List<ConditionClause> conditions = conditionField == null
                ? List.of()
                : ConditionReader.conditions(conditionField, problems);
        List<PrincipalPattern> principals = List.of();
        Field principalField = f.get("principal");
        if (kind == PolicyKind.USER) {
            if (principalField != null) {
                problems.add(principalField.pointer(),
                        "a user policy has no principal; principals belong in bucket policies");
            }
        } else if (principalField != null) {
            principals = principals(principalField, problems);
        } else if (defaults.isEmpty()) {
            problems.add(item.pointer(), "a bucket-policy statement needs a \"principal\" (on the statement or the document)");
        } else {
            principals = defaults;
        }
        if (problems.size() > before) {
            return null;
        }
        return new Statement(index, effect, actions, resources, conditions, principals);
    }

    /** Parses one element that must be a non-empty string or array of strings. */
    private static <T> List<T> required(Map<String, Field> f, String element, String at, Collector problems,
            Function<String, T> reader) {
        Field field = f.get(element);
        if (field == null) {
            problems.add(at, "missing \"" + element + "\"");
            return List.of();
        }
        List<Field> items = PolicyFields.oneOrMany(field, problems);
        if (items.isEmpty()) {
            problems.add(field.pointer(), "\"" + element + "\" is empty");
        }
        List<T> out = new ArrayList<>();
        for (Field item : items) {
            if (!item.node().isTextual()) {
                problems.add(item.pointer(), "each " + element + " is a string, not " + item.node());
                continue;
            }
            try {
                out.add(reader.apply(item.node().asText()));
            } catch (IllegalArgumentException e) {
                problems.add(item.pointer(), e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    private static List<PrincipalPattern> principals(Field field, Collector problems) {
        List<Field> names;
        if (field.node().isTextual()) {
            names = List.of(field);
        } else if (field.node().isObject()) {
            names = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> it = field.node().fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                Field sub = new Field(e.getValue(), field.pointer() + "/" + PolicyProblem.pointerToken(e.getKey()));
                if (!e.getKey().equalsIgnoreCase("qcs")) {
                    problems.add(sub.pointer(), "only \"qcs\" principals are supported, not \"" + e.getKey() + "\"");
                    continue;
                }
                names.addAll(PolicyFields.oneOrMany(sub, problems));
            }
        } else {
            problems.add(field.pointer(), "principal is \"*\" or {\"qcs\": [...]}");
            return List.of();
        }
        if (names.isEmpty()) {
            problems.add(field.pointer(), "principal names no one");
        }
        List<PrincipalPattern> out = new ArrayList<>();
        for (Field n : names) {
            if (!n.node().isTextual()) {
                problems.add(n.pointer(), "a principal is a string, not " + n.node());
                continue;
            }
            try {
                out.add(PrincipalPattern.parse(n.node().asText()));
            } catch (IllegalArgumentException e) {
                problems.add(n.pointer(), e.getMessage());
            }
        }
        return List.copyOf(out);
    }
}
