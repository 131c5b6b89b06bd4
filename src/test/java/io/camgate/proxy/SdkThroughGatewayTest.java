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
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.qcloud.cos.COSClient;
import com.qcloud.cos.exception.CosServiceException;
import com.qcloud.cos.http.HttpMethodName;
import com.qcloud.cos.model.AbortMultipartUploadRequest;
import com.qcloud.cos.model.COSObjectSummary;
import com.qcloud.cos.model.CompleteMultipartUploadRequest;
import com.qcloud.cos.model.DeleteObjectsRequest;
import com.qcloud.cos.model.InitiateMultipartUploadRequest;
import com.qcloud.cos.model.ListObjectsRequest;
import com.qcloud.cos.model.ListPartsRequest;
import com.qcloud.cos.model.ObjectMetadata;
import com.qcloud.cos.model.PartETag;
import com.qcloud.cos.model.PartListing;
import com.qcloud.cos.model.PutObjectRequest;
import com.qcloud.cos.model.UploadPartRequest;
import io.camgate.testing.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official COS Java SDK through the gateway to a real s3proxy, on the example
 * configuration: bob may read and write the bucket, carol only read, dave everything but
 * {@code secret/}, anyone may read {@code public/}.
 */
class SdkThroughGatewayTest {
    @TempDir
    static Path dir;

    private static S3ProxyServer s3;
    private static ExampleGateway gw;
    private static COSClient root;
    private static COSClient bob;
    private static COSClient carol;
    private static COSClient dave;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        s3 = S3ProxyServer.start(dir);
        gw = ExampleGateway.start(s3);
        root = gw.client(ROOT_ID, ROOT_KEY);
        bob = gw.client(BOB_ID, BOB_KEY);
        carol = gw.client(CAROL_ID, CAROL_KEY);
        dave = gw.client(DAVE_ID, DAVE_KEY);
        root.createBucket(BUCKET);
        root.putObject(BUCKET, "secret/plan.txt", "top secret");
        root.putObject(BUCKET, "public/logo.txt", "public bytes");
        root.putObject(BUCKET, "hello.txt", "hello");
    }

    @AfterAll
    static void stop() {
        for (COSClient c : new COSClient[] {root, bob, carol, dave}) {
            if (c != null) {
                c.shutdown();
            }
        }
        gw.close();
        s3.close();
    }

    private static String read(COSClient client, String key) throws IOException {
        try (InputStream in = client.getObject(BUCKET, key).getObjectContent()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static ObjectMetadata sized(long length) {
        ObjectMetadata meta = new ObjectMetadata();
        meta.setContentLength(length);
        return meta;
    }

    private static CosServiceException denied(Runnable call) {
        CosServiceException e = catchThrowableOfType(CosServiceException.class, call::run);
        assertThat(e).as("the call should have failed").isNotNull();
        return e;
    }

    @Test
    void putGetHeadAndDeleteWithUserMetadata() throws Exception {
        ObjectMetadata meta = new ObjectMetadata();
        meta.addUserMetadata("colour", "blue");
        byte[] body = "first object".getBytes(StandardCharsets.UTF_8);
        meta.setContentLength(body.length);
        bob.putObject(new PutObjectRequest(BUCKET, "crud/a.txt", new ByteArrayInputStream(body), meta));

        assertThat(read(bob, "crud/a.txt")).isEqualTo("first object");
        ObjectMetadata head = bob.getObjectMetadata(BUCKET, "crud/a.txt");
        assertThat(head.getContentLength()).isEqualTo(body.length);
        assertThat(head.getUserMetadata()).containsEntry("colour", "blue");
        assertThat(head.getRequestId()).isNotBlank();

        bob.deleteObject(BUCKET, "crud/a.txt");
        assertThat(denied(() -> bob.getObjectMetadata(BUCKET, "crud/a.txt")).getStatusCode()).isEqualTo(404);
    }

    @Test
    void listsWithAPrefix() {
        for (String k : List.of("list/a/1", "list/a/2", "list/b/1")) {
            bob.putObject(BUCKET, k, k);
        }
        List<String> keys = carol.listObjects(new ListObjectsRequest(BUCKET, "list/a/", null, null, 100))
                .getObjectSummaries().stream().map(COSObjectSummary::getKey).toList();
        assertThat(keys).containsExactly("list/a/1", "list/a/2");
    }

    @Test
    void multipartUploadCompletesAndAbortRemovesTheUpload() throws Exception {
        String key = "multi/big.bin";
        String uploadId = bob.initiateMultipartUpload(new InitiateMultipartUploadRequest(BUCKET, key)).getUploadId();
        byte[] part1 = new byte[5 * 1024 * 1024];
        byte[] part2 = new byte[1234];
        new Random(7).nextBytes(part1);
        new Random(8).nextBytes(part2);
        List<PartETag> etags = new ArrayList<>();
        int n = 1;
        for (byte[] part : List.of(part1, part2)) {
            UploadPartRequest up = new UploadPartRequest().withBucketName(BUCKET).withKey(key).withUploadId(uploadId)
                    .withPartNumber(n++).withInputStream(new ByteArrayInputStream(part)).withPartSize(part.length);
            etags.add(bob.uploadPart(up).getPartETag());
        }
        PartListing parts = bob.listParts(new ListPartsRequest(BUCKET, key, uploadId));
        assertThat(parts.getParts()).hasSize(2);
        bob.completeMultipartUpload(new CompleteMultipartUploadRequest(BUCKET, key, uploadId, etags));
        try (InputStream in = bob.getObject(BUCKET, key).getObjectContent()) {
            byte[] all = in.readAllBytes();
            assertThat(all).hasSize(part1.length + part2.length);
            assertThat(java.util.Arrays.copyOfRange(all, part1.length, all.length)).isEqualTo(part2);
        }

        String aborted = bob.initiateMultipartUpload(new InitiateMultipartUploadRequest(BUCKET, "multi/gone.bin"))
                .getUploadId();
        bob.uploadPart(new UploadPartRequest().withBucketName(BUCKET).withKey("multi/gone.bin").withUploadId(aborted)
                .withPartNumber(1).withInputStream(new ByteArrayInputStream(part2)).withPartSize(part2.length));
        assertThat(bob.listParts(new ListPartsRequest(BUCKET, "multi/gone.bin", aborted)).getParts()).hasSize(1);
        bob.abortMultipartUpload(new AbortMultipartUploadRequest(BUCKET, "multi/gone.bin", aborted));
        // s3proxy's filesystem store answers an aborted upload with an empty part list, real COS with 404.
        try {
            assertThat(bob.listParts(new ListPartsRequest(BUCKET, "multi/gone.bin", aborted)).getParts()).isEmpty();
        } catch (CosServiceException e) {
            assertThat(e.getStatusCode()).isEqualTo(404);
        }
        assertThat(bob.doesObjectExist(BUCKET, "multi/gone.bin")).isFalse();
    }

    @Test
    void copyNeedsTheSourceToBeReadable() throws Exception {
        dave.copyObject(BUCKET, "hello.txt", BUCKET, "copies/hello.txt");
        assertThat(read(bob, "copies/hello.txt")).isEqualTo("hello");

        CosServiceException e = denied(() -> dave.copyObject(BUCKET, "secret/plan.txt", BUCKET, "copies/plan.txt"));
        assertThat(e.getStatusCode()).isEqualTo(403);
        assertThat(e.getErrorCode()).isEqualTo("AccessDenied");
        assertThat(denied(() -> bob.getObjectMetadata(BUCKET, "copies/plan.txt")).getStatusCode()).isEqualTo(404);
    }

    @Test
    void deleteMultipleAuthorizesEveryKey() throws Exception {
        for (String k : List.of("md/1", "md/2", "md/3")) {
            bob.putObject(BUCKET, k, k);
        }
        DeleteObjectsRequest both = new DeleteObjectsRequest(BUCKET).withKeys("md/1", "md/2");
        assertThat(bob.deleteObjects(both).getDeletedObjects()).hasSize(2);
        assertThat(bob.doesObjectExist(BUCKET, "md/1")).isFalse();

        DeleteObjectsRequest withSecret = new DeleteObjectsRequest(BUCKET).withKeys("md/3", "secret/plan.txt");
        CosServiceException e = denied(() -> dave.deleteObjects(withSecret));
        assertThat(e.getStatusCode()).isEqualTo(403);
        assertThat(e.getErrorCode()).isEqualTo("AccessDenied");
        assertThat(bob.doesObjectExist(BUCKET, "md/3")).isTrue();
        assertThat(read(bob, "secret/plan.txt")).isEqualTo("top secret");
    }

    @Test
    void presignedPutAndGetWorkWithAPlainHttpClient() throws Exception {
        Date expires = new Date(System.currentTimeMillis() + 600_000);
        URL put = bob.generatePresignedUrl(BUCKET, "presigned/p.txt", expires, HttpMethodName.PUT);
        HttpResponse<String> putReply = HTTP.send(HttpRequest.newBuilder(gw.toGateway(put)).header("Host", HOST)
                .expectContinue(true)
                .PUT(HttpRequest.BodyPublishers.ofString("via a presigned URL")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(putReply.statusCode()).isEqualTo(200);

        URL get = carol.generatePresignedUrl(BUCKET, "presigned/p.txt", expires, HttpMethodName.GET);
        HttpResponse<String> getReply = HTTP.send(HttpRequest.newBuilder(gw.toGateway(get)).header("Host", HOST)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(getReply.statusCode()).isEqualTo(200);
        assertThat(getReply.body()).isEqualTo("via a presigned URL");
        assertThat(getReply.headers().firstValue("x-cos-request-id")).isPresent();

        URL carolPut = carol.generatePresignedUrl(BUCKET, "presigned/no.txt", expires, HttpMethodName.PUT);
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(gw.toGateway(carolPut)).header("Host", HOST)
                .PUT(HttpRequest.BodyPublishers.ofString("no")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("<Code>AccessDenied</Code>");
    }

    @Test
    void deniedCallsFailInTheSdkWithTheCosErrorCode() {
        CosServiceException readOnly = denied(() -> carol.putObject(BUCKET, "carol.txt", "no"));
        assertThat(readOnly.getStatusCode()).isEqualTo(403);
        assertThat(readOnly.getErrorCode()).isEqualTo("AccessDenied");
        assertThat(readOnly.getRequestId()).isNotBlank();

        CosServiceException explicit = denied(() -> dave.getObject(BUCKET, "secret/plan.txt"));
        assertThat(explicit.getErrorCode()).isEqualTo("AccessDenied");

        COSClient stranger = gw.client("AKIDnobodyKnowsThisOne000000000000", "whatever");
        COSClient forger = gw.client(BOB_ID, "not bob's secret");
        try {
            assertThat(denied(() -> stranger.getObject(BUCKET, "hello.txt")).getErrorCode())
                    .isEqualTo("InvalidAccessKeyId");
            assertThat(denied(() -> forger.getObject(BUCKET, "hello.txt")).getErrorCode())
                    .isEqualTo("SignatureDoesNotMatch");
        } finally {
            stranger.shutdown();
            forger.shutdown();
        }
    }

    @Test
    void aCosOnlyFeatureTheStoreLacksFailsWithACosErrorInsteadOfBeingIgnored() {
        PutObjectRequest limited = new PutObjectRequest(BUCKET, "limited.txt",
                new ByteArrayInputStream("slow".getBytes(StandardCharsets.UTF_8)), sized(4));
        limited.setTrafficLimit(819200);
        CosServiceException e = denied(() -> bob.putObject(limited));
        assertThat(e.getStatusCode()).isEqualTo(400);
        assertThat(e.getErrorCode()).isEqualTo("InvalidArgument");
        assertThat(bob.doesObjectExist(BUCKET, "limited.txt")).isFalse();

        PutObjectRequest archived = new PutObjectRequest(BUCKET, "archived.txt",
                new ByteArrayInputStream("cold".getBytes(StandardCharsets.UTF_8)), sized(4));
        archived.setStorageClass("STANDARD_IA");
        bob.putObject(archived);
        assertThat(bob.doesObjectExist(BUCKET, "archived.txt")).isTrue();
    }

    @Test
    void anonymousReadsWorkWhereTheBucketPolicyAllowsThem() throws Exception {
        COSClient anonymous = gw.client(null, null);
        try {
            assertThat(read(anonymous, "public/logo.txt")).isEqualTo("public bytes");
            CosServiceException e = denied(() -> anonymous.getObject(BUCKET, "hello.txt"));
            assertThat(e.getStatusCode()).isEqualTo(403);
            assertThat(e.getErrorCode()).isEqualTo("AccessDenied");
        } finally {
            anonymous.shutdown();
        }
    }
}
