package io.camgate.metrics;

import io.camgate.sign.AuthError;

/** The bounded {@code reason} label of a refused signature. */
final class SignatureFailureReason {
    private SignatureFailureReason() {
    }

    static String of(AuthError e) {
        if (sameKind(e, AuthError.INVALID_ACCESS_KEY_ID)) {
            return "unknown_key";
        }
        if (sameKind(e, AuthError.SIGNATURE_DOES_NOT_MATCH)) {
            return "mismatch";
        }
        if (sameKind(e, AuthError.REQUEST_EXPIRED)) {
            return "expired";
        }
        if (sameKind(e, AuthError.REQUEST_TIME_TOO_SKEWED)) {
            return "skew";
        }
        if (sameKind(e, AuthError.WINDOW_TOO_LONG)) {
            return "window_too_long";
        }
        if (sameKind(e, AuthError.HOST_NOT_SIGNED)) {
            return "host_not_signed";
        }
        if (sameKind(e, AuthError.EXPIRED_TOKEN)) {
            return "token_expired";
        }
        if (sameKind(e, AuthError.INVALID_TOKEN)) {
            return "token_invalid";
        }
        if (e.status() == 400) {
            return "malformed";
        }
        return e.message().startsWith("Invalid according to Policy") ? "post_policy" : "other";
    }

    /** Same error apart from debugging detail. */
    private static boolean sameKind(AuthError e, AuthError known) {
        return e.status() == known.status() && e.code().equals(known.code()) && e.message().equals(known.message());
    }
}
