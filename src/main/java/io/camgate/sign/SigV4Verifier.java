package io.camgate.sign;

import io.camgate.identity.Directory;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Verifies AWS Signature Version 4 as S3 clients send it, in the {@code Authorization} header or
 * as a presigned URL, against the same SecretId/SecretKey pairs and temporary credentials as COS
 * signatures. Thread-safe; one instance serves the gateway.
 *
 * <p>Checks, in order: the authorization can be read (else 400); {@code host} is signed; the
 * credential scope names service {@code s3} and the request date's day (its region only derives
 * the key: clients such as rclone sign {@code us-east-1} whatever the bucket's region); the
 * request time is within the skew (header) or the URL is current and valid for 1 s … 7 days
 * (query); every {@code x-amz-*} header present is signed; the key is known and active; the
 * signature matches; a temporary key's token ({@code x-amz-security-token}) matches.
 *
 * <p>The body is not read here: the returned {@link AwsVerification} says which body check
 * the request path must run before the request counts as authenticated.
 */
public final class SigV4Verifier {
    /** The header and presign parameter that carry a temporary credential's token. */
    public static final String TOKEN_HEADER = "x-amz-security-token";
    static final String TOKEN_PARAMETER = "X-Amz-Security-Token";
    /** The name (not the value) of the COS token header: the one x-cos header an S3 signature need not cover. */
    private static final String COS_TOKEN_NAME = Authenticator.TOKEN;
    private static final String CONTENT_SHA256 = "x-amz-content-sha256";
    private static final String QUERY_CONTENT_SHA256 = "X-Amz-Content-Sha256";
    private static final String DECODED_LENGTH = "x-amz-decoded-content-length";

    private final SignatureRules rules;
    private final TemporaryCredentials temporary;
    private final Clock clock;
    private final AwsSigningKeys keys;

    /**
     * @param rules     the skew, strictness and cache rules shared with COS signatures
     * @param temporary the issued temporary credentials
     * @param clock     the gateway's clock
     */
    public SigV4Verifier(SignatureRules rules, TemporaryCredentials temporary, Clock clock) {
        this.rules = Objects.requireNonNull(rules);
        this.temporary = Objects.requireNonNull(temporary);
        this.clock = Objects.requireNonNull(clock);
        this.keys = new AwsSigningKeys(rules.signKeyCacheSize());
    }

    /**
     * Verifies the SigV4 signature of {@code request}, carried by exactly one of the header and
     * the query.
     *
     * @throws AuthenticationException with the S3 error to send
     */
    public AwsVerification authenticate(AwsSignedRequest request, Directory directory)
            throws AuthenticationException {
        List<String> header = request.headerValues("authorization");
        boolean query = SignatureScheme.hasAws4Query(request);
        if (header.size() > 1) {
            throw SigV4Authorization.malformed("Authorization is given twice");
        }
        if (!header.isEmpty() && query) {
            throw SigV4Authorization.malformed("the request carries more than one signature");
        }
        if (header.isEmpty() && !query) {
            throw SigV4Authorization.malformed("the request carries no SigV4 signature");
        }
        long now = Math.floorDiv(clock.millis(), 1000L);
        SigV4Authorization auth;
        String payloadLine;
        Carrier carrier;
        if (query) {
            auth = SigV4Authorization.parseQuery(request);
            if (auth.epochSecond() > now + rules.clockSkew().toSeconds()) {
                throw new AuthenticationException(AuthError.NOT_YET_VALID);
            }
            if (now > auth.epochSecond() + auth.expires()) {
                throw new AuthenticationException(AuthError.REQUEST_EXPIRED);
            }
            payloadLine = presignedPayloadLine(request, auth);
            carrier = Carrier.AWS4_QUERY;
        } else {
            auth = SigV4Authorization.parseHeader(header.get(0), single(request, "x-amz-date"));
            if (Math.abs(now - auth.epochSecond()) > rules.clockSkew().toSeconds()) {
                throw new AuthenticationException(AuthError.AWS_TIME_TOO_SKEWED);
            }
            String declared = single(request, CONTENT_SHA256);
            payloadLine = declared == null ? Sha256Workspace.EMPTY_SHA256_HEX : declared;
            carrier = Carrier.AWS4_HEADER;
        }
        PayloadMode mode = PayloadMode.ofToken(payloadLine);
        byte[] expected = null;
        if (mode == null) {
            expected = Sha256Workspace.parseHex32(payloadLine);
            if (expected == null) {
                throw new AuthenticationException(AuthError.invalidPayload(
                        "x-amz-content-sha256 must be a hex SHA-256 or a payload mode"));
            }
            mode = PayloadMode.SHA256_HEX;
        } else if (query && mode.isStreaming()) {
            throw SigV4Authorization.queryError("a presigned URL cannot carry a streaming payload");
        }
        long decodedLength = mode.isStreaming() ? decodedLength(request) : -1;
        requireSignedStoreHeaders(request, auth.signedHeaders());

        Signer signer = SigningKeys.resolve(temporary, auth.accessKey(), directory);
        byte[] signingKey = keys.signingKey(signer, auth.date(), auth.region());
        Sha256Workspace work = Sha256Workspace.get();
        ByteSink canonical = work.canonical;
        if (!CanonicalRequest.write(request, auth.signedHeaders(), query, payloadLine, canonical)) {
            throw mismatch(null, null);
        }
        ByteSink stringToSign = work.stringToSign;
        stringToSign.reset();
        stringToSign.ascii(SigV4Authorization.ALGORITHM);
        stringToSign.put((byte) '\n');
        stringToSign.ascii(auth.amzDate());
        stringToSign.put((byte) '\n');
        stringToSign.ascii(auth.scope());
        stringToSign.put((byte) '\n');
        work.sha256Hex(canonical, stringToSign);
        byte[] computed = work.hmac(signingKey, stringToSign);
        if (!MessageDigest.isEqual(computed, auth.signature())) {
            throw mismatch(stringToSign, canonical);
        }
        SigningKeys.checkToken(signer, token(request, query));
        // The window as the client wrote it: its request time, and for a presigned URL the lifetime too.
        KeyWindow window = query
                ? new KeyWindow(auth.epochSecond(), auth.epochSecond() + auth.expires(),
                        auth.amzDate() + ";" + auth.expires())
                : new KeyWindow(auth.epochSecond(), auth.epochSecond(), auth.amzDate());
        Authentication authentication = Authentication.signedWholeQuery(signer, window, carrier, auth.signedHeaders());
        ChunkSigning chain = mode.signsChunks()
                ? new ChunkSigning(signingKey, auth.amzDate(), auth.scope(), auth.signature())
                : null;
        return new AwsVerification(authentication, mode, expected, chain, decodedLength);
    }

    /**
     * A presigned URL's payload line: its own {@code X-Amz-Content-Sha256}, else a signed
     * {@code x-amz-content-sha256} header, else {@code UNSIGNED-PAYLOAD}.
     */
    private static String presignedPayloadLine(AwsSignedRequest request, SigV4Authorization auth)
            throws AuthenticationException {
        String fromQuery = null;
        for (int i = 0, n = request.parameterCount(); i < n; i++) {
            if (QUERY_CONTENT_SHA256.equals(request.parameterName(i))) {
                if (fromQuery != null) {
                    throw SigV4Authorization.queryError(QUERY_CONTENT_SHA256 + " is given twice");
                }
                fromQuery = request.parameterValue(i);
            }
        }
        if (fromQuery != null) {
            return fromQuery;
        }
        String header = single(request, CONTENT_SHA256);
        return header != null && auth.signedHeaders().contains(CONTENT_SHA256) ? header : PayloadMode.UNSIGNED.token();
    }

    private static long decodedLength(AwsSignedRequest request) throws AuthenticationException {
        String value = single(request, DECODED_LENGTH);
        long length = value == null ? -1 : SigV4Authorization.decimal(value.strip());
        if (length < 0) {
            throw new AuthenticationException(AuthError.invalidPayload(
                    "a streaming payload needs x-amz-decoded-content-length"));
        }
        return length;
    }

    /**
     * Every {@code x-amz-*} and {@code x-cos-*} header of an S3-signed request must be signed, or
     * whoever holds the request could feed a condition or change the operation: the {@code x-cos}
     * names are twins of the {@code x-amz} ones (a copy source, an ACL, a storage class), and a
     * route that signs for its store writes them under the {@code x-amz} names with its own key.
     * The one exception is the COS twin of the security token, which must agree with the signed
     * token ({@link #token}). SigV2 applies the same rule to the headers its signature covers,
     * the {@code x-amz-*} ones, so an {@code x-cos-*} header is always refused there.
     */
    static void requireSignedStoreHeaders(AwsSignedRequest request, SignedNames signed)
            throws AuthenticationException {
        for (int i = 0, n = request.headerCount(); i < n; i++) {
            String name = request.headerName(i);
            boolean store = name.regionMatches(true, 0, "x-amz-", 0, 6)
                    || name.regionMatches(true, 0, "x-cos-", 0, 6) && !name.equalsIgnoreCase(COS_TOKEN_NAME);
            if (store && !isListed(signed, name)) {
                throw new AuthenticationException(AuthError.UNSIGNED_STORE_HEADER);
            }
        }
    }

    private static boolean isListed(SignedNames signed, String name) {
        for (int k = 0; k < signed.size(); k++) {
            if (signed.name(k).equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** The token from the header or the presign parameter (and an agreeing x-cos twin). */
    private static String token(AwsSignedRequest request, boolean query) throws AuthenticationException {
        String header = emptyToNull(single(request, TOKEN_HEADER));
        String cos = emptyToNull(single(request, Authenticator.TOKEN));
        String param = null;
        if (query) {
            for (int i = 0, n = request.parameterCount(); i < n; i++) {
                if (TOKEN_PARAMETER.equals(request.parameterName(i))) {
                    if (param != null) {
                        throw SigV4Authorization.queryError(TOKEN_PARAMETER + " is given twice");
                    }
                    param = emptyToNull(request.parameterValue(i));
                }
            }
        }
        return agree(agree(header, cos), param);
    }

    /** The token both carriers give (either may be absent); tokens that differ are refused. */
    static String agree(String a, String b) throws AuthenticationException {
        if (a != null && b != null && !a.equals(b)) {
            throw SigV4Authorization.malformed("the security tokens of the request differ");
        }
        return a != null ? a : b;
    }

    /** The one value of header {@code name}, stripped, or null; a repeated header is refused. */
    static String single(SignedRequest request, String name) throws AuthenticationException {
        List<String> values = request.headerValues(name);
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw SigV4Authorization.malformed(name + " is given twice");
        }
        return values.get(0).strip();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private AuthenticationException mismatch(ByteSink stringToSign, ByteSink canonical) {
        AuthError error = AuthError.SIGNATURE_DOES_NOT_MATCH;
        if (rules.debugMismatch() && stringToSign != null) {
            error = error.withDebug(stringToSign.text(), canonical.text());
        }
        return new AuthenticationException(error);
    }
}
