package io.camgate.metrics;

import io.camgate.sign.AuthError;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The bounded {@code reason} label of a refused signature. */
final class SignatureFailureReason {
    private static final List<Map.Entry<AuthError, String>> KNOWN = List.of(
            Map.entry(AuthError.INVALID_ACCESS_KEY_ID, "unknown_key"),
            Map.entry(AuthError.SIGNATURE_DOES_NOT_MATCH, "mismatch"),
            Map.entry(AuthError.REQUEST_EXPIRED, "expired"),
            Map.entry(AuthError.REQUEST_TIME_TOO_SKEWED, "skew"),
            Map.entry(AuthError.WINDOW_TOO_LONG, "window_too_long"),
            Map.entry(AuthError.HOST_NOT_SIGNED, "host_not_signed"),
            Map.entry(AuthError.EXPIRED_TOKEN, "token_expired"),
            Map.entry(AuthError.INVALID_TOKEN, "token_invalid"),
            Map.entry(AuthError.AWS_TIME_TOO_SKEWED, "skew"),
            Map.entry(AuthError.NOT_YET_VALID, "skew"),
            Map.entry(AuthError.AWS_HOST_NOT_SIGNED, "host_not_signed"),
            Map.entry(AuthError.UNSIGNED_STORE_HEADER, "unsigned_header"),
            Map.entry(AuthError.CONTENT_SHA256_MISMATCH, "payload_mismatch"),
            Map.entry(AuthError.BAD_DIGEST, "bad_digest"));

    /** Every value the label takes. */
    static final List<String> ALL = Stream.concat(KNOWN.stream().map(Map.Entry::getValue),
            Stream.of("malformed", "post_policy", "other")).toList();

    private SignatureFailureReason() {
    }

    static String of(AuthError e) {
        for (Map.Entry<AuthError, String> known : KNOWN) {
            AuthError k = known.getKey();
            // same error apart from debugging detail
            if (e.status() == k.status() && e.code().equals(k.code()) && e.message().equals(k.message())) {
                return known.getValue();
            }
        }
        if (e.status() == 400) {
            return "malformed";
        }
        if (e.code().equals(AuthError.SIGNATURE_DOES_NOT_MATCH.code())) {
            return "mismatch"; // an aws-chunked chunk or trailer signature
        }
        return e.message().startsWith("Invalid according to Policy") ? "post_policy" : "other";
    }
}
