package io.camgate.cos;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Splits a raw query at {@code &} and {@code =} and decodes each name and value exactly once.
 * Empty pieces ({@code a&&b}, a trailing {@code &}) carry nothing and are skipped. A name given
 * twice is refused: COS could act on one copy while we authorized the other.
 */
final class QueryParser {
    private QueryParser() {
    }

    static List<QueryParam> parse(String rawQuery) throws ClassificationException {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return List.of();
        }
        int pieces = 1;
        for (int i = rawQuery.indexOf('&'); i >= 0; i = rawQuery.indexOf('&', i + 1)) {
            pieces++;
        }
        List<QueryParam> out = new ArrayList<>(pieces);
        int from = 0;
        while (from <= rawQuery.length()) {
            int amp = rawQuery.indexOf('&', from);
            int end = amp < 0 ? rawQuery.length() : amp;
            if (end > from) {
                int eq = rawQuery.indexOf('=', from);
                int nameEnd = eq < 0 || eq > end ? end : eq;
                if (nameEnd == from) {
                    throw new ClassificationException(CosError.INVALID_URI, "The query has a parameter without a name.");
                }
                String name = PercentCodec.decodeQuery(rawQuery, from, nameEnd);
                String value = nameEnd == end ? "" : PercentCodec.decodeQuery(rawQuery, nameEnd + 1, end);
                for (QueryParam p : out) {
                    if (p.name().equals(name)) {
                        throw new ClassificationException(CosError.INVALID_ARGUMENT,
                                "The query parameter \"" + name + "\" is given more than once.");
                    }
                }
                out.add(new QueryParam(name, value));
            }
            from = end + 1;
        }
        return Collections.unmodifiableList(out);
    }

    /** The value of {@code name} (case-sensitive) in {@code params}, or null. */
    static String find(List<QueryParam> params, String name) {
        for (QueryParam p : params) {
            if (p.name().equals(name)) {
                return p.value();
            }
        }
        return null;
    }
}
