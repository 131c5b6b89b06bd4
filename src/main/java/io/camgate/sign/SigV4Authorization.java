package io.camgate.sign;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The fields of one AWS SigV4 authorization, from the {@code Authorization} header or the
 * {@code X-Amz-*} query parameters of a presigned URL.
 *
 * @param accessKey     the access key id (a SecretId of {@code accounts.yaml} or a temporary one)
 * @param scope         {@code <date>/<region>/s3/aws4_request}, exactly as signed
 * @param date          the scope's day, {@code yyyyMMdd}
 * @param region        the scope's region as the client wrote it; it only derives the key
 * @param signedHeaders the signed header names
 * @param signature     the signature, 32 bytes
 * @param amzDate       the request time, {@code yyyyMMdd'T'HHmmss'Z'}, as signed
 * @param epochSecond   the request time
 * @param expires       {@code X-Amz-Expires} in seconds for a presigned URL, -1 for the header
 */
record SigV4Authorization(String accessKey, String scope, String date, String region, SignedNames signedHeaders,
        byte[] signature, String amzDate, long epochSecond, long expires) {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    /** The longest a presigned URL may be valid: 7 days. */
    static final long MAX_EXPIRES = 604_800;

    static final String Q_ALGORITHM = "X-Amz-Algorithm";
    static final String Q_CREDENTIAL = "X-Amz-Credential";
    static final String Q_DATE = "X-Amz-Date";
    static final String Q_EXPIRES = "X-Amz-Expires";
    static final String Q_SIGNED_HEADERS = "X-Amz-SignedHeaders";
    static final String Q_SIGNATURE = "X-Amz-Signature";
    private static final String[] QUERY_FIELDS = {Q_ALGORITHM, Q_CREDENTIAL, Q_DATE, Q_EXPIRES, Q_SIGNED_HEADERS,
        Q_SIGNATURE};

    /** Whether {@code name} is one of the six presign fields. */
    static boolean isQueryField(String name) {
        return queryField(name) >= 0;
    }

    private static int queryField(String name) {
        if (name.length() < 10 || !name.startsWith("X-Amz-")) {
            return -1;
        }
        for (int i = 0; i < QUERY_FIELDS.length; i++) {
            if (QUERY_FIELDS[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Reads {@code AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...}: the three
     * fields exactly once each, in any order, with or without spaces after the commas.
     *
     * @param header  the Authorization value
     * @param amzDate the {@code x-amz-date} header, or null
     */
    static SigV4Authorization parseHeader(String header, String amzDate) throws AuthenticationException {
        if (!header.startsWith(ALGORITHM + " ")) {
            throw malformed("the algorithm must be " + ALGORITHM);
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        int at = ALGORITHM.length() + 1;
        int n = header.length();
        while (at < n) {
            while (at < n && header.charAt(at) == ' ') {
                at++;
            }
            int comma = header.indexOf(',', at);
            int end = comma < 0 ? n : comma;
            int eq = header.indexOf('=', at);
            if (eq < 0 || eq > end) {
                throw malformed("a field has no '='");
            }
            String value = header.substring(eq + 1, end).strip();
            if (header.startsWith("Credential", at) && eq - at == 10) {
                credential = once(credential, value, "Credential");
            } else if (header.startsWith("SignedHeaders", at) && eq - at == 13) {
                signedHeaders = once(signedHeaders, value, "SignedHeaders");
            } else if (header.startsWith("Signature", at) && eq - at == 9) {
                signature = once(signature, value, "Signature");
            } else {
                throw malformed("unknown field");
            }
            at = comma < 0 ? n : comma + 1;
        }
        if (credential == null || signedHeaders == null || signature == null) {
            throw malformed("Credential, SignedHeaders and Signature are all required");
        }
        if (amzDate == null) {
            throw new AuthenticationException(AuthError.accessDenied(
                    "AWS authentication requires a valid Date or x-amz-date header"));
        }
        return build(credential, signedHeaders, signature, amzDate, -1, false);
    }

    /**
     * Reads the presign fields of {@code request}: each of the six exactly once.
     *
     * @throws AuthenticationException {@code AuthorizationQueryParametersError} for a missing,
     *                                 repeated or unusable field
     */
    static SigV4Authorization parseQuery(SignedRequest request) throws AuthenticationException {
        String[] values = new String[QUERY_FIELDS.length];
        for (int i = 0, n = request.parameterCount(); i < n; i++) {
            int field = queryField(request.parameterName(i));
            if (field >= 0) {
                if (values[field] != null) {
                    throw queryError(QUERY_FIELDS[field] + " is given twice");
                }
                values[field] = request.parameterValue(i);
            }
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                throw queryError("Query-string authentication version 4 requires the X-Amz-Algorithm, "
                        + "X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires "
                        + "parameters; " + QUERY_FIELDS[i] + " is missing");
            }
        }
        if (!ALGORITHM.equals(values[0])) {
            throw queryError("X-Amz-Algorithm only supports \"" + ALGORITHM + "\"");
        }
        long expires = decimal(values[3]);
        if (expires < 1 || expires > MAX_EXPIRES) {
            throw queryError("X-Amz-Expires must be between 1 and " + MAX_EXPIRES + " seconds");
        }
        return build(values[1], values[4], values[5], values[2], expires, true);
    }

    private static SigV4Authorization build(String credential, String signedHeaders, String signature,
            String amzDate, long expires, boolean query) throws AuthenticationException {
        // AKID/yyyyMMdd/region/s3/aws4_request: five parts, the last two fixed.
        int a = credential.indexOf('/');
        int b = a < 0 ? -1 : credential.indexOf('/', a + 1);
        int c = b < 0 ? -1 : credential.indexOf('/', b + 1);
        int d = c < 0 ? -1 : credential.indexOf('/', c + 1);
        if (d < 0 || credential.indexOf('/', d + 1) >= 0 || a == 0) {
            throw fail(query, "the Credential must be <key>/<date>/<region>/s3/aws4_request");
        }
        String date = credential.substring(a + 1, b);
        String region = credential.substring(b + 1, c);
        if (!"s3".equals(credential.substring(c + 1, d))) {
            throw fail(query, "the Credential's service must be s3");
        }
        if (!"aws4_request".equals(credential.substring(d + 1))) {
            throw fail(query, "the Credential must end in aws4_request");
        }
        if (region.isEmpty()) {
            throw fail(query, "the Credential names no region");
        }
        long epoch = epochSecond(amzDate);
        if (epoch < 0) {
            throw fail(query, "the request date must be yyyyMMdd'T'HHmmss'Z'");
        }
        if (!amzDate.startsWith(date) || date.length() != 8) {
            throw fail(query, "the Credential's date must be the request date's day");
        }
        byte[] sig = Sha256Workspace.parseHex32(signature);
        if (sig == null) {
            throw fail(query, "the Signature must be 64 hex digits");
        }
        SignedNames headers;
        try {
            headers = SignedNames.of(SignatureFields.HEADER_LIST, signedHeaders);
        } catch (AuthenticationException e) {
            throw fail(query, "the SignedHeaders list is malformed");
        }
        for (int i = 0; i < headers.size(); i++) {
            if (headers.raw(i) == null || !headers.raw(i).equals(headers.name(i))) {
                throw fail(query, "SignedHeaders must be lower-case header names");
            }
        }
        if (!headers.contains("host")) {
            throw query ? queryError("X-Amz-SignedHeaders must include host")
                    : new AuthenticationException(AuthError.AWS_HOST_NOT_SIGNED);
        }
        return new SigV4Authorization(credential.substring(0, a), credential.substring(a + 1), date, region, headers,
                sig, amzDate, epoch, expires);
    }

    /** The epoch second of {@code yyyyMMdd'T'HHmmss'Z'}, or -1 when it is not that. */
    static long epochSecond(String text) {
        if (text.length() != 16 || text.charAt(8) != 'T' || text.charAt(15) != 'Z') {
            return -1;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 4, 6);
        int day = digits(text, 6, 8);
        int hour = digits(text, 9, 11);
        int minute = digits(text, 11, 13);
        int second = digits(text, 13, 15);
        if ((year | month | day | hour | minute | second) < 0) {
            return -1;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return -1;
        }
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char ch = text.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            value = value * 10 + (ch - '0');
        }
        return value;
    }

    /** A non-negative decimal of at most 12 digits without a leading zero, or -1. */
    static long decimal(String text) {
        if (text.isEmpty() || text.length() > 12 || (text.charAt(0) == '0' && text.length() > 1)) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            value = value * 10 + (ch - '0');
        }
        return value;
    }

    private static String once(String previous, String value, String name) throws AuthenticationException {
        if (previous != null) {
            throw malformed(name + " is given twice");
        }
        return value;
    }

    private static AuthenticationException fail(boolean query, String detail) {
        return query ? queryError(detail) : malformed(detail);
    }

    static AuthenticationException malformed(String detail) {
        return new AuthenticationException(AuthError.malformedAuthorization(detail));
    }

    static AuthenticationException queryError(String detail) {
        return new AuthenticationException(AuthError.queryParametersError(detail));
    }
}
