package io.camgate.sign;

/**
 * Why a request could not be authenticated, as COS reports it: the HTTP status, the error
 * Code and Message. For a signature mismatch with debugging switched on it also carries the
 * server's StringToSign and FormatString (the HttpString), which COS puts in its error body;
 * otherwise those are null. Nothing here ever holds a secret.
 *
 * @param status        the HTTP status
 * @param code          the COS error code
 * @param message       the COS error message
 * @param stringToSign  the StringToSign the gateway computed, or null
 * @param formatString  the HttpString the gateway computed, or null
 */
public record AuthError(int status, String code, String message, String stringToSign, String formatString) {
    /** Unknown SecretId, or a key that is not active (inactive keys are unknown keys). */
    public static final AuthError INVALID_ACCESS_KEY_ID =
            of(403, "InvalidAccessKeyId", "The SecretId does not exist.");
    /** The signature does not match the request. */
    public static final AuthError SIGNATURE_DOES_NOT_MATCH =
            of(403, "SignatureDoesNotMatch", "The Signature you specified is invalid.");
    /** The signature's window (or a POST policy's expiration) has passed. */
    public static final AuthError REQUEST_EXPIRED = of(403, "AccessDenied", "Request has expired");
    /** The signature's window starts further ahead than the allowed clock skew. */
    public static final AuthError REQUEST_TIME_TOO_SKEWED = of(403, "RequestTimeTooSkewed",
            "The difference between the request time and the server's time is too large.");
    /** The signature's window is longer than the gateway accepts. */
    public static final AuthError WINDOW_TOO_LONG =
            of(403, "AccessDenied", "The signature's validity window is longer than allowed.");
    /** The {@code host} header is not among the signed headers. */
    public static final AuthError HOST_NOT_SIGNED =
            of(403, "AccessDenied", "Strict signature missing header that must be signed: host");
    /** The temporary credential has expired. */
    public static final AuthError EXPIRED_TOKEN = of(400, "ExpiredToken", "The provided token has expired.");
    /** A temporary SecretId without its token, with the wrong token, or a token with a permanent key. */
    public static final AuthError INVALID_TOKEN =
            of(403, "AccessDenied", "The security token is missing or invalid.");

    private static AuthError of(int status, String code, String message) {
        return new AuthError(status, code, message, null, null);
    }

    /** A 400 for an authorization string that cannot be read; {@code detail} names what is wrong. */
    public static AuthError malformedAuthorization(String detail) {
        return of(400, "InvalidArgument", "Malformed authorization: " + detail);
    }

    /** A 400 for a POST Object form that lacks a field or carries an unreadable one. */
    public static AuthError malformedPost(String detail) {
        return of(400, "MalformedPOSTRequest", detail);
    }

    /** A 400 for a POST policy document that cannot be read. */
    public static AuthError invalidPolicyDocument(String detail) {
        return of(400, "InvalidPolicyDocument", "Invalid Policy: " + detail);
    }

    /** A 403 for a POST policy condition the form does not meet; {@code field} names it. */
    public static AuthError conditionFailed(String field) {
        return of(403, "AccessDenied", "Invalid according to Policy: Policy Condition failed: " + field);
    }

    /** This error with the debugging detail of a signature mismatch attached. */
    public AuthError withDebug(String stringToSign, String formatString) {
        return new AuthError(status, code, message, stringToSign, formatString);
    }
}
