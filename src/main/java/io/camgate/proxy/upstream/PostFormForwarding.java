package io.camgate.proxy.upstream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camgate.cos.CosRequest;
import io.camgate.cos.PostForm;
import io.netty.handler.codec.http.HttpRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How an authorized POST Object form goes upstream. The file part and everything after it are
 * streamed verbatim (checked by {@link FormTail}); the fields before it go on unchanged in
 * {@code passthrough} mode, for COS to check the client's own policy again, and are otherwise
 * rewritten: the authorized key, the other fields as the route's {@link UpstreamMode} names them,
 * and the mode's fresh policy naming exactly these fields, signed with the route's key.
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
        UpstreamMode mode = route.mode();
        List<Map.Entry<String, String>> passing = passing(request, form);
        byte[] fields = !mode.rewritesForm() ? new byte[0]
                : encode(form.boundary(), fields(passing, key, request.bucket(), mode, now));
        int replaced = !mode.rewritesForm() ? 0 : form.filePart();
        long length = declared < 0 ? -1 : declared - replaced + fields.length;
        long file = declared < 0 ? -1 : declared - form.fileContent() - form.closingLength();
        HttpRequest head = UpstreamRequestBuilder.buildForm(request, client, route, secure, length);
        Verdict.Allow allow = new Verdict.Allow(route.upstream(), head, mode.responseHeaders());
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
            UpstreamMode mode, Instant now) throws ForwardingRefused {
        List<String[]> out = new ArrayList<>();
        out.add(new String[] {"key", key});
        for (Map.Entry<String, String> e : passing) {
            mode.formField(e.getKey().toLowerCase(Locale.ROOT), e.getKey(), e.getValue(), out);
        }
        mode.signForm(out, bucket, now);
        return out;
    }

    /** A policy naming the bucket and exactly each field of {@code out}, valid for the signature's lifetime. */
    static byte[] policy(List<String[]> out, String bucket, Instant now) {
        ObjectNode root = JSON.createObjectNode();
        root.put("expiration", now.plusSeconds(CosResignMode.SIGNATURE_SECONDS)
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
