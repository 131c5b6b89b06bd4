package io.camgate.lint;

import com.fasterxml.jackson.databind.JsonNode;
import io.camgate.policy.PolicyDocument;
import io.camgate.policy.PolicyKind;
import io.camgate.policy.PolicyProblem;
import io.camgate.policy.Statement;
import java.util.Iterator;
import java.util.Locale;

/**
 * A policy document as loaded together with its file and JSON tree, so that findings about the
 * model can point at the element as written ({@code Statement} or {@code statement}, a list or
 * a single string).
 *
 * @param file     the file it was read from
 * @param text     the file's text
 * @param json     the file's JSON tree
 * @param document the loaded document
 */
record LintedDocument(String file, String text, JsonNode json, PolicyDocument document) {
    /** The field of {@code node} named {@code name} in any case, or null. */
    static String fieldName(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return null;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (f.toLowerCase(Locale.ROOT).equals(name)) {
                return f;
            }
        }
        return null;
    }

    /** The statement list as written, or a missing node. */
    JsonNode statements() {
        String f = fieldName(json, "statement");
        return f == null ? json.path("statement") : json.get(f);
    }

    /** The pointer of the statement at {@code index}. */
    String pointer(Statement s) {
        String f = fieldName(json, "statement");
        return "/" + PolicyProblem.pointerToken(f == null ? "statement" : f) + "/" + s.index();
    }

    /** The pointer of item {@code item} of the statement's {@code field}, or of the field when it holds one value. */
    String pointer(Statement s, String field, int item) {
        JsonNode statement = statements().path(s.index());
        String f = fieldName(statement, field);
        if (f == null) {
            return pointer(s);
        }
        String at = pointer(s) + "/" + PolicyProblem.pointerToken(f);
        return statement.get(f).isArray() ? at + "/" + item : at;
    }

    /** Whether this is a bucket policy. */
    boolean isBucketPolicy() {
        return document.kind() == PolicyKind.BUCKET;
    }
}
