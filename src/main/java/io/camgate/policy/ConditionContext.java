package io.camgate.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The condition keys a request carries ({@code qcs:ip}, {@code cos:prefix}, ...), each with
 * one or more string values. Keys compare case-insensitively. A key that is absent, or
 * present with no values, is "missing" for condition evaluation.
 */
public final class ConditionContext {
    /** A context with no keys. */
    public static final ConditionContext EMPTY = new ConditionContext(Map.of());

    private final Map<String, List<String>> values;

    private ConditionContext(Map<String, List<String>> values) {
        this.values = values;
    }

    /** Starts an empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The values of {@code key}, or an empty list when it is missing. */
    public List<String> get(String key) {
        List<String> v = values.get(key.toLowerCase(Locale.ROOT));
        return v == null ? List.of() : v;
    }

    /** Every key with its values, keys in lower case, in the order they were added. */
    public Map<String, List<String>> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return values.toString();
    }

    /** Collects keys and values; adding to a key appends to its values. */
    public static final class Builder {
        private final Map<String, List<String>> values = new LinkedHashMap<>();

        private Builder() {
        }

        /** Adds one value for {@code key}. */
        public Builder add(String key, String value) {
            values.computeIfAbsent(key.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
            return this;
        }

        /** Declares {@code key} present with {@code list} (possibly empty, which still counts as missing). */
        public Builder addAll(String key, List<String> list) {
            values.computeIfAbsent(key.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(list);
            return this;
        }

        /** An immutable context. */
        public ConditionContext build() {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            return new ConditionContext(Collections.unmodifiableMap(copy));
        }
    }
}
