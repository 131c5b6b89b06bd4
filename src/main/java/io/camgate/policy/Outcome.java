package io.camgate.policy;

/**
 * The three-valued result of a condition: it holds, it does not, or it could not be
 * evaluated because a context value cannot be read as the operator's type. An
 * {@link #ERROR} fails closed: it makes a deny statement match and an allow statement not.
 */
public enum Outcome {
    TRUE,
    FALSE,
    ERROR;

    /** {@link #TRUE} or {@link #FALSE}. */
    public static Outcome of(boolean value) {
        return value ? TRUE : FALSE;
    }
}
