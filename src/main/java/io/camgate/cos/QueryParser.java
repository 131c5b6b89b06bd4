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

    /**
     * The parameters of the query {@code target[start, target.length())}: read in place, so the
     * query is not copied out of the request-target first.
     *
     * @param start where the query starts (after its {@code ?}), or -1 when there is none
     */
    static List<QueryParam> parse(String target, int start) throws ClassificationException {
        int length = target.length();
        if (start < 0 || start >= length) {
            return List.of();
        }
        int pieces = 1;
        for (int i = target.indexOf('&', start); i >= 0; i = target.indexOf('&', i + 1)) {
            pieces++;
        }
        List<QueryParam> out = new ArrayList<>(pieces);
        // The previous value as written: a value spelled the same (a COS signature's q-key-time
        // after its q-sign-time) is that value again, not decoded a second time.
        int previousFrom = 0;
        int previousLength = -1;
        String previous = null;
        int from = start;
        while (from <= length) {
            int amp = target.indexOf('&', from);
            int end = amp < 0 ? length : amp;
            if (end > from) {
                int eq = target.indexOf('=', from);
                int nameEnd = eq < 0 || eq > end ? end : eq;
                if (nameEnd == from) {
                    throw new ClassificationException(CosError.INVALID_URI, "The query has a parameter without a name.");
                }
                String name = KnownParameters.find(target, from, nameEnd);
                if (name == null) {
                    name = PercentCodec.decodeQuery(target, from, nameEnd);
                }
                String value;
                if (nameEnd == end) {
                    value = "";
                } else if (end - nameEnd - 1 == previousLength
                        && target.regionMatches(nameEnd + 1, target, previousFrom, previousLength)) {
                    value = previous;
                } else {
                    value = PercentCodec.decodeQuery(target, nameEnd + 1, end);
                    previousFrom = nameEnd + 1;
                    previousLength = end - previousFrom;
                    previous = value;
                }
                if (find(out, name) != null) {
                    throw new ClassificationException(CosError.INVALID_ARGUMENT,
                            "The query parameter \"" + name + "\" is given more than once.");
                }
                out.add(new QueryParam(name, value));
            }
            from = end + 1;
        }
        return Collections.unmodifiableList(out);
    }

    /** The value of {@code name} (case-sensitive) in {@code params}, or null. */
    static String find(List<QueryParam> params, String name) {
        // Indexed: the unmodifiable list's iterator would be one more object per lookup.
        for (int i = 0, n = params.size(); i < n; i++) {
            QueryParam p = params.get(i);
            if (p.name().equals(name)) {
                return p.value();
            }
        }
        return null;
    }
}
