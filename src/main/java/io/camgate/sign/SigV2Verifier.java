package io.camgate.sign;

import io.camgate.identity.Directory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies AWS Signature Version 2, which s3cmd ({@code signurl}, and {@code signature_v2}) and
 * boto3 configured as COS's page suggests still send: {@code Authorization: AWS <key>:<sig>} or
 * the query parameters {@code AWSAccessKeyId}, {@code Expires} and {@code Signature}. The
 * signature is a base64 HMAC-SHA1 over the method, Content-MD5, Content-Type, the date (or
 * {@code Expires}), the sorted {@code x-amz-*} headers and the resource: {@code /bucket}, the
 * path as sent, and the sub-resources S3 signs. Thread-safe.
 *
 * <p>SigV2 does not sign the Host: the bucket is covered by the resource instead, so a signature
 * cannot be replayed against another bucket. It signs no body hash: Content-MD5 is the body's
 * only protection, and the request path checks it as for COS. Nor can it sign an {@code x-cos-*}
 * header, so a request carrying one (the security token's twin aside) is refused.
 */
public final class SigV2Verifier {
    /** How the {@code Authorization} value of SigV2 starts. */
    public static final String HEADER_PREFIX = "AWS ";
    private static final String ACCESS_KEY_ID = "AWSAccessKeyId";
    private static final String EXPIRES = "Expires";
    private static final String SIGNATURE = "Signature";

    /** The sub-resources and response overrides S3 puts in a SigV2 resource; nothing else counts. */
    static final Set<String> SUB_RESOURCES = Set.of("accelerate", "acl", "analytics", "cors", "delete", "encryption",
            "inventory", "legal-hold", "lifecycle", "location", "logging", "metrics", "notification", "object-lock",
            "partNumber", "policy", "replication", "requestPayment", "response-cache-control",
            "response-content-disposition", "response-content-encoding", "response-content-language",
            "response-content-type", "response-expires", "restore", "retention", "select", "select-type", "tagging",
            "torrent", "uploadId", "uploads", "versionId", "versioning", "versions", "website");

    private static final DateTimeFormatter OFFSET_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private final SignatureRules rules;
    private final TemporaryCredentials temporary;
    private final Clock clock;

    /**
     * @param rules     the skew and window rules shared with the other schemes
     * @param temporary the issued temporary credentials
     * @param clock     the gateway's clock
     */
    public SigV2Verifier(SignatureRules rules, TemporaryCredentials temporary, Clock clock) {
        this.rules = Objects.requireNonNull(rules);
        this.temporary = Objects.requireNonNull(temporary);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Whether {@code name} marks a SigV2 presigned URL. */
    static boolean isQueryField(String name) {
        return ACCESS_KEY_ID.equals(name) || SIGNATURE.equals(name);
    }

    /**
     * Verifies the SigV2 signature of {@code request}.
     *
     * @param hostBucket the bucket when the Host names it (virtual-hosted style), or null when the
     *                   bucket is the path's first segment or there is none; SigV2 signs
     *                   {@code /<bucket>} in front of the path either way
     * @throws AuthenticationException with the S3 error to send
     */
    public Authentication authenticate(AwsSignedRequest request, String hostBucket, Directory directory)
            throws AuthenticationException {
        List<String> header = request.headerValues("authorization");
        String accessKey = null;
        String expires = null;
        String signature = null;
        for (int i = 0, n = request.parameterCount(); i < n; i++) {
            String name = request.parameterName(i);
            if (ACCESS_KEY_ID.equals(name)) {
                accessKey = once(accessKey, request.parameterValue(i), name);
            } else if (EXPIRES.equals(name)) {
                expires = once(expires, request.parameterValue(i), name);
            } else if (SIGNATURE.equals(name)) {
                signature = once(signature, request.parameterValue(i), name);
            }
        }
        boolean query = accessKey != null || signature != null;
        if (header.size() > 1 || (query && !header.isEmpty())) {
            throw SignatureFields.malformed("the request carries more than one signature");
        }
        long now = Math.floorDiv(clock.millis(), 1000L);
        String dateLine;
        long start;
        long end;
        if (query) {
            if (accessKey == null || expires == null || signature == null) {
                throw SigV4Authorization.queryError(
                        "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters");
            }
            long until = SigV4Authorization.decimal(expires);
            if (until < 0) {
                throw SigV4Authorization.queryError("Expires must be a number of seconds since the epoch");
            }
            if (now > until) {
                throw new AuthenticationException(AuthError.REQUEST_EXPIRED);
            }
            if (until - now > rules.maxWindow().toSeconds()) {
                throw new AuthenticationException(AuthError.WINDOW_TOO_LONG);
            }
            dateLine = expires;
            start = now;
            end = until;
        } else {
            if (header.isEmpty() || !header.get(0).startsWith(HEADER_PREFIX)) {
                throw SignatureFields.malformed("the request carries no SigV2 signature");
            }
            String value = header.get(0).substring(HEADER_PREFIX.length()).strip();
            int colon = value.lastIndexOf(':');
            if (colon <= 0) {
                throw SignatureFields.malformed("SigV2 Authorization must be AWS <key>:<signature>");
            }
            accessKey = value.substring(0, colon);
            signature = value.substring(colon + 1);
            String amzDate = SigV4Verifier.single(request, "x-amz-date");
            String date = amzDate != null ? amzDate : SigV4Verifier.single(request, "date");
            if (date == null) {
                throw new AuthenticationException(AuthError.accessDenied(
                        "AWS authentication requires a valid Date or x-amz-date header"));
            }
            start = httpDate(date);
            if (Math.abs(now - start) > rules.clockSkew().toSeconds()) {
                throw new AuthenticationException(AuthError.AWS_TIME_TOO_SKEWED);
            }
            // With x-amz-date the Date line is empty and x-amz-date is signed among the amz headers.
            dateLine = amzDate != null ? "" : date;
            end = start;
        }
        byte[] presented = base64(signature);
        Signer signer = SigningKeys.resolve(temporary, accessKey, directory);

        Sha1Workspace work = Sha1Workspace.get();
        ByteSink stringToSign = work.stringToSign;
        stringToSign.reset();
        List<String> amzNames = amzHeaderNames(request);
        SignedNames signedHeaders = signedHeaders(amzNames);
        SigV4Verifier.requireSignedStoreHeaders(request, signedHeaders);
        write(request, hostBucket, dateLine, amzNames, stringToSign);
        byte[] computed = work.hmac(signer.secretKey().getBytes(StandardCharsets.UTF_8), stringToSign);
        if (!MessageDigest.isEqual(computed, presented)) {
            AuthError error = AuthError.SIGNATURE_DOES_NOT_MATCH;
            throw new AuthenticationException(rules.debugMismatch() ? error.withDebug(stringToSign.text(), null) : error);
        }
        SigningKeys.checkToken(signer, token(request));
        return Authentication.signed(signer, new KeyWindow(start, end, start + ";" + end),
                query ? Carrier.AWS2_QUERY : Carrier.AWS2_HEADER, signedHeaders, signedParameters(request));
    }

    private static void write(AwsSignedRequest request, String hostBucket, String dateLine, List<String> amzNames,
            ByteSink out) throws AuthenticationException {
        out.ascii(request.method());
        out.put((byte) '\n');
        line(SigV4Verifier.single(request, "content-md5"), out);
        line(SigV4Verifier.single(request, "content-type"), out);
        line(dateLine, out);
        for (String name : amzNames) {
            out.ascii(name);
            out.put((byte) ':');
            List<String> values = request.headerValues(name);
            for (int v = 0; v < values.size(); v++) {
                if (v > 0) {
                    out.put((byte) ',');
                }
                out.utf8(values.get(v).strip());
            }
            out.put((byte) '\n');
        }
        if (hostBucket != null) {
            out.put((byte) '/');
            out.utf8(hostBucket);
        }
        out.utf8(request.rawPath().isEmpty() ? "/" : request.rawPath());
        List<String> subResources = new ArrayList<>(2);
        for (int i = 0, n = request.parameterCount(); i < n; i++) {
            String name = request.parameterName(i);
            if (SUB_RESOURCES.contains(name)) {
                String value = request.parameterValue(i);
                subResources.add(value.isEmpty() ? name : name + "=" + value);
            }
        }
        if (!subResources.isEmpty()) {
            Collections.sort(subResources);
            out.put((byte) '?');
            out.utf8(String.join("&", subResources));
        }
    }

    private static void line(String value, ByteSink out) {
        if (value != null) {
            out.utf8(value);
        }
        out.put((byte) '\n');
    }

    /** The lower-cased names of the request's {@code x-amz-*} headers, sorted, each once. */
    private static List<String> amzHeaderNames(AwsSignedRequest request) {
        List<String> names = new ArrayList<>(4);
        for (int i = 0, n = request.headerCount(); i < n; i++) {
            String name = request.headerName(i).toLowerCase(Locale.ROOT);
            if (name.startsWith("x-amz-") && !names.contains(name)) {
                names.add(name);
            }
        }
        Collections.sort(names);
        return names;
    }

    private static SignedNames signedHeaders(List<String> amzNames) throws AuthenticationException {
        StringBuilder list = new StringBuilder("content-md5;content-type;date");
        amzNames.forEach(n -> list.append(';').append(n));
        return SignedNames.parse(SignatureFields.HEADER_LIST, list.toString());
    }

    private static SignedNames signedParameters(SignedRequest request) throws AuthenticationException {
        StringBuilder list = new StringBuilder();
        for (int i = 0, n = request.parameterCount(); i < n; i++) {
            String name = request.parameterName(i);
            if (SUB_RESOURCES.contains(name) && list.indexOf(name.toLowerCase(Locale.ROOT)) < 0) {
                list.append(list.length() == 0 ? "" : ";").append(name.toLowerCase(Locale.ROOT));
            }
        }
        return SignedNames.parse(SignatureFields.PARAM_LIST, list.toString());
    }

    private static String token(AwsSignedRequest request) throws AuthenticationException {
        String header = SigV4Verifier.single(request, SigV4Verifier.TOKEN_HEADER);
        String param = null;
        for (int i = 0, n = request.parameterCount(); i < n; i++) {
            if (SigV4Verifier.TOKEN_HEADER.equals(request.parameterName(i))) {
                param = once(param, request.parameterValue(i), SigV4Verifier.TOKEN_HEADER);
            }
        }
        if (header != null && param != null && !header.equals(param)) {
            throw SignatureFields.malformed("the security tokens of the request differ");
        }
        String token = header != null ? header : param;
        // SigV2 cannot sign the COS twin: it may only repeat the token the signature covers
        String cos = SigV4Verifier.single(request, Authenticator.TOKEN);
        return SigV4Verifier.agree(token == null || token.isEmpty() ? null : token,
                cos == null || cos.isEmpty() ? null : cos);
    }

    /** Seconds of an RFC 1123 date, {@code GMT} or a numeric offset ({@code +0000}, as s3cmd writes it). */
    private static long httpDate(String text) throws AuthenticationException {
        try {
            return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
        } catch (DateTimeParseException e) {
            try {
                return ZonedDateTime.parse(text, OFFSET_DATE).toEpochSecond();
            } catch (DateTimeParseException again) {
                throw new AuthenticationException(AuthError.accessDenied(
                        "AWS authentication requires a valid Date or x-amz-date header"));
            }
        }
    }

    private static byte[] base64(String signature) throws AuthenticationException {
        try {
            byte[] raw = Base64.getDecoder().decode(signature);
            if (raw.length != 20) {
                throw SignatureFields.malformed("the SigV2 signature must be 20 bytes in base64");
            }
            return raw;
        } catch (IllegalArgumentException e) {
            throw SignatureFields.malformed("the SigV2 signature is not base64");
        }
    }

    private static String once(String previous, String value, String name) throws AuthenticationException {
        if (previous != null) {
            throw SignatureFields.malformed(name + " is given twice");
        }
        return value;
    }
}
