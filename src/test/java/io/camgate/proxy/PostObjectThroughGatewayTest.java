package io.camgate.proxy;

import static io.camgate.proxy.ExampleGateway.BOB_ID;
import static io.camgate.proxy.ExampleGateway.BOB_KEY;
import static io.camgate.proxy.ExampleGateway.BUCKET;
import static io.camgate.proxy.ExampleGateway.CAROL_ID;
import static io.camgate.proxy.ExampleGateway.CAROL_KEY;
import static io.camgate.proxy.ExampleGateway.DAVE_ID;
import static io.camgate.proxy.ExampleGateway.DAVE_KEY;
import static io.camgate.proxy.ExampleGateway.HOST;
import static io.camgate.proxy.ExampleGateway.ROOT_ID;
import static io.camgate.proxy.ExampleGateway.ROOT_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.qcloud.cos.COSClient;
import com.qcloud.cos.model.COSObject;
import io.camgate.metrics.RequestOutcome;
import io.camgate.testing.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Browser form uploads (POST Object), signed with the official SDK's POST signature and sent
 * with a plain HTTP client through the gateway to a real s3proxy: the gateway reads the fields,
 * authenticates the policy, authorizes PostObject on the form's key and re-issues the form to
 * s3proxy as an S3 POST form signed with the route's key, the file streamed (a large file through a
 * gateway too small to hold it: {@link LargeObjectInSeparateJvmTest}). Refused forms get
 * COS errors and leave nothing in the store; the gateway keeps serving.
 */
class PostObjectThroughGatewayTest {
    @TempDir
    static Path dir;

    private static final CompletedExchanges EXCHANGES = new CompletedExchanges();
    private static S3ProxyServer s3;
    private static ExampleGateway gw;
    private static COSClient root;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        s3 = S3ProxyServer.start(dir);
        gw = ExampleGateway.start(s3, EXCHANGES);
        root = gw.client(ROOT_ID, ROOT_KEY);
        root.createBucket(BUCKET);
    }

    @AfterAll
    static void stop() {
        if (root != null) {
            root.shutdown();
        }
        gw.close();
        s3.close();
    }

    private static HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.port() + "/"))
                .header("Host", HOST).header("Content-Type", PostForms.contentType()).POST(body).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(byte[] body) throws Exception {
        return post(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private static byte[] read(String key) throws Exception {
        try (COSObject o = root.getObject(BUCKET, key); InputStream in = o.getObjectContent()) {
            return in.readAllBytes();
        }
    }

    private static boolean stored(String key) {
        return root.doesObjectExist(BUCKET, key);
    }

    private static void assertCosError(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.body()).contains("<Code>" + code + "</Code>");
        assertThat(r.headers().firstValue("x-cos-request-id")).isPresent();
    }

    private static PostForms uploads(String key) {
        return new PostForms(BUCKET, key).condition("[\"starts-with\", \"$key\", \"uploads/\"]");
    }

    @Test
    void aSignedFormUploadsTheFileUnderTheAuthorizedKey() throws Exception {
        byte[] file = "hello from a browser form\r\n--not-the-boundary\r\n".getBytes(StandardCharsets.UTF_8);
        Map<String, String> fields = uploads("uploads/${filename}").field("Content-Type", "text/plain")
                .field("x-cos-meta-colour", "blue").field("acl", "private")
                .condition("{\"Content-Type\": \"text/plain\"}").signed(BOB_ID, BOB_KEY);
        HttpResponse<String> r = post(PostForms.body(fields, "hello.txt", file));
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 204);
        assertThat(r.headers().firstValue("x-cos-request-id")).isPresent();
        assertThat(read("uploads/hello.txt")).isEqualTo(file);
        assertThat(root.getObjectMetadata(BUCKET, "uploads/hello.txt").getContentType()).isEqualTo("text/plain");
    }

    @Test
    void aChunkedFormUploadsToo() throws Exception {
        byte[] file = new byte[300_000];
        new Random(7).nextBytes(file);
        byte[] body = PostForms.body(uploads("uploads/chunked.bin").signed(BOB_ID, BOB_KEY), "c.bin", file);
        HttpResponse<String> r = post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 204);
        assertThat(read("uploads/chunked.bin")).isEqualTo(file);
    }

    @Test
    void aFormTrickledInSmallWritesIsReadWhole() throws Exception {
        byte[] file = "trickled".getBytes(StandardCharsets.UTF_8);
        byte[] body = PostForms.body(uploads("uploads/trickled.txt").signed(BOB_ID, BOB_KEY), "t", file);
        try (Socket socket = new Socket("127.0.0.1", gw.port())) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: " + HOST + "\r\nContent-Type: " + PostForms.contentType()
                    + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int at = 0; at < body.length; at += 7) {
                out.write(body, at, Math.min(7, body.length - at));
                out.flush();
            }
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(reply).startsWith("HTTP/1.1 20");
        }
        assertThat(read("uploads/trickled.txt")).isEqualTo(file);
    }

    @Test
    void aFormNamingAnotherBucketIsDenied() throws Exception {
        Map<String, String> fields = uploads("uploads/other-bucket.txt").field("bucket", "partnerbucket-1250000002")
                .signed(BOB_ID, BOB_KEY);
        assertCosError(post(PostForms.body(fields, "x", new byte[] {1})), 403, "AccessDenied");
        assertThat(stored("uploads/other-bucket.txt")).isFalse();
    }

    @Test
    void aPolicyForAnotherBucketIsDenied() throws Exception {
        Map<String, String> fields = new PostForms("partnerbucket-1250000002", "uploads/policy-bucket.txt")
                .signed(BOB_ID, BOB_KEY);
        HttpResponse<String> r = post(PostForms.body(fields, "x", new byte[] {1}));
        assertCosError(r, 403, "AccessDenied");
        assertThat(r.body()).contains("bucket");
        assertThat(stored("uploads/policy-bucket.txt")).isFalse();
    }

    @Test
    void aKeyOutsideThePolicysPrefixIsDenied() throws Exception {
        Map<String, String> fields = uploads("elsewhere/x.txt").signed(BOB_ID, BOB_KEY);
        assertCosError(post(PostForms.body(fields, "x", new byte[] {1})), 403, "AccessDenied");
        assertThat(stored("elsewhere/x.txt")).isFalse();
    }

    @Test
    void anExpiredPolicyIsDenied() throws Exception {
        Map<String, String> fields = uploads("uploads/expired.txt").expiration(Instant.now().minusSeconds(5))
                .signed(BOB_ID, BOB_KEY);
        HttpResponse<String> r = post(PostForms.body(fields, "x", new byte[] {1}));
        assertCosError(r, 403, "AccessDenied");
        assertThat(r.body()).contains("expired");
        assertThat(stored("uploads/expired.txt")).isFalse();
    }

    @Test
    void aTamperedFieldOrPolicyIsDenied() throws Exception {
        Map<String, String> fields = uploads("uploads/tampered.txt").field("Content-Type", "text/plain")
                .condition("{\"Content-Type\": \"text/plain\"}").signed(BOB_ID, BOB_KEY);
        fields.put("Content-Type", "text/html");
        assertCosError(post(PostForms.body(fields, "x", new byte[] {1})), 403, "AccessDenied");

        Map<String, String> policy = uploads("uploads/tampered.txt").signed(BOB_ID, BOB_KEY);
        String json = new String(Base64.getDecoder().decode(policy.get("policy")), StandardCharsets.UTF_8);
        policy.put("policy", Base64.getEncoder().encodeToString(json.replace("uploads/", "")
                .getBytes(StandardCharsets.UTF_8)));
        assertCosError(post(PostForms.body(policy, "x", new byte[] {1})), 403, "SignatureDoesNotMatch");

        Map<String, String> wrongKey = uploads("uploads/tampered.txt").signed(BOB_ID, "not" + BOB_KEY);
        assertCosError(post(PostForms.body(wrongKey, "x", new byte[] {1})), 403, "SignatureDoesNotMatch");
        assertThat(stored("uploads/tampered.txt")).isFalse();
    }

    @Test
    void aKeyCamDoesNotAllowIsDeniedThoughThePolicyAllowsIt() throws Exception {
        Map<String, String> dave = new PostForms(BUCKET, "secret/plan.txt").signed(DAVE_ID, DAVE_KEY);
        assertCosError(post(PostForms.body(dave, "x", new byte[] {1})), 403, "AccessDenied");
        Map<String, String> carol = uploads("uploads/carol.txt").signed(CAROL_ID, CAROL_KEY);
        assertCosError(post(PostForms.body(carol, "x", new byte[] {1})), 403, "AccessDenied");
        assertThat(stored("secret/plan.txt")).isFalse();
        assertThat(stored("uploads/carol.txt")).isFalse();

        Map<String, String> allowed = new PostForms(BUCKET, "open/dave.txt").signed(DAVE_ID, DAVE_KEY);
        assertThat(post(PostForms.body(allowed, "x", new byte[] {1})).statusCode()).isBetween(200, 204);
        assertThat(stored("open/dave.txt")).isTrue();
    }

    @ParameterizedTest(name = "a file of {0} bytes")
    @ValueSource(ints = {7, 3 << 20}) // the larger one is long enough to be spliced, were it not a form
    void aFieldAfterTheFileIsRefusedAndNothingIsStored(int fileBytes) throws Exception {
        Map<String, String> fields = uploads("uploads/before.txt").signed(BOB_ID, BOB_KEY);
        byte[] body = PostForms.body(fields, "x", new byte[fileBytes]);
        String trailing = "--" + PostForms.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\n"
                + "elsewhere/after.txt\r\n--" + PostForms.BOUNDARY + "--\r\n";
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String smuggled = text.substring(0, text.length() - 4) + "\r\n" + trailing;
        HttpResponse<String> r = post(smuggled.getBytes(StandardCharsets.ISO_8859_1));
        assertCosError(r, 400, "MalformedPOSTRequest");
        assertThat(EXCHANGES.outcomeOf(r.headers().firstValue("x-cos-request-id").orElseThrow())).as("counted as an error, not an allow").isEqualTo(RequestOutcome.ERROR);
        assertThat(stored("uploads/before.txt")).isFalse();
        assertThat(stored("elsewhere/after.txt")).isFalse();
    }

    @Test
    void oversizeAndMalformedFormsGetCosErrorsAndTheGatewayKeepsServing() throws Exception {
        Map<String, String> big = uploads("uploads/big-fields.txt").field("x-cos-meta-pad", "p".repeat(70_000))
                .signed(BOB_ID, BOB_KEY);
        assertCosError(post(PostForms.body(big, "x", new byte[] {1})), 400, "MalformedPOSTRequest");
        byte[] noFile = PostForms.fieldBytes(uploads("uploads/no-file.txt").signed(BOB_ID, BOB_KEY));
        assertCosError(post(noFile), 400, "MalformedPOSTRequest");
        HttpResponse<String> notAForm = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gw.port() + "/")).header("Host", HOST)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertCosError(notAForm, 400, "MalformedPOSTRequest");
        Map<String, String> unsigned = Map.of("key", "uploads/unsigned.txt");
        assertCosError(post(PostForms.body(unsigned, "x", new byte[] {1})), 400, "MalformedPOSTRequest");

        Map<String, String> fine = uploads("uploads/after-errors.txt").signed(BOB_ID, BOB_KEY);
        assertThat(post(PostForms.body(fine, "x", new byte[] {5})).statusCode()).isBetween(200, 204);
        assertThat(read("uploads/after-errors.txt")).containsExactly(5);
        assertThat(stored("uploads/big-fields.txt")).isFalse();
    }
}
