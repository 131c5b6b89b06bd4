package io.camgate.sign;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.camgate.identity.Directory;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.spec.SecretKeySpec;

/**
 * Works out who a request speaks for: one verification method per {@link SignatureScheme}
 * (COS v5 in the header, in {@code q-*} parameters, in {@code sign=}, a POST Object form's policy;
 * AWS SigV4 and SigV2 through {@link SigV4Verifier} and {@link SigV2Verifier}, which share this
 * instance's rules, temporary credentials and clock). The request path tells the scheme once
 * ({@link SignatureScheme#of}) and calls the one method for it. Thread-safe; one instance serves
 * the whole gateway, and each call reads the directory of the snapshot the request started with.
 *
 * <p>COS checks, in order: the authorization can be read (else 400); {@code host} is signed when
 * required; the windows are current; the SecretId is known and active (a temporary one must not
 * have expired); the signature matches; a temporary key's token matches.
 */
public final class Authenticator {
    /** The header and query parameter that carry a temporary credential's token. */
    public static final String TOKEN = "x-cos-security-token";
    private static final String SIGN = "sign";

    private final SignatureRules rules;
    private final Clock clock;
    private final SigningKeys keys;
    private final SigV4Verifier sigV4;
    private final SigV2Verifier sigV2;

    /**
     * @param rules     the time and strictness rules
     * @param temporary the issued temporary credentials
     * @param clock     the gateway's clock
     */
    public Authenticator(SignatureRules rules, TemporaryCredentials temporary, Clock clock) {
        this.rules = Objects.requireNonNull(rules);
        this.clock = Objects.requireNonNull(clock);
        this.keys = new SigningKeys(Objects.requireNonNull(temporary), rules.signKeyCacheSize());
        this.sigV4 = new SigV4Verifier(rules, temporary, clock);
        this.sigV2 = new SigV2Verifier(rules, temporary, clock);
    }

    /** Hits and misses of the derived-SignKey cache, for metrics. */
    public CacheStats signKeyCacheStats() {
        return keys.stats();
    }

    /** How many derived SignKeys are cached. */
    public long signKeyCacheSize() {
        return keys.size();
    }

    /**
     * Whether query parameter {@code name} belongs to a signature ({@code q-*}, {@code sign},
     * the token): a forwarder that re-signs drops these, as they mean nothing upstream.
     */
    public static boolean isSignatureParameter(String name) {
        return SignatureFields.slot(name) >= 0 || SIGN.equals(name) || TOKEN.equals(name);
    }

    /**
     * Authenticates a request that may carry only a COS v5 signature (the CAM API's COS-signed
     * calls): an AWS signature is refused, since its body check belongs to the request path.
     *
     * @param request   the parsed request
     * @param directory the accounts and keys of the request's snapshot
     * @return the caller; anonymous when the request carries no signature
     * @throws AuthenticationException with the COS error to send
     */
    public Authentication authenticate(SignedRequest request, Directory directory) throws AuthenticationException {
        return switch (SignatureScheme.of(request)) {
            case NONE -> Authentication.anonymous();
            case COS_HEADER -> cosHeader(request, directory);
            case COS_QUERY -> cosQuery(request, directory);
            case COS_SIGN_PARAMETER -> cosSignParameter(request, directory);
            case COS_POST_FORM, AWS4_HEADER, AWS4_QUERY, AWS2_HEADER, AWS2_QUERY ->
                    throw SignatureFields.malformed("only a COS signature is accepted here");
        };
    }

    /** Verifies a COS v5 signature in the {@code Authorization} header ({@link SignatureScheme#COS_HEADER}). */
    public Authentication cosHeader(SignedRequest request, Directory directory) throws AuthenticationException {
        List<String> header = request.headerValues("authorization");
        if (header.size() != 1) {
            throw SignatureFields.malformed("Authorization is given twice");
        }
        return verify(request, SignatureFields.parseAuthorization(header.get(0)), Carrier.HEADER,
                token(request, queryToken(request)), directory);
    }

    /** Verifies a COS v5 signature in {@code q-*} query parameters ({@link SignatureScheme#COS_QUERY}). */
    public Authentication cosQuery(SignedRequest request, Directory directory) throws AuthenticationException {
        String[] slots = SignatureFields.newSlots();
        for (int i = 0, n = request.parameterCount(); i < n; i++) {
            int slot = SignatureFields.slot(request.parameterName(i));
            if (slot >= 0) {
                SignatureFields.put(slots, slot, request.parameterValue(i));
            }
        }
        return verify(request, SignatureFields.fromSlots(slots), Carrier.QUERY, token(request, queryToken(request)),
                directory);
    }

    /** Verifies a COS v5 signature in one {@code sign=} parameter ({@link SignatureScheme#COS_SIGN_PARAMETER}). */
    public Authentication cosSignParameter(SignedRequest request, Directory directory)
            throws AuthenticationException {
        String sign = null;
        for (int i = 0, n = request.parameterCount(); i < n; i++) {
            if (SIGN.equals(request.parameterName(i))) {
                sign = single(sign, request.parameterValue(i), SIGN);
            }
        }
        if (sign == null) {
            throw SignatureFields.malformed("the request has no sign parameter");
        }
        return verify(request, SignatureFields.parseAuthorization(sign), Carrier.SIGN_PARAMETER,
                token(request, queryToken(request)), directory);
    }

    /** Verifies AWS Signature Version 4, header or presigned ({@link SignatureScheme#AWS4_HEADER}, {@code AWS4_QUERY}). */
    public AwsVerification sigV4(AwsSignedRequest request, Directory directory) throws AuthenticationException {
        return sigV4.authenticate(request, directory);
    }

    /**
     * Verifies AWS Signature Version 2, header or query ({@link SignatureScheme#AWS2_HEADER}, {@code AWS2_QUERY}).
     *
     * @param hostBucket the bucket when the Host names it, else null (see {@link SigV2Verifier#authenticate})
     */
    public Authentication sigV2(AwsSignedRequest request, String hostBucket, Directory directory)
            throws AuthenticationException {
        return sigV2.authenticate(request, hostBucket, directory);
    }

    /** The COS token a query carries, or null; given twice is refused. */
    private static String queryToken(SignedRequest request) throws AuthenticationException {
        String token = null;
        for (int i = 0, n = request.parameterCount(); i < n; i++) {
            if (TOKEN.equals(request.parameterName(i))) {
                token = single(token, request.parameterValue(i), TOKEN);
            }
        }
        return token;
    }

    private Authentication verify(SignedRequest request, SignatureFields fields, Carrier carrier, String token,
            Directory directory) throws AuthenticationException {
        SignedNames headers = SignedNames.of(SignatureFields.HEADER_LIST, fields.headerList());
        SignedNames params = SignedNames.of(SignatureFields.PARAM_LIST, fields.paramList());
        if (rules.requireSignedHost() && !headers.contains("host")) {
            throw new AuthenticationException(AuthError.HOST_NOT_SIGNED);
        }
        long now = nowSeconds();
        fields.signTime().check(now, rules);
        if (fields.keyTime() != fields.signTime()) {
            fields.keyTime().check(now, rules);
        }
        Signer signer = keys.resolve(fields.secretId(), directory);
        SecretKeySpec signKey = keys.signKey(signer, fields.keyTime());

        Sha1Workspace work = Sha1Workspace.get();
        ByteSink stringToSign = work.stringToSign;
        stringToSign.reset();
        boolean complete = HttpStringWriter.write(request, params, headers, work.httpString);
        if (!complete) {
            throw mismatch(null, null);
        }
        stringToSign.ascii("sha1\n");
        stringToSign.ascii(fields.signTime().text());
        stringToSign.put((byte) '\n');
        work.sha1Hex(work.httpString, stringToSign);
        stringToSign.put((byte) '\n');
        byte[] expected = work.hmac(signKey, stringToSign);
        if (!MessageDigest.isEqual(expected, fields.signature())) {
            throw mismatch(stringToSign, work.httpString);
        }
        SigningKeys.checkToken(signer, token);
        return Authentication.signed(signer, fields.signTime(), carrier, headers, params);
    }

    /**
     * Authenticates a POST Object form upload by its policy signature and checks the policy's
     * expiration and conditions against the form.
     *
     * @param form      the form fields and the bucket and key the request will act on
     * @param directory the accounts and keys of the request's snapshot
     * @throws AuthenticationException with the COS error to send
     */
    public Authentication authenticateForm(PostObjectForm form, Directory directory) throws AuthenticationException {
        Map<String, String> fields = caseInsensitive(form.fields());
        PostPolicy policy = PostPolicy.decode(required(fields, "policy"));
        if (!"sha1".equals(required(fields, SignatureFields.ALGORITHM))) {
            throw SignatureFields.malformed("q-sign-algorithm must be sha1");
        }
        String secretId = required(fields, SignatureFields.AK);
        KeyWindow keyTime = KeyWindow.parse(SignatureFields.KEY_TIME, required(fields, SignatureFields.KEY_TIME));
        byte[] signature = Sha1Workspace.parseSignature(required(fields, SignatureFields.SIGNATURE));
        if (signature == null) {
            throw SignatureFields.malformed("q-signature is not 40 hex digits");
        }
        long now = nowSeconds();
        keyTime.check(now, rules);
        Signer signer = keys.resolve(secretId, directory);
        SecretKeySpec signKey = keys.signKey(signer, keyTime);

        Sha1Workspace work = Sha1Workspace.get();
        ByteSink stringToSign = work.stringToSign;
        stringToSign.reset();
        work.sha1Hex(policy.json(), stringToSign);
        byte[] expected = work.hmac(signKey, stringToSign);
        if (!MessageDigest.isEqual(expected, signature)) {
            throw mismatch(stringToSign, null);
        }
        SigningKeys.checkToken(signer, emptyToNull(fields.get(TOKEN)));
        policy.check(fields, form, clock.instant());
        return Authentication.signed(signer, keyTime, Carrier.POST_FORM, null, null);
    }

    /**
     * Authenticates a caller of the Tencent Cloud API, whose signature scheme is checked outside
     * this package: the SecretId is resolved as for a COS signature (unknown and inactive keys
     * are refused, temporary ones only until they expire), {@code signature} is asked whether the
     * request was signed with its secret, and a temporary key's token must match.
     *
     * @param secretId  the SecretId the request names
     * @param token     the token the request carries, or null
     * @param directory the accounts and keys of the request's snapshot
     * @param signature checks the request's signature against a secret
     * @throws AuthenticationException with the COS error that says why
     */
    public Authentication authenticateWith(String secretId, String token, Directory directory,
            SecretCheck signature) throws AuthenticationException {
        Signer signer = keys.resolve(secretId, directory);
        if (!signature.matches(signer.secretKey())) {
            throw mismatch(null, null);
        }
        SigningKeys.checkToken(signer, emptyToNull(token));
        return Authentication.signed(signer, null, Carrier.CLOUD_API, null, null);
    }

    private long nowSeconds() {
        return Math.floorDiv(clock.millis(), 1000L);
    }

    private AuthenticationException mismatch(ByteSink stringToSign, ByteSink httpString) {
        AuthError error = AuthError.SIGNATURE_DOES_NOT_MATCH;
        if (rules.debugMismatch()) {
            error = error.withDebug(stringToSign == null ? null : stringToSign.text(),
                    httpString == null ? null : httpString.text());
        }
        return new AuthenticationException(error);
    }

    /** The token from the header or the query; both may be given only when they agree. */
    private static String token(SignedRequest request, String queryToken) throws AuthenticationException {
        List<String> values = request.headerValues(TOKEN);
        if (values.size() > 1) {
            throw SignatureFields.malformed(TOKEN + " is given twice");
        }
        String header = values.isEmpty() ? null : emptyToNull(values.get(0).strip());
        String query = emptyToNull(queryToken);
        if (header != null && query != null && !header.equals(query)) {
            throw SignatureFields.malformed(TOKEN + " differs between header and query");
        }
        return header != null ? header : query;
    }

    private static String single(String previous, String value, String name) throws AuthenticationException {
        if (previous != null) {
            throw SignatureFields.malformed(name + " is given twice");
        }
        return value;
    }

    private static String required(Map<String, String> fields, String name) throws AuthenticationException {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            throw new AuthenticationException(AuthError.malformedPost("the form has no " + name + " field"));
        }
        return value;
    }

    /** Form field names compare case-insensitively; two fields differing only in case are refused. */
    private static Map<String, String> caseInsensitive(Map<String, String> fields) throws AuthenticationException {
        Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (out.put(e.getKey(), e.getValue()) != null) {
                throw new AuthenticationException(AuthError.malformedPost("the form gives " + e.getKey() + " twice"));
            }
        }
        return out;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
