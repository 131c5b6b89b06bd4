package io.camgate.cos;

import java.util.ArrayList;
import java.util.List;

/**
 * The parameter names the {@link OperationTable} knows, handed out as the table's own strings
 * when a query spells one without escapes. A pre-signed URL carries seven {@code q-*} names on
 * every request: read this way they are neither copied out of the query nor hashed again when
 * the classifier looks them up, and they compare by identity first.
 */
final class KnownParameters {
    /** The names by length; a name holds only characters a raw query may carry, so it decodes to itself. */
    private static final String[][] BY_LENGTH = byLength(OperationTable.get().parameterNames());

    private KnownParameters() {
    }

    /** The known name spelled exactly {@code raw[from, to)}, or null when the text is no known name. */
    static String find(String raw, int from, int to) {
        int length = to - from;
        if (length >= BY_LENGTH.length) {
            return null;
        }
        for (String name : BY_LENGTH[length]) {
            if (raw.startsWith(name, from)) {
                return name;
            }
        }
        return null;
    }

    private static String[][] byLength(Iterable<String> names) {
        List<List<String>> lists = new ArrayList<>();
        for (String name : names) {
            // Only a name of unreserved characters is spelled in a query as itself.
            if (name.isEmpty() || !PercentCodec.encodeComponent(name).equals(name)) {
                continue;
            }
            while (lists.size() <= name.length()) {
                lists.add(new ArrayList<>());
            }
            lists.get(name.length()).add(name);
        }
        String[][] out = new String[lists.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = lists.get(i).toArray(String[]::new);
        }
        return out;
    }
}
