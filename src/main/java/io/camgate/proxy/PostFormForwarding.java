package io.camgate.proxy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camgate.config.RouteSettings.UpstreamAuth;
import io.camgate.cos.CosRequest;
import io.camgate.cos.PostForm;
import io.camgate.sign.RequestSigner;
import io.camgate.sign.SigV4Signer;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How an authorized POST Object form goes upstream. The file part and everything after it are
 * streamed verbatim (checked by {@link FormTail}); the fields before it are, by the route's mode:
 * <ul>
 * <li>{@code passthrough}: forwarded unchanged, for COS to check the client's own policy again;</li>
 * <li>{@code sigv4}: rewritten as an S3 POST form: the authorized key, the other fields with
 *     {@code x-cos-*} translated as {@link S3Dialect} translates headers ({@code x-cos-acl}
 *     and COS's {@code acl} become S3's {@code acl}), and a fresh S3 policy that names exactly
 *     these fields, signed with the route's key (SigV4);</li>
 * <li>{@code cos}: rewritten as a COS form with the same fields and a fresh COS policy signed
 *     with the route's service key;</li>
 * <li>{@code none}: the authorized key and the other fields, without the client's credentials.</li>
 * </ul>
 * The client's {@code key} is replaced by the key that was authorized (with {@code ${filename}}
 * already substituted) in every mode but passthrough, and its {@code bucket} field is dropped:
 * the bucket is the request's. The new Content-Length is the old one less the client's field
 * bytes plus the new ones; a chunked request stays chunked.
 */
final class PostFormForwarding {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fields that carry the client's authentication or address the upload; never forwarded as sent. */
    private static final List<String> REPLACED = List.of("key", "bucket", "policy", "file", "signature",
            "awsaccesskeyid", "x-cos-security-token", "x-ci-security-token");

    private PostFormForwarding() {
    }

    /**
     * @param request  the authorized POST Object
     * @param form     its form, read up to the file
     * @param key      the key that was authorized
     * @param client   the client's request head
     * @param route    where it goes
     * @param declared the client's Content-Length, or -1 when chunked
     * @param now      the signing time
     */
    static Verdict.AllowForm forward(CosRequest request, PostForm form, String key, HttpRequest client, Route route,
            boolean secure, long declared, Instant now) throws ForwardingRefused {
        UpstreamAuth auth = route.auth();
        List<Map.Entry<String, String>> passing = passing(request, form);
        byte[] fields = auth == UpstreamAuth.PASSTHROUGH ? new byte[0]
                : encode(form.boundary(), fields(passing, key, request.bucket(), route, now));
        int replaced = auth == UpstreamAuth.PASSTHROUGH ? 0 : form.filePart();
        long length = declared < 0 ? -1 : declared - replaced + fields.length;
        long file = declared < 0 ? -1 : declared - form.fileContent() - form.closingLength();
        HttpRequest head = UpstreamRequestBuilder.buildForm(request, client, route, secure, length);
        Verdict.Allow allow = auth == UpstreamAuth.SIGV4
                ? new Verdict.Allow(route.upstream(), head, S3Dialect::responseHeaders)
                : new Verdict.Allow(route.upstream(), head);
        return new Verdict.AllowForm(allow, fields, replaced,
                new FormTail(form.boundary(), form.fileContent() - replaced, file));
    }

    /**
     * The client's fields that may reach the store ({@link ForwardedHeaders#formField}), leaving
     * out those that carry its authentication or address the upload. In {@code passthrough} mode
     * the fields go on as sent, so a field that could change the upload is refused in every mode.
     */
    private static List<Map.Entry<String, String>> passing(CosRequest request, PostForm form)
            throws ForwardingRefused {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (Map.Entry<String, String> e : form.fields().entrySet()) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (!REPLACED.contains(name) && !name.startsWith("q-") && ForwardedHeaders.formField(request, e.getKey())) {
                out.add(e);
            }
        }
        return out;
    }

    /** The fields to send, in order, as name and value. */
    private static List<String[]> fields(List<Map.Entry<String, String>> passing, String key, String bucket,
            Route route, Instant now) throws ForwardingRefused {
        UpstreamAuth auth = route.auth();
        List<String[]> out = new ArrayList<>();
        out.add(new String[] {"key", key});
        for (Map.Entry<String, String> e : passing) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (auth == UpstreamAuth.SIGV4 && (name.equals("acl") || name.startsWith("x-cos-"))) {
                HttpHeaders s3 = new DefaultHttpHeaders();
                S3Dialect.requestHeader(name.equals("acl") ? "x-cos-acl" : name, e.getValue(), null, s3);
                for (Map.Entry<String, String> h : s3) {
                    out.add(new String[] {h.getKey().equals("x-amz-acl") ? "acl" : h.getKey(), h.getValue()});
                }
            } else {
                out.add(new String[] {e.getKey(), e.getValue()});
            }
        }
        switch (auth) {
            case SIGV4 -> signS3(out, bucket, route.sigv4(), now);
            case COS -> signCos(out, bucket, route, now);
            default -> { }
        }
        return out;
    }

    private static void signS3(List<String[]> out, String bucket, SigV4Signer signer, Instant now) {
        out.add(new String[] {"x-amz-algorithm", "AWS4-HMAC-SHA256"});
        out.add(new String[] {"x-amz-credential", signer.credential(now)});
        out.add(new String[] {"x-amz-date", SigV4Signer.amzDate(now)});
        String policy = Base64.getEncoder().encodeToString(policy(out, bucket, now));
        out.add(new String[] {"policy", policy});
        out.add(new String[] {"x-amz-signature", signer.postPolicySignature(policy, now)});
    }

    private static void signCos(List<String[]> out, String bucket, Route route, Instant now) {
        long start = now.getEpochSecond() - 60;
        String window = start + ";" + (start + UpstreamRequestBuilder.COS_SIGNATURE_SECONDS);
        out.add(new String[] {"q-sign-algorithm", "sha1"});
        out.add(new String[] {"q-ak", route.settings().accessKey()});
        out.add(new String[] {"q-key-time", window});
        byte[] json = policy(out, bucket, now);
        out.add(new String[] {"policy", Base64.getEncoder().encodeToString(json)});
        out.add(new String[] {"q-signature",
            RequestSigner.postPolicySignature(route.settings().secretKey(), window, json)});
    }

    /** A policy naming the bucket and exactly each field of {@code out}, valid for the signature's lifetime. */
    private static byte[] policy(List<String[]> out, String bucket, Instant now) {
        ObjectNode root = JSON.createObjectNode();
        root.put("expiration", now.plusSeconds(UpstreamRequestBuilder.COS_SIGNATURE_SECONDS)
                .truncatedTo(ChronoUnit.SECONDS).toString());
        ArrayNode conditions = root.putArray("conditions");
        conditions.addObject().put("bucket", bucket);
        for (String[] f : out) {
            // COS policies name the form's q-key-time as q-sign-time (reference §1.7).
            String name = f[0].equals("q-key-time") ? "q-sign-time" : f[0];
            conditions.addArray().add("eq").add("$" + name).add(f[1]);
        }
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The fields as multipart parts, each closed by the CRLF before the next delimiter. */
    private static byte[] encode(String boundary, List<String[]> fields) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(256 * fields.size());
        for (String[] f : fields) {
            b.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f[0] + "\"\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            b.writeBytes(f[1].getBytes(StandardCharsets.UTF_8));
            b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return b.toByteArray();
    }
}
