package io.camgate.sign;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs requests the gateway sends to an S3-compatible upstream (MinIO, Ceph, s3proxy) with
 * AWS Signature Version 4, using the route's own access key: the client's COS signature
 * proves who the client is to the gateway, and this signature proves the gateway to the store.
 *
 * <p>Bodies are streamed, so the payload is declared {@code UNSIGNED-PAYLOAD} rather than
 * hashed. Every {@code x-amz-*} header present is signed, with {@code host},
 * {@code content-type} and {@code content-md5} when present.
 */
public final class SigV4Signer {
    /** The payload hash declared for streamed bodies. */
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private final String accessKey;
    private final byte[] secret;
    private final String region;
    private final String service;

    /**
     * @param accessKey the upstream access key id
     * @param secretKey the upstream secret
     * @param region    the region the store expects in the scope (e.g. {@code us-east-1})
     * @param service   the service name in the scope ({@code s3})
     */
    public SigV4Signer(String accessKey, String secretKey, String region, String service) {
        this.accessKey = accessKey;
        this.secret = ("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8);
        this.region = region;
        this.service = service;
    }

    /**
     * Computes the headers to add: {@code x-amz-date}, {@code x-amz-content-sha256} and
     * {@code authorization}. {@code headers} holds the request's headers (lower-case names)
     * that may be signed; {@code host} must be among them.
     *
     * @param method      the HTTP method
     * @param decodedPath the path as the store should see it, decoded ({@code /bucket/key})
     * @param query       decoded query parameters; a parameter without value has ""
     * @param headers     lower-case header names to their (single) values
     * @param now         the signing time
     */
    public Map<String, String> sign(String method, String decodedPath, List<Map.Entry<String, String>> query,
            Map<String, String> headers, Instant now) {
        String amzDate = AMZ_DATE.format(now);
        TreeMap<String, String> signed = new TreeMap<>();
        headers.forEach((name, value) -> {
            if (name.startsWith("x-amz-") || name.equals("host") || name.equals("content-type")
                    || name.equals("content-md5")) {
                signed.put(name, value);
            }
        });
        signed.put("x-amz-date", amzDate);
        signed.put("x-amz-content-sha256", UNSIGNED_PAYLOAD);
        String authorization = authorization(method, decodedPath, query, signed, UNSIGNED_PAYLOAD, amzDate);
        return Map.of("x-amz-date", amzDate, "x-amz-content-sha256", UNSIGNED_PAYLOAD,
                "authorization", authorization);
    }

    /**
     * The Authorization header value over exactly {@code signedHeaders} and {@code payloadHash}.
     * Exposed for the published test vectors.
     */
    String authorization(String method, String decodedPath, List<Map.Entry<String, String>> query,
            TreeMap<String, String> signedHeaders, String payloadHash, String amzDate) {
        String date = amzDate.substring(0, 8);
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        StringBuilder canonical = new StringBuilder(256)
                .append(method).append('\n')
                .append(encode(decodedPath, false)).append('\n')
                .append(canonicalQuery(query)).append('\n');
        signedHeaders.forEach((k, v) -> canonical.append(k).append(':').append(v.strip()).append('\n'));
        String names = String.join(";", signedHeaders.keySet());
        canonical.append('\n').append(names).append('\n').append(payloadHash);
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + sha256Hex(canonical.toString());
        String signature = HEX.formatHex(hmac(signingKey(date), toSign));
        return "AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + scope + ", SignedHeaders=" + names
                + ", Signature=" + signature;
    }

    private byte[] signingKey(String date) {
        byte[] key = hmac(secret, date);
        key = hmac(key, region);
        key = hmac(key, service);
        return hmac(key, "aws4_request");
    }

    /** The {@code x-amz-date} of a request signed at {@code now}. */
    public static String amzDate(Instant now) {
        return AMZ_DATE.format(now);
    }

    /** The {@code x-amz-credential} of a POST form signed at {@code now}: key id and scope. */
    public String credential(Instant now) {
        return accessKey + "/" + AMZ_DATE.format(now).substring(0, 8) + "/" + region + "/" + service + "/aws4_request";
    }

    /**
     * The {@code x-amz-signature} of an S3 POST form (browser upload): the policy, as its
     * base64 text, is the string to sign.
     */
    public String postPolicySignature(String base64Policy, Instant now) {
        return HEX.formatHex(hmac(signingKey(AMZ_DATE.format(now).substring(0, 8)), base64Policy));
    }

    private static String canonicalQuery(List<Map.Entry<String, String>> query) {
        List<String[]> pairs = new ArrayList<>(query.size());
        for (Map.Entry<String, String> e : query) {
            pairs.add(new String[] {encode(e.getKey(), true), encode(e.getValue(), true)});
        }
        pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder b = new StringBuilder();
        for (String[] p : pairs) {
            if (b.length() > 0) {
                b.append('&');
            }
            b.append(p[0]).append('=').append(p[1]);
        }
        return b.toString();
    }

    /** RFC 3986 percent-encoding of UTF-8 bytes; {@code /} kept unless {@code slash} is set. */
    private static String encode(String text, boolean slash) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder(bytes.length + 8);
        for (byte x : bytes) {
            int c = x & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~' || (c == '/' && !slash)) {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return b.toString();
    }

    private static String sha256Hex(String text) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "SigV4Signer[" + accessKey + ", " + region + "/" + service + ", secret redacted]";
    }
}
