package io.camgate.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The condition keys a request carries ({@code qcs:ip}, {@code cos:prefix}, ...), each with
 * one or more string values. Keys compare case-insensitively. A key that is absent, or
 * present with no values, is "missing" for condition evaluation.
 *
 * <p>A request carries a handful of keys, built once per request and read a few times, so they
 * sit in two parallel arrays scanned in order rather than in a hash map.
 */
public final class ConditionContext {
    /** A context with no keys. */
    public static final ConditionContext EMPTY = new ConditionContext(new String[0], new Object[0]);

    /** The keys in lower case, in the order they were added. */
    private final String[] keys;
    /** The values of {@code keys[i]}: its one value as a String, else an immutable list. */
    private final Object[] values;
    /**
     * Built on first use: an immutable view computed from final fields, so a racing second build
     * yields an equal map and publishing it without a lock is safe.
     */
    private Map<String, List<String>> map;

    private ConditionContext(String[] keys, Object[] values) {
        this.keys = keys;
        this.values = values;
    }

    /** Starts an empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The values of {@code key}, or an empty list when it is missing. */
    public List<String> get(String key) {
        int i = indexOf(keys, keys.length, key);
        if (i < 0) {
            // Policies store their keys in lower case, so the exact scan above is the common hit.
            String lower = key.toLowerCase(Locale.ROOT);
            i = lower.equals(key) ? -1 : indexOf(keys, keys.length, lower);
        }
        return i < 0 ? List.of() : valuesAt(i);
    }

    /** Every key with its values, keys in lower case, in the order they were added. */
    public Map<String, List<String>> asMap() {
        Map<String, List<String>> m = map;
        if (m == null) {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            for (int i = 0; i < keys.length; i++) {
                copy.put(keys[i], valuesAt(i));
            }
            m = Collections.unmodifiableMap(copy);
            map = m;
        }
        return m;
    }

    @Override
    public String toString() {
        return asMap().toString();
    }

    @SuppressWarnings("unchecked")
    private List<String> valuesAt(int i) {
        return values[i] instanceof String one ? List.of(one) : (List<String>) values[i];
    }

    private static int indexOf(String[] keys, int count, String key) {
        for (int i = 0; i < count; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** Collects keys and values; adding to a key appends to its values. */
    public static final class Builder {
        // Room for a GET's keys and most uploads' without growing.
        private String[] keys = new String[6];
        /** Per key: its one value as a String, or an ArrayList once it has several (or was declared empty). */
        private Object[] values = new Object[6];
        private int count;

        private Builder() {
        }

        /** Adds one value for {@code key}. */
        public Builder add(String key, String value) {
            Objects.requireNonNull(value, "value");
            int i = slot(key);
            Object v = values[i];
            if (v == null) {
                values[i] = value;
            } else {
                list(i).add(value);
            }
            return this;
        }

        /** Declares {@code key} present with {@code list} (possibly empty, which still counts as missing). */
        public Builder addAll(String key, List<String> list) {
            list(slot(key)).addAll(list);
            return this;
        }

        /** An immutable context. */
        public ConditionContext build() {
            Object[] built = Arrays.copyOf(values, count);
            for (int i = 0; i < count; i++) {
                if (built[i] instanceof List<?> list) {
                    built[i] = List.copyOf(list);
                }
            }
            return new ConditionContext(Arrays.copyOf(keys, count), built);
        }

        /** The index of {@code key}, added (with no values yet) when new. */
        private int slot(String key) {
            String lower = key.toLowerCase(Locale.ROOT);
            int i = indexOf(keys, count, lower);
            if (i >= 0) {
                return i;
            }
            if (count == keys.length) {
                keys = Arrays.copyOf(keys, count * 2);
                values = Arrays.copyOf(values, count * 2);
            }
            keys[count] = lower;
            return count++;
        }

        /** The values of key {@code i} as a list that may grow. */
        @SuppressWarnings("unchecked")
        private List<String> list(int i) {
            Object v = values[i];
            if (v instanceof List<?> list) {
                return (List<String>) list;
            }
            List<String> list = new ArrayList<>(2);
            if (v != null) {
                list.add((String) v);
            }
            values[i] = list;
            return list;
        }
    }
}
