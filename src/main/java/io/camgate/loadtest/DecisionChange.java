package io.camgate.loadtest;

/**
 * A request whose answer differs between two policy sets.
 *
 * @param probe the request
 * @param from  the answer of the set rolled out from
 * @param to    the answer of the set rolled out to
 */
public record DecisionChange(Probe probe, Answer from, Answer to) {
    /**
     * One set's answer.
     *
     * @param allowed whether it allows
     * @param reason  the reason's label ({@code allowed}, {@code explicit_deny}, ..., or {@code unknown_caller})
     */
    public record Answer(boolean allowed, String reason) {
        /** The answer for a caller the set does not know. */
        public static final Answer UNKNOWN_CALLER = new Answer(false, "unknown_caller");

        /** {@code allow} or {@code deny}. */
        public String decision() {
            return allowed ? "allow" : "deny";
        }
    }

    /** True when the request was denied and would be allowed. */
    public boolean opens() {
        return !from.allowed() && to.allowed();
    }

    /** True when the request was allowed and would be denied. */
    public boolean closes() {
        return from.allowed() && !to.allowed();
    }
}
