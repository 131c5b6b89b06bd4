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
    /**
     * The names in an open-addressing table indexed by {@link String#hashCode}, computed over the
     * query's text in place; a name holds only characters a raw query may carry, so it decodes to
     * itself.
     */
    private static final String[] TABLE = table(OperationTable.get().parameterNames());
    private static final int MASK = TABLE.length - 1;

    private KnownParameters() {
    }

    /** The known name spelled exactly {@code raw[from, to)}, or null when the text is no known name. */
    static String find(String raw, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + raw.charAt(i);
        }
        for (int at = slot(h, MASK); TABLE[at] != null; at = (at + 1) & MASK) {
            String name = TABLE[at];
            if (name.length() == to - from && raw.startsWith(name, from)) {
                return name;
            }
        }
        return null;
    }

    private static int slot(int hash, int mask) {
        return (hash ^ (hash >>> 16)) & mask;
    }

    private static String[] table(Iterable<String> names) {
        List<String> plain = new ArrayList<>();
        for (String name : names) {
            // Only a name of unreserved characters is spelled in a query as itself.
            if (!name.isEmpty() && PercentCodec.encodeComponent(name).equals(name)) {
                plain.add(name);
            }
        }
        String[] table = new String[Integer.highestOneBit(Math.max(plain.size(), 1) * 4)];
        int mask = table.length - 1;
        for (String name : plain) {
            int at = slot(name.hashCode(), mask);
            while (table[at] != null) {
                at = (at + 1) & mask;
            }
            table[at] = name;
        }
        return table;
    }
}
