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

    /** An AWS signature's request time is more than the allowed skew away from the gateway's clock. */
    public static final AuthError AWS_TIME_TOO_SKEWED = of(403, "RequestTimeTooSkewed",
            "The difference between the request time and the current time is too large.");
    /** An AWS presigned URL used before its {@code X-Amz-Date} (beyond the skew). */
    public static final AuthError NOT_YET_VALID = of(403, "AccessDenied", "Request is not valid yet");
    /** A SigV4 signed-header list without {@code host}. */
    public static final AuthError AWS_HOST_NOT_SIGNED =
            of(400, "AuthorizationHeaderMalformed", "The SignedHeaders list must include host.");
    /** An {@code x-amz-*} or {@code x-cos-*} header that an S3 signature does not cover. */
    public static final AuthError UNSIGNED_STORE_HEADER =
            of(403, "AccessDenied", "There were headers present in the request which were not signed");
    /** The body's SHA-256 differs from the signed {@code x-amz-content-sha256}. */
    public static final AuthError CONTENT_SHA256_MISMATCH = of(400, "XAmzContentSHA256Mismatch",
            "The provided 'x-amz-content-sha256' header does not match what was computed.");
    /** A body checksum (header or trailer) differs from the body. */
    public static final AuthError BAD_DIGEST = of(400, "BadDigest",
            "The Content-MD5 or checksum value you specified did not match what was received.");
    /** An aws-chunked body that ended before its final chunk or trailer. */
    public static final AuthError INCOMPLETE_BODY =
            of(400, "IncompleteBody", "The request body ended before the final chunk.");

    private static AuthError of(int status, String code, String message) {
        return new AuthError(status, code, message, null, null);
    }

    /** A 400 for an authorization string that cannot be read; {@code detail} names what is wrong. */
    public static AuthError malformedAuthorization(String detail) {
        return of(400, "InvalidArgument", "Malformed authorization: " + detail);
    }

    /** A 400 for an unusable SigV4 or SigV2 query authorization; {@code detail} names what is wrong. */
    public static AuthError queryParametersError(String detail) {
        return of(400, "AuthorizationQueryParametersError", detail);
    }

    /** A 400 for an aws-chunked body whose framing cannot be read or breaks a limit. */
    public static AuthError malformedChunk(String detail) {
        return of(400, "InvalidChunkSizeError", "Malformed aws-chunked body: " + detail);
    }

    /** A 403 for an aws-chunked chunk or trailer whose signature does not match. */
    public static AuthError chunkSignatureMismatch(String detail) {
        return of(403, "SignatureDoesNotMatch", "The chunk signature does not match: " + detail);
    }

    /** A 400 for a body whose declared length differs from what arrived. */
    public static AuthError lengthMismatch(String detail) {
        return of(400, "IncompleteBody", detail);
    }

    /** A 400 for a body checksum header or trailer that cannot be used. */
    public static AuthError invalidChecksum(String detail) {
        return of(400, "InvalidRequest", detail);
    }

    /** A 400 for a SigV4 payload declaration that cannot be used; {@code detail} names it. */
    public static AuthError invalidPayload(String detail) {
        return of(400, "InvalidArgument", detail);
    }

    /** A 403 {@code AccessDenied} naming the rule the request broke. */
    public static AuthError accessDenied(String detail) {
        return of(403, "AccessDenied", detail);
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
