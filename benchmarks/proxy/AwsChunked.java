import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs an S3 PutObject of INPUT at HOST (path style, PATH = /bucket/key) the way the AWS SDKs do
 * over plain HTTP, for curl to send: {@code signed} writes the aws-chunked body
 * (STREAMING-AWS4-HMAC-SHA256-PAYLOAD, CHUNK-byte chunks, each signed in the chain from the
 * header signature, then the final zero-length chunk) to OUTPUT; {@code unsigned} signs the
 * header only (UNSIGNED-PAYLOAD) and INPUT is sent as it is. Prints the headers, one per line.
 * JDK only: {@code java benchmarks/proxy/AwsChunked.java signed|unsigned HOST PATH KEYID SECRET
 * REGION INPUT OUTPUT [CHUNK]}. The signature is valid for the gateway's skew (15 min).
 */
public final class AwsChunked {
    private static final HexFormat HEX = HexFormat.of();
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    public static void main(String[] args) throws Exception {
        boolean signed = args[0].equals("signed");
        String host = args[1];
        String path = args[2];
        String keyId = args[3];
        String secret = args[4];
        String region = args[5];
        Path input = Path.of(args[6]);
        Path output = Path.of(args[7]);
        int chunk = args.length > 8 ? Integer.parseInt(args[8]) : 128 * 1024;

        String amzDate = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        String day = amzDate.substring(0, 8);
        String scope = day + "/" + region + "/s3/aws4_request";
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), day);
        for (String part : new String[] {region, "s3", "aws4_request"}) {
            key = hmac(key, part);
        }
        long length = Files.size(input);
        TreeMap<String, String> headers = new TreeMap<>();
        headers.put("host", host);
        headers.put("x-amz-date", amzDate);
        if (signed) {
            headers.put("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
            headers.put("content-encoding", "aws-chunked");
            headers.put("x-amz-decoded-content-length", Long.toString(length));
            headers.put("content-length", Long.toString(encodedLength(length, chunk)));
        } else {
            headers.put("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        }
        StringBuilder canonical = new StringBuilder("PUT\n").append(path).append("\n\n");
        headers.forEach((n, v) -> canonical.append(n).append(':').append(v).append('\n'));
        String names = String.join(";", headers.keySet());
        canonical.append('\n').append(names).append('\n').append(headers.get("x-amz-content-sha256"));
        byte[] request = canonical.toString().getBytes(StandardCharsets.UTF_8);
        String seed = HEX.formatHex(hmac(key, "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + sha256Hex(request, 0, request.length)));

        Map<String, String> out = new LinkedHashMap<>(headers);
        out.remove("host");
        out.put("authorization", "AWS4-HMAC-SHA256 Credential=" + keyId + "/" + scope + ", SignedHeaders=" + names
                + ", Signature=" + seed);
        if (signed) {
            writeChunks(input, output, chunk, key, amzDate, scope, seed, length);
        }
        out.forEach((n, v) -> System.out.println(n + ": " + v));
    }

    private static long encodedLength(long length, int chunk) {
        long full = length / chunk;
        int rest = (int) (length % chunk);
        long total = full * frame(chunk) + frame(0);
        return rest == 0 ? total : total + frame(rest);
    }

    /** Bytes of one chunk: hex size, ";chunk-signature=", 64 hex, CRLF, data, CRLF. */
    private static long frame(int size) {
        return Integer.toHexString(size).length() + 17 + 64 + 2 + size + 2;
    }

    private static void writeChunks(Path input, Path output, int chunk, byte[] key, String amzDate, String scope,
            String seed, long length) throws Exception {
        String previous = seed;
        byte[] buffer = new byte[chunk];
        long written = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(input), 1 << 20);
                OutputStream body = new BufferedOutputStream(Files.newOutputStream(output), 1 << 20)) {
            while (true) {
                int n = in.readNBytes(buffer, 0, chunk);
                String signature = HEX.formatHex(hmac(key, "AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n" + scope + "\n"
                        + previous + "\n" + EMPTY_SHA256 + "\n" + sha256Hex(buffer, 0, n)));
                body.write((Integer.toHexString(n) + ";chunk-signature=" + signature + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                body.write(buffer, 0, n);
                body.write('\r');
                body.write('\n');
                written += n;
                previous = signature;
                if (n == 0) {
                    break;
                }
            }
        }
        if (written != length) {
            throw new IllegalStateException("read " + written + " bytes of " + length);
        }
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256Hex(byte[] data, int from, int length) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(data, from, length);
        return HEX.formatHex(digest.digest());
    }
}
