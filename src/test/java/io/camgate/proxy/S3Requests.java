package io.camgate.proxy;

import io.camgate.testing.RawHttp;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Raw S3 requests as the AWS SDKs and CLIs write them, signed here from the published SigV4 and
 * SigV2 algorithms (written for the tests, not taken from the gateway's verifiers, so that each
 * checks the other): SigV4 in the header with any payload line, SigV4 presigned URLs, aws-chunked
 * bodies with signed chunks or an unsigned trailer, and SigV2 in the header or the query. Paths
 * and query values must be plain (letters, digits, {@code / . - _}), which is all the tests use.
 */
final class S3Requests {
    static final String REGION = "us-east-1";
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RFC_1123 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private S3Requests() {
    }

    /** A SigV4 signature in progress: its time, scope and key, and the signature that seeds a chunk chain. */
    record Signed(String head, String amzDate, String scope, byte[] key, String signature) {
    }

    /**
     * A request head up to (not including) the blank line, signed with SigV4 in the Authorization
     * header over {@code host}, {@code x-amz-date}, {@code x-amz-content-sha256} and every header
     * in {@code headers}; {@code payload} is the x-amz-content-sha256 line. Asks for the
     * connection to close.
     *
     * @param query the query as sent ({@code a=1&b}), or ""
     */
    static Signed sigV4(String method, String host, String path, String query, Map<String, String> headers,
            String payload, String id, String secret, Instant now) {
        String amzDate = AMZ_DATE.format(now);
        TreeMap<String, String> signed = new TreeMap<>();
        signed.put("host", host);
        signed.put("x-amz-date", amzDate);
        signed.put("x-amz-content-sha256", payload);
        headers.forEach((n, v) -> signed.put(n.toLowerCase(Locale.ROOT), v));
        String scope = amzDate.substring(0, 8) + "/" + REGION + "/s3/aws4_request";
        byte[] key = signingKey(secret, amzDate.substring(0, 8));
        String names = String.join(";", signed.keySet());
        String signature = signature(key, amzDate, scope,
                canonical(method, path, query, signed, names, payload));
        StringBuilder head = new StringBuilder(method + " " + path + (query.isEmpty() ? "" : "?" + query)
                + " HTTP/1.1\r\n");
        head.append("Host: ").append(host).append("\r\n");
        head.append("x-amz-date: ").append(amzDate).append("\r\n");
        head.append("x-amz-content-sha256: ").append(payload).append("\r\n");
        headers.forEach((n, v) -> head.append(n).append(": ").append(v).append("\r\n"));
        head.append("Authorization: AWS4-HMAC-SHA256 Credential=").append(id).append('/').append(scope)
                .append(", SignedHeaders=").append(names).append(", Signature=").append(signature).append("\r\n");
        head.append("Connection: close\r\n");
        return new Signed(head.toString(), amzDate, scope, key, signature);
    }

    /** {@link #sigV4} now with the body's SHA-256 as the payload line. */
    static String sigV4(String method, String host, String path, String query, Map<String, String> headers,
            byte[] body, String id, String secret) {
        return sigV4(method, host, path, query, headers, sha256Hex(body), id, secret, Instant.now()).head();
    }

    /**
     * A presigned URL's request target for {@code method} on {@code path}, signing only
     * {@code host}, valid for {@code expires} seconds from {@code now}.
     *
     * @param query further parameters as sent ({@code a=1&b}), or ""; they are signed too
     */
    static String presigned(String method, String host, String path, String query, String id, String secret,
            Instant now, long expires) {
        String amzDate = AMZ_DATE.format(now);
        String scope = amzDate.substring(0, 8) + "/" + REGION + "/s3/aws4_request";
        String fields = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + id + "%2F" + scope.replace("/", "%2F")
                + "&X-Amz-Date=" + amzDate + "&X-Amz-Expires=" + expires + "&X-Amz-SignedHeaders=host";
        String all = query.isEmpty() ? fields : query + "&" + fields;
        TreeMap<String, String> signed = new TreeMap<>(Map.of("host", host));
        String signature = signature(signingKey(secret, amzDate.substring(0, 8)), amzDate, scope,
                canonical(method, path, all, signed, "host", "UNSIGNED-PAYLOAD"));
        return path + "?" + all + "&X-Amz-Signature=" + signature;
    }

    /**
     * An aws-chunked body with signed chunks ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}) of at
     * most {@code chunk} bytes each, chained from {@code seed}'s signature, ending with the
     * signed zero-length chunk.
     */
    static byte[] signedChunks(Signed seed, byte[] data, int chunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String previous = seed.signature();
        for (int at = 0; ; at = Math.min(at + chunk, data.length)) {
            int n = Math.min(chunk, data.length - at);
            byte[] piece = java.util.Arrays.copyOfRange(data, at, at + n);
            previous = chunkSignature(seed, previous, piece);
            write(out, Integer.toHexString(n) + ";chunk-signature=" + previous + "\r\n");
            out.writeBytes(piece);
            write(out, "\r\n");
            if (n == 0) {
                return out.toByteArray();
            }
        }
    }

    /**
     * An aws-chunked body without chunk signatures ({@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}),
     * ending with the zero-length chunk and the trailer {@code x-amz-checksum-crc32:<crc>}.
     */
    static byte[] unsignedChunksWithCrc32(byte[] data, int chunk, String crc32) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < data.length; at += chunk) {
            int n = Math.min(chunk, data.length - at);
            write(out, Integer.toHexString(n) + "\r\n");
            out.write(data, at, n);
            write(out, "\r\n");
        }
        write(out, "0\r\nx-amz-checksum-crc32:" + crc32 + "\r\n\r\n");
        return out.toByteArray();
    }

    /** The signature of one chunk after {@code previous}. */
    static String chunkSignature(Signed seed, String previous, byte[] piece) {
        String toSign = "AWS4-HMAC-SHA256-PAYLOAD\n" + seed.amzDate() + "\n" + seed.scope() + "\n" + previous + "\n"
                + EMPTY_SHA256 + "\n" + sha256Hex(piece);
        return HEX.formatHex(hmac(seed.key(), toSign));
    }

    /**
     * A SigV2 request head (up to the blank line) signed in the header, path style: the resource is
     * {@code path} itself, which starts with the bucket; sub-resources in {@code query} are signed.
     */
    static String sigV2(String method, String host, String path, String query, Map<String, String> headers,
            String id, String secret) {
        String date = RFC_1123.format(Instant.now());
        String signature = sigV2Signature(method, path, query, headers, date, secret);
        StringBuilder head = new StringBuilder(method + " " + path + (query.isEmpty() ? "" : "?" + query)
                + " HTTP/1.1\r\n");
        head.append("Host: ").append(host).append("\r\nDate: ").append(date).append("\r\n");
        headers.forEach((n, v) -> head.append(n).append(": ").append(v).append("\r\n"));
        return head.append("Authorization: AWS ").append(id).append(':').append(signature)
                .append("\r\nConnection: close\r\n").toString();
    }

    /** A SigV2 presigned request target (path style), valid until {@code expires} (epoch seconds). */
    static String sigV2Presigned(String method, String path, String id, String secret, long expires) {
        String signature = sigV2Signature(method, path, "", Map.of(), Long.toString(expires), secret);
        return path + "?AWSAccessKeyId=" + id + "&Expires=" + expires + "&Signature="
                + java.net.URLEncoder.encode(signature, StandardCharsets.UTF_8);
    }

    private static String sigV2Signature(String method, String path, String query, Map<String, String> headers,
            String date, String secret) {
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((n, v) -> lower.put(n.toLowerCase(Locale.ROOT), v.strip()));
        StringBuilder toSign = new StringBuilder(method).append('\n')
                .append(lower.getOrDefault("content-md5", "")).append('\n')
                .append(lower.getOrDefault("content-type", "")).append('\n')
                .append(date).append('\n');
        new TreeMap<>(lower).forEach((n, v) -> {
            if (n.startsWith("x-amz-")) {
                toSign.append(n).append(':').append(v).append('\n');
            }
        });
        toSign.append(path);
        List<String> sub = new ArrayList<>();
        for (String p : query.isEmpty() ? new String[0] : query.split("&")) {
            sub.add(p);
        }
        sub.sort(null);
        if (!sub.isEmpty()) {
            toSign.append('?').append(String.join("&", sub));
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(toSign.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends {@code head} (up to the blank line) with {@code body} framed by Content-Length, and reads the reply. */
    static RawHttp.Reply send(int port, String head, byte[] body) throws java.io.IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        write(all, head + "Content-Length: " + body.length + "\r\n\r\n");
        all.writeBytes(body);
        try (RawHttp http = new RawHttp(port)) {
            return http.send(all.toByteArray()).read();
        }
    }

    /** Base64 of the big-endian CRC32 of {@code data}, as {@code x-amz-checksum-crc32} carries it. */
    static String crc32(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        long v = crc.getValue();
        return Base64.getEncoder().encodeToString(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8),
            (byte) v});
    }

    static String sha256Hex(byte[] data) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String canonical(String method, String path, String query, TreeMap<String, String> headers,
            String names, String payload) {
        StringBuilder c = new StringBuilder(method).append('\n').append(path).append('\n');
        List<String> params = new ArrayList<>();
        for (String p : query.isEmpty() ? new String[0] : query.split("&")) {
            params.add(p.contains("=") ? p : p + "=");
        }
        params.sort(null);
        c.append(String.join("&", params)).append('\n');
        headers.forEach((n, v) -> c.append(n).append(':').append(v.strip()).append('\n'));
        return c.append('\n').append(names).append('\n').append(payload).toString();
    }

    private static String signature(byte[] key, String amzDate, String scope, String canonical) {
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + sha256Hex(canonical.getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(hmac(key, toSign));
    }

    private static byte[] signingKey(String secret, String day) {
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), day);
        key = hmac(key, REGION);
        key = hmac(key, "s3");
        return hmac(key, "aws4_request");
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }
}
