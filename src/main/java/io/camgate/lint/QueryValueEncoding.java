package io.camgate.lint;

import com.fasterxml.jackson.databind.JsonNode;
import io.camgate.cos.ConditionKeys;
import io.camgate.cos.PercentCodec;
import io.camgate.policy.PolicyProblem;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Values of condition keys that come from the query string, written unencoded. COS compares
 * them percent-encoded (reference §4.2): a deny on {@code cos:prefix} {@code secret/*} never
 * matches, since the request's prefix reads {@code secret%2F...}; {@code secret%2F*} does.
 * Only RFC 3986 unreserved characters stand for themselves; {@code *} is kept as the glob of
 * the {@code _like} operators, and {@code %XX} is taken as already encoded.
 */
final class QueryValueEncoding {
    private static final List<String> QUERY_KEYS = List.of(ConditionKeys.PREFIX, ConditionKeys.RESPONSE_CONTENT_TYPE,
            ConditionKeys.VERSION_ID);

    void check(LintedDocument doc, Consumer<Finding> out) {
        JsonNode statements = doc.statements();
        for (int i = 0; i < statements.size(); i++) {
            JsonNode statement = statements.get(i);
            String field = LintedDocument.fieldName(statement, "condition");
            if (field == null || !statement.get(field).isObject()) {
                continue;
            }
            String at = "/" + PolicyProblem.pointerToken(LintedDocument.fieldName(doc.json(), "statement")) + "/" + i
                    + "/" + PolicyProblem.pointerToken(field);
            for (Iterator<Map.Entry<String, JsonNode>> ops = statement.get(field).fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                boolean like = op.getKey().toLowerCase(Locale.ROOT).contains("_like");
                for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields(); keys.hasNext();) {
                    Map.Entry<String, JsonNode> key = keys.next();
                    if (!QUERY_KEYS.contains(key.getKey().toLowerCase(Locale.ROOT))) {
                        continue;
                    }
                    String keyAt = at + "/" + PolicyProblem.pointerToken(op.getKey()) + "/"
                            + PolicyProblem.pointerToken(key.getKey());
                    JsonNode values = key.getValue();
                    for (int v = 0; v < (values.isArray() ? values.size() : 1); v++) {
                        String value = (values.isArray() ? values.get(v) : values).asText();
                        String encoded = value.contains("${") ? value : encode(value, like);
                        if (!encoded.equals(value)) {
                            out.accept(new Finding(doc.file(), values.isArray() ? keyAt + "/" + v : keyAt,
                                    Finding.Kind.UNENCODED_QUERY_VALUE, "COS compares " + key.getKey()
                                            + " URL-encoded, so \"" + value + "\" never matches a request whose value"
                                            + " has the characters it leaves unencoded",
                                    encoded));
                        }
                    }
                }
            }
        }
    }

    /** The value as COS compares it: percent-encoded, keeping {@code *} for like-operators and {@code %XX} as is. */
    static String encode(String value, boolean like) {
        StringBuilder out = new StringBuilder();
        int run = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean escaped = c == '%' && i + 2 < value.length() && hex(value.charAt(i + 1))
                    && hex(value.charAt(i + 2));
            if (escaped || like && c == '*') {
                out.append(PercentCodec.encodeComponent(value.substring(run, i)));
                int end = escaped ? i + 3 : i + 1;
                out.append(value, i, end);
                run = end;
                i = end - 1;
            }
        }
        return out.append(PercentCodec.encodeComponent(value.substring(run))).toString();
    }

    private static boolean hex(char c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f';
    }
}
