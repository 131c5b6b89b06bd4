package io.camgate.sign;

/**
 * A request that must be rejected before authorization. It carries the {@link AuthError} to
 * send; its message is the COS message and never holds a secret. It has no stack trace,
 * since rejections are ordinary traffic and must stay cheap.
 */
public final class AuthenticationException extends Exception {
    private final transient AuthError error;

    /** A rejection with {@code error}. */
    public AuthenticationException(AuthError error) {
        super(error.code() + ": " + error.message(), null, false, false);
        this.error = error;
    }

    /** What to send back. */
    public AuthError error() {
        return error;
    }
}
