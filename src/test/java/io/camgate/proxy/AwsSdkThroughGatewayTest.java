package io.camgate.proxy;

import static io.camgate.proxy.S3ClientGateway.BOB;
import static io.camgate.proxy.S3ClientGateway.BUCKET;
import static io.camgate.proxy.S3ClientGateway.CAROL;
import static io.camgate.proxy.S3ClientGateway.DAVE;
import static io.camgate.proxy.S3ClientGateway.REGION;
import static io.camgate.proxy.S3ClientGateway.SECRET;
import static io.camgate.proxy.S3ClientGateway.SECRET_TEXT;
import static io.camgate.proxy.S3ClientGateway.WRONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.camgate.proxy.S3ClientGateway.Caller;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The AWS SDK for Java v2 (its default Apache 5 HTTP client) through the gateway at its own
 * address to a real s3proxy, in the payload modes it picks over plain HTTP: by default a
 * chunk-signed body with a CRC32 trailer ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER}),
 * with checksums only when required signed chunks without a trailer
 * ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}), and without chunked encoding a hex SHA-256.
 */
class AwsSdkThroughGatewayTest {
    @TempDir
    static Path dir;

    private static S3ClientGateway gw;
    private static final List<S3Client> CLIENTS = new ArrayList<>();

    /** How the SDK frames and signs an upload body over plain HTTP. */
    enum Upload {
        CHUNK_SIGNED_WITH_TRAILER(b -> { }),
        CHUNK_SIGNED(b -> b.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)),
        HEX_SHA256(b -> b.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build()));

        final Consumer<S3ClientBuilder> setting;

        Upload(Consumer<S3ClientBuilder> setting) {
            this.setting = setting;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        gw = S3ClientGateway.start(dir);
    }

    @AfterAll
    static void stop() {
        CLIENTS.forEach(S3Client::close);
        if (gw != null) {
            gw.close();
        }
    }

    private static StaticCredentialsProvider credentials(Caller caller) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(caller.id(), caller.key()));
    }

    /** A client for {@code caller} with the gateway as endpoint, path style, no retries. */
    private static synchronized S3Client client(Caller caller, Upload upload) {
        var builder = S3Client.builder().endpointOverride(URI.create(gw.endpoint())).forcePathStyle(true)
                .region(Region.of(REGION)).credentialsProvider(credentials(caller))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        upload.setting.accept(builder);
        S3Client client = builder.build();
        CLIENTS.add(client);
        return client;
    }

    private static S3Client client(Caller caller) {
        return client(caller, Upload.CHUNK_SIGNED_WITH_TRAILER);
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static S3Exception refused(Runnable call) {
        S3Exception e = catchThrowableOfType(S3Exception.class, call::run);
        assertThat(e).as("the call should have failed").isNotNull();
        return e;
    }

    private static void assertCode(S3Exception e, int status, String code) {
        assertThat(e.statusCode()).as("%s", e).isEqualTo(status);
        assertThat(e.awsErrorDetails().errorCode()).as("%s", e).isEqualTo(code);
    }

    @ParameterizedTest
    @EnumSource(Upload.class)
    void putGetAndHeadAreByteForByteInEveryPayloadMode(Upload upload) throws Exception {
        S3Client bob = client(BOB, upload);
        String key = "sdk/" + upload.name().toLowerCase() + ".bin";
        byte[] body = random(300_000, upload.ordinal());
        bob.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(body));
        assertThat(gw.stored(key)).isEqualTo(body);

        assertThat(client(CAROL).getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray()).isEqualTo(body);
        HeadObjectResponse head = client(CAROL).headObject(b -> b.bucket(BUCKET).key(key));
        assertThat(head.contentLength()).isEqualTo(body.length);
    }

    @Test
    void anEmptyObjectAndAHeaderChecksum() throws Exception {
        S3Client bob = client(BOB, Upload.HEX_SHA256);
        bob.putObject(b -> b.bucket(BUCKET).key("sdk/empty"), RequestBody.empty());
        assertThat(gw.stored("sdk/empty")).isEmpty();
        bob.putObject(b -> b.bucket(BUCKET).key("sdk/sha256.txt").checksumAlgorithm(ChecksumAlgorithm.SHA256),
                RequestBody.fromString("checked"));
        assertThat(gw.stored("sdk/sha256.txt")).asString(StandardCharsets.UTF_8).isEqualTo("checked");
    }

    @Test
    void multipartUploadWithChunkSignedPartsIsByteForByte() throws Exception {
        S3Client dave = client(DAVE);
        String key = "sdk/multipart.bin";
        String uploadId = dave.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
        byte[] whole = random(11 * 1024 * 1024 + 9, 11);
        int partSize = 5 * 1024 * 1024;
        List<CompletedPart> parts = new ArrayList<>();
        for (int n = 1, from = 0; from < whole.length; n++, from += partSize) {
            int number = n;
            byte[] part = Arrays.copyOfRange(whole, from, Math.min(whole.length, from + partSize));
            String etag = dave.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(number),
                    RequestBody.fromBytes(part)).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        }
        assertThat(parts).hasSize(3);
        dave.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts)));
        assertThat(gw.stored(key)).isEqualTo(whole);
    }

    @Test
    void listsVersionOneAndTwo() {
        for (String k : List.of("sdk/list/a/1", "sdk/list/a/2", "sdk/list/b/1")) {
            gw.seed(k, k);
        }
        S3Client carol = client(CAROL);
        assertThat(carol.listObjects(b -> b.bucket(BUCKET).prefix("sdk/list/a/")).contents())
                .extracting(S3Object::key).containsExactly("sdk/list/a/1", "sdk/list/a/2");
        var v2 = carol.listObjectsV2(b -> b.bucket(BUCKET).prefix("sdk/list/").delimiter("/"));
        assertThat(v2.commonPrefixes()).extracting(p -> p.prefix()).containsExactly("sdk/list/a/", "sdk/list/b/");
        var page = carol.listObjectsV2(b -> b.bucket(BUCKET).prefix("sdk/list/").maxKeys(2));
        assertThat(page.isTruncated()).isTrue();
        var rest = carol.listObjectsV2(b -> b.bucket(BUCKET).prefix("sdk/list/").continuationToken(
                page.nextContinuationToken()).fetchOwner(true));
        assertThat(rest.contents()).extracting(S3Object::key).containsExactly("sdk/list/b/1");
    }

    @Test
    void copiesDeletesOneAndDeletesManyWithACrc32Body() throws Exception {
        gw.seed("sdk/copy/source.txt", "copy me");
        S3Client bob = client(BOB);
        bob.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("sdk/copy/source.txt").destinationBucket(BUCKET)
                .destinationKey("sdk/copy/target.txt"));
        assertThat(gw.stored("sdk/copy/target.txt")).asString(StandardCharsets.UTF_8).isEqualTo("copy me");

        bob.deleteObject(b -> b.bucket(BUCKET).key("sdk/copy/source.txt"));
        assertThat(gw.stored("sdk/copy/source.txt")).isNull();

        gw.seed("sdk/copy/other.txt", "me too");
        DeleteObjectsResponse many = client(DAVE).deleteObjects(b -> b.bucket(BUCKET).delete(Delete.builder()
                .objects(ObjectIdentifier.builder().key("sdk/copy/target.txt").build(),
                        ObjectIdentifier.builder().key("sdk/copy/other.txt").build()).build()));
        assertThat(many.errors()).isEmpty();
        assertThat(gw.stored("sdk/copy/target.txt")).isNull();
        assertThat(gw.stored("sdk/copy/other.txt")).isNull();
    }

    @Test
    void presignedGetAndPutAreDecidedAsTheirSigner() throws Exception {
        gw.seed("sdk/presigned.txt", "presigned bytes");
        try (S3Presigner carol = presigner(CAROL); S3Presigner bob = presigner(BOB)) {
            URI get = carol.presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket(BUCKET).key("sdk/presigned.txt"))).url().toURI();
            HttpResponse<String> got = S3ClientGateway.get(get.toString());
            assertThat(got.statusCode()).as(got.body()).isEqualTo(200);
            assertThat(got.body()).isEqualTo("presigned bytes");

            URI put = bob.presignPutObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(p -> p.bucket(BUCKET).key("sdk/presigned-put.txt"))).url().toURI();
            HttpResponse<String> stored = S3ClientGateway.put(put.toString(), "put by url");
            assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
            assertThat(gw.stored("sdk/presigned-put.txt")).asString(StandardCharsets.UTF_8).isEqualTo("put by url");

            URI carolPut = carol.presignPutObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(p -> p.bucket(BUCKET).key("sdk/carol-put.txt"))).url().toURI();
            S3ClientGateway.refused(S3ClientGateway.put(carolPut.toString(), "nope"), "AccessDenied");
            assertThat(gw.stored("sdk/carol-put.txt")).isNull();
        }
    }

    private static S3Presigner presigner(Caller caller) {
        return S3Presigner.builder().endpointOverride(URI.create(gw.endpoint())).region(Region.of(REGION))
                .credentialsProvider(credentials(caller))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
    }

    @Test
    void deniedCallersGetAccessDeniedAndChangeNothing() throws Exception {
        for (Upload upload : Upload.values()) {
            S3Exception put = refused(() -> client(CAROL, upload).putObject(b -> b.bucket(BUCKET).key("sdk/carol.bin"),
                    RequestBody.fromBytes(random(200_000, 5))));
            assertCode(put, 403, "AccessDenied");
        }
        assertThat(gw.stored("sdk/carol.bin")).isNull();

        S3Client dave = client(DAVE);
        assertCode(refused(() -> dave.getObjectAsBytes(b -> b.bucket(BUCKET).key(SECRET))), 403, "AccessDenied");
        assertCode(refused(() -> dave.deleteObjects(b -> b.bucket(BUCKET).delete(Delete.builder().objects(
                ObjectIdentifier.builder().key("sdk/anything").build(),
                ObjectIdentifier.builder().key(SECRET).build()).build()))), 403, "AccessDenied");
        assertThat(gw.stored(SECRET)).asString(StandardCharsets.UTF_8).isEqualTo(SECRET_TEXT);
    }

    @Test
    void aWrongSecretGetsSignatureDoesNotMatch() throws Exception {
        for (Upload upload : Upload.values()) {
            S3Exception put = refused(() -> client(WRONG, upload).putObject(b -> b.bucket(BUCKET).key("sdk/wrong.bin"),
                    RequestBody.fromBytes(random(1000, 6))));
            assertCode(put, 403, "SignatureDoesNotMatch");
        }
        assertCode(refused(() -> client(WRONG).listObjectsV2(b -> b.bucket(BUCKET))), 403, "SignatureDoesNotMatch");
        assertThat(gw.stored("sdk/wrong.bin")).isNull();
    }
}
