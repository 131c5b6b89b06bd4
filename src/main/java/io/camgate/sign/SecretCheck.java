package io.camgate.sign;

/**
 * Checks a request's signature against a SecretKey, for signature schemes verified outside
 * this package (see {@link Authenticator#authenticateWith}). The secret is handed in only for
 * the check; an implementation keeps no copy of it.
 */
@FunctionalInterface
public interface SecretCheck {
    /** Whether the request was signed with {@code secretKey}; the comparison runs in constant time. */
    boolean matches(String secretKey);
}
