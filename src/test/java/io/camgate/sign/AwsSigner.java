package io.camgate.sign;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A plain SigV4 signer for tests, written straight from the AWS algorithm with no code shared
 * with the verifier: it signs every header present at {@link AwsVectors#AMZ_DATE}.
 */
final class AwsSigner {
    private static final HexFormat HEX = HexFormat.of();

    private AwsSigner() {
    }

    static AwsRequest sign(AwsRequest request, String key, String secret) {
        return sign(request, key, secret, "ap-shanghai");
    }

    /** {@code request} with x-amz-date and an Authorization over all its headers. */
    static AwsRequest sign(AwsRequest request, String key, String secret, String region) {
        AwsRequest dated = request.withHeader("X-Amz-Date", AwsVectors.AMZ_DATE);
        TreeMap<String, String> headers = new TreeMap<>();
        for (String[] h : dated.headers()) {
            headers.merge(h[0].toLowerCase(Locale.ROOT), h[1].strip(), (a, b) -> a + "," + b);
        }
        String payload = headers.getOrDefault("x-amz-content-sha256", AwsVectors.EMPTY_SHA256);
        String scope = "20260115/" + region + "/s3/aws4_request";
        String signedHeaders = String.join(";", headers.keySet());
        String signature = signature(dated, headers, payload, scope, secret, region, false);
        return dated.withHeader("Authorization", "AWS4-HMAC-SHA256 Credential=" + key + "/" + scope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
    }

    /** A presigned request for {@code method target} (target without query), host signed only. */
    static AwsRequest presign(String method, String path, String extraQuery, String key, String secret,
            long expires) {
        String scope = "20260115/ap-shanghai/s3/aws4_request";
        String query = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + key + "%2F"
                + scope.replace("/", "%2F") + "&X-Amz-Date=" + AwsVectors.AMZ_DATE + "&X-Amz-Expires=" + expires
                + "&X-Amz-SignedHeaders=host" + (extraQuery.isEmpty() ? "" : "&" + extraQuery);
        AwsRequest unsigned = new AwsRequest(method, path + "?" + query).header("Host", AwsVectors.HOST);
        TreeMap<String, String> headers = new TreeMap<>();
        headers.put("host", AwsVectors.HOST);
        String signature = signature(unsigned, headers, "UNSIGNED-PAYLOAD", scope, secret, "ap-shanghai", true);
        return new AwsRequest(method, path + "?" + query + "&X-Amz-Signature=" + signature)
                .header("Host", AwsVectors.HOST);
    }

    private static String signature(AwsRequest request, TreeMap<String, String> headers, String payload,
            String scope, String secret, String region, boolean presign) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < request.parameterCount(); i++) {
            pairs.add(encode(request.parameterName(i)) + "=" + encode(request.parameterValue(i)));
        }
        pairs.sort(null);
        StringBuilder canonical = new StringBuilder();
        canonical.append(request.method()).append('\n').append(request.rawPath()).append('\n')
                .append(String.join("&", pairs)).append('\n');
        headers.forEach((k, v) -> canonical.append(k).append(':').append(v).append('\n'));
        canonical.append('\n').append(String.join(";", headers.keySet())).append('\n').append(payload);
        String toSign = "AWS4-HMAC-SHA256\n" + AwsVectors.AMZ_DATE + "\n" + scope + "\n" + sha256(canonical.toString());
        byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), "20260115");
        k = hmac(k, region);
        k = hmac(k, "s3");
        k = hmac(k, "aws4_request");
        return HEX.formatHex(hmac(k, toSign));
    }

    static String encode(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_' || c == '.' || c == '~') {
                b.append((char) c);
            } else {
                b.append(String.format("%%%02X", c));
            }
        }
        return b.toString();
    }

    static String sha256(String s) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
