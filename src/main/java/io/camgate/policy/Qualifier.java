package io.camgate.policy;

/**
 * How a condition treats a context key with several values: without a qualifier and with
 * {@code for_any_value:} it holds when any value holds; with {@code for_all_value:} when
 * every value does.
 */
public enum Qualifier {
    NONE(""),
    FOR_ANY_VALUE("for_any_value:"),
    FOR_ALL_VALUE("for_all_value:");

    private final String prefix;

    Qualifier(String prefix) {
        this.prefix = prefix;
    }

    /** The prefix as written before the operator name, empty for {@link #NONE}. */
    public String prefix() {
        return prefix;
    }
}
