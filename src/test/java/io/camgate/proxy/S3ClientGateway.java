package io.camgate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.qcloud.cos.COSClient;
import com.qcloud.cos.exception.CosServiceException;
import io.camgate.config.GatewaySettings;
import io.camgate.testing.S3ProxyServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * The example configuration in front of a real s3proxy, for the S3-client tests: the gateway
 * at its own loopback address ({@code http://127.0.0.1:PORT}, path style, the bucket's region
 * from the directory), the example bucket created, and the root account's COS SDK client to
 * read what the store holds independently of the client under test.
 */
final class S3ClientGateway implements AutoCloseable {
    static final String BUCKET = ExampleGateway.BUCKET;
    static final String REGION = "ap-shanghai";
    /** The secret plan seeded under {@code secret/}, which dave's deny-secret policy hides. */
    static final String SECRET = "secret/plan.txt";
    static final String SECRET_TEXT = "top secret";

    /** A caller of the example configuration, with the access key pair its client signs with. */
    record Caller(String name, String id, String key) {
    }

    /** The account that owns the bucket: everything, ListBuckets too. */
    static final Caller ROOT = new Caller("root", ExampleGateway.ROOT_ID, ExampleGateway.ROOT_KEY);
    /** Read and write on the bucket. */
    static final Caller BOB = new Caller("bob", ExampleGateway.BOB_ID, ExampleGateway.BOB_KEY);
    /** Read only. */
    static final Caller CAROL = new Caller("carol", ExampleGateway.CAROL_ID, ExampleGateway.CAROL_KEY);
    /** Read and write, but denied {@code secret/}. */
    static final Caller DAVE = new Caller("dave", ExampleGateway.DAVE_ID, ExampleGateway.DAVE_KEY);
    /** Bob's access key with a secret that is not bob's. */
    static final Caller WRONG = new Caller("wrong", ExampleGateway.BOB_ID, "notBobsSecretKey0000000000000012");

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final S3ProxyServer s3;
    private final ExampleGateway gateway;
    private final COSClient root;

    private S3ClientGateway(S3ProxyServer s3, ExampleGateway gateway) {
        this.s3 = s3;
        this.gateway = gateway;
        this.root = gateway.client(ExampleGateway.ROOT_ID, ExampleGateway.ROOT_KEY);
    }

    /** Starts s3proxy storing under {@code dir}/store and the gateway, creates the bucket and seeds the secret. */
    static S3ClientGateway start(Path dir) throws Exception {
        S3ProxyServer s3 = S3ProxyServer.start(Files.createDirectories(dir.resolve("store")));
        S3ClientGateway started;
        try {
            started = new S3ClientGateway(s3, ExampleGateway.start(withListing(s3), RequestObserver.NONE));
        } catch (Exception | Error e) {
            s3.close();
            throw e;
        }
        started.root.createBucket(BUCKET);
        started.root.putObject(BUCKET, SECRET, SECRET_TEXT);
        return started;
    }

    /**
     * The example routes, and a route naming the gateway's own address, which takes only what
     * names no bucket there (ListBuckets): path-style requests keep their bucket's route.
     */
    private static GatewaySettings withListing(S3ProxyServer s3) {
        GatewaySettings example = ExampleGateway.settings(s3.uri(), ExampleGateway.plainListener());
        return new GatewaySettings(example.listen(), example.signature(), List.of(example.routes().get(0),
                ExampleGateway.route("listing", List.of(), List.of("127.0.0.1"), s3.uri())));
    }

    /** The gateway's own address, as an S3 client's endpoint. */
    String endpoint() {
        return "http://127.0.0.1:" + gateway.port();
    }

    int port() {
        return gateway.port();
    }

    /** What the store holds under {@code key}, read by the root account through COS; null when nothing. */
    byte[] stored(String key) throws IOException {
        try (InputStream in = root.getObject(BUCKET, key).getObjectContent()) {
            return in.readAllBytes();
        } catch (CosServiceException e) {
            if (e.getStatusCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** The store's ETag of {@code key}: a multipart upload's ends in {@code -<parts>}. */
    String etag(String key) {
        return root.getObjectMetadata(BUCKET, key).getETag();
    }

    /** GETs {@code url} (a presigned URL) with a plain HTTP/1.1 client. */
    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Checks that {@code response} is a 403 whose S3 error names {@code code}, and returns its body. */
    static String refused(HttpResponse<String> response, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.body()).contains("<Code>" + code + "</Code>");
        return response.body();
    }

    /** PUTs {@code body} to {@code url} (a presigned URL) with a plain HTTP/1.1 client. */
    static HttpResponse<String> put(String url, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Puts {@code text} under {@code key} as the root account, through COS. */
    void seed(String key, String text) {
        root.putObject(BUCKET, key, text);
    }

    /** A file of {@code size} seeded random bytes. */
    static Path randomFile(Path dir, String name, int size, long seed) throws IOException {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }

    /** A small text file. */
    static Path textFile(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        root.shutdown();
        gateway.close();
        s3.close();
    }
}
