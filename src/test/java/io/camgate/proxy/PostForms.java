package io.camgate.proxy;

import com.qcloud.cos.auth.COSSigner;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Browser-style POST Object forms for tests, signed as the official COS SDK signs them
 * ({@code COSSigner.buildPostObjectSignature}): a policy with an expiration and conditions,
 * the {@code q-*} fields, and any other fields, then the file part last.
 */
public final class PostForms {
    public static final String BOUNDARY = "----camgateFormBoundaryQ3x9";

    private final Map<String, String> fields = new LinkedHashMap<>();
    private final List<String> conditions = new ArrayList<>();
    private Instant expiration = Instant.now().plus(10, ChronoUnit.MINUTES);
    private String keyTime;

    /** A form writing {@code key} (which may hold {@code ${filename}}), allowed by a policy with {@code bucket}. */
    public PostForms(String bucket, String key) {
        fields.put("key", key);
        long now = Instant.now().getEpochSecond();
        keyTime = (now - 60) + ";" + (now + 600);
        conditions.add("{\"bucket\": \"" + bucket + "\"}");
    }

    /** Adds a form field (not a condition). */
    public PostForms field(String name, String value) {
        fields.put(name, value);
        return this;
    }

    /** Adds a policy condition, written as JSON. */
    public PostForms condition(String json) {
        conditions.add(json);
        return this;
    }

    public PostForms expiration(Instant at) {
        expiration = at;
        return this;
    }

    public PostForms keyTime(String window) {
        keyTime = window;
        return this;
    }

    /** The policy document's JSON text. */
    public String policy(String secretId) {
        List<String> all = new ArrayList<>(conditions);
        all.add("{\"q-sign-algorithm\": \"sha1\"}");
        all.add("{\"q-ak\": \"" + secretId + "\"}");
        all.add("{\"q-sign-time\": \"" + keyTime + "\"}");
        return "{\"expiration\": \"" + expiration.truncatedTo(ChronoUnit.MILLIS) + "\", \"conditions\": ["
                + String.join(", ", all) + "]}";
    }

    /** Every field of the signed form, policy and signature included, in order. */
    public Map<String, String> signed(String secretId, String secretKey) {
        String policy = policy(secretId);
        Map<String, String> out = new LinkedHashMap<>(fields);
        out.put("policy", Base64.getEncoder().encodeToString(policy.getBytes(StandardCharsets.UTF_8)));
        out.put("q-sign-algorithm", "sha1");
        out.put("q-ak", secretId);
        out.put("q-key-time", keyTime);
        out.put("q-signature", new COSSigner().buildPostObjectSignature(secretKey, keyTime, policy));
        return out;
    }

    /** The fields as multipart parts, up to (not including) the file part. */
    public static byte[] fieldBytes(Map<String, String> fields) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        fields.forEach((name, value) -> b.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        return b.toByteArray();
    }

    /** The file part's delimiter and headers. */
    public static byte[] fileHead(String fileName) {
        return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** What follows the file's content. */
    public static byte[] closing() {
        return ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A whole body: {@code fields}, then the file part holding {@code file}. */
    public static byte[] body(Map<String, String> fields, String fileName, byte[] file) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(fieldBytes(fields));
        b.writeBytes(fileHead(fileName));
        b.writeBytes(file);
        b.writeBytes(closing());
        return b.toByteArray();
    }

    public static String contentType() {
        return "multipart/form-data; boundary=" + BOUNDARY;
    }
}
