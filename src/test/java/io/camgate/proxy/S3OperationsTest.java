package io.camgate.proxy;

import static io.camgate.proxy.ExampleGateway.BOB_ID;
import static io.camgate.proxy.ExampleGateway.BOB_KEY;
import static io.camgate.proxy.ExampleGateway.BUCKET;
import static io.camgate.proxy.ExampleGateway.DAVE_ID;
import static io.camgate.proxy.ExampleGateway.DAVE_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.config.RouteSettings.UpstreamAuth;
import io.camgate.testing.RawHttp;
import io.camgate.testing.RecordingUpstream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each S3 operation family through the gateway in every route mode, signed as the SDKs sign it
 * and decided by the example policies (bob reads and writes the bucket; dave is denied
 * {@code secret/*}): head, list (v1 and v2), delete, multi-delete checked by its
 * {@code x-amz-checksum-crc32} alone, copy, SigV2 presigned URLs and the JavaScript SDK's
 * {@code x-id} hint. What a rebuilt route sends is in its store's dialect.
 */
class S3OperationsTest extends S3RouteModeSuite {
    private static RawHttp.Reply v4(UpstreamAuth mode, String method, String key, String query,
            Map<String, String> headers, byte[] body, String id, String secret) throws Exception {
        return send(mode, S3Requests.sigV4(method, host(mode), path(key), query, headers, body, id, secret), body);
    }

    private static void put(UpstreamAuth mode, String key, String content) throws Exception {
        byte[] body = content.getBytes(StandardCharsets.UTF_8);
        assertThat(v4(mode, "PUT", key, "", Map.of(), body, BOB_ID, BOB_KEY).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(UpstreamAuth.class)
    void headAndBothListingsAnswerForWhatThePoliciesAllow(UpstreamAuth mode) throws Exception {
        RawHttp.Reply head = v4(mode, "HEAD", "public/a.txt", "", Map.of(), new byte[0], BOB_ID, BOB_KEY);
        assertThat(head.status()).isEqualTo(200);
        RawHttp.Reply v2 = send(mode, S3Requests.sigV4("GET", host(mode), "/" + BUCKET, "list-type=2&prefix=public",
                Map.of(), new byte[0], BOB_ID, BOB_KEY), new byte[0]);
        assertThat(v2.status()).as(v2.toString()).isEqualTo(200);
        assertThat(v2.body()).contains("public/a.txt");
        RawHttp.Reply v1 = send(mode, S3Requests.sigV4("GET", host(mode), "/" + BUCKET, "prefix=secret",
                Map.of(), new byte[0], BOB_ID, BOB_KEY), new byte[0]);
        assertThat(v1.status()).as(v1.toString()).isEqualTo(200);
        assertThat(v1.body()).contains("secret/plan.txt");
        modes.relay().clear();
        RawHttp.Reply denied = v4(mode, "HEAD", "secret/plan.txt", "", Map.of(), new byte[0], DAVE_ID, DAVE_KEY);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(modes.relay().requests()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(UpstreamAuth.class)
    void aDeleteRemovesWhatThePoliciesAllowOnly(UpstreamAuth mode) throws Exception {
        put(mode, "public/del-" + mode + ".txt", "to delete");
        RawHttp.Reply deleted = v4(mode, "DELETE", "public/del-" + mode + ".txt", "", Map.of(), new byte[0], BOB_ID,
                BOB_KEY);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(modes.stored("public/del-" + mode + ".txt")).isNull();
        RawHttp.Reply denied = v4(mode, "DELETE", "secret/x", "", Map.of(), new byte[0], DAVE_ID, DAVE_KEY);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(modes.stored("secret/x")).isEqualTo("SECRET-X");
    }

    private static byte[] deleteList(String... keys) {
        StringBuilder xml = new StringBuilder("<Delete><Quiet>true</Quiet>");
        for (String k : keys) {
            xml.append("<Object><Key>").append(k).append("</Key></Object>");
        }
        return xml.append("</Delete>").toString().getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(UpstreamAuth.class)
    void aMultiDeleteWithOnlyACrc32IsCheckedBeforeItsKeysAreDecided(UpstreamAuth mode) throws Exception {
        String key = "public/multi-" + mode + ".txt";
        put(mode, key, "multi");
        byte[] list = deleteList(key);
        RawHttp.Reply wrong = v4(mode, "POST", "", "delete",
                Map.of("x-amz-checksum-crc32", S3Requests.crc32("another list".getBytes())), list, BOB_ID, BOB_KEY);
        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(400);
        assertThat(wrong.code()).isEqualTo("BadDigest");
        assertThat(modes.stored(key)).isEqualTo("multi");
        RawHttp.Reply denied = v4(mode, "POST", "", "delete", Map.of("x-amz-checksum-crc32",
                S3Requests.crc32(deleteList(key, "secret/x"))), deleteList(key, "secret/x"), DAVE_ID, DAVE_KEY);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(modes.stored("secret/x")).isEqualTo("SECRET-X");
        modes.relay().clear();
        modes.clearCompleted();
        RawHttp.Reply ok = v4(mode, "POST", "", "delete", Map.of("x-amz-checksum-crc32", S3Requests.crc32(list)), list,
                BOB_ID, BOB_KEY);
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(modes.stored(key)).isNull();
        // the list read before deciding is counted (and charged to the caller's bandwidth) once
        assertThat(modes.nextCompleted()).startsWith("POST ").endsWith(" in=" + list.length);
        RecordingUpstream.Seen seen = modes.relay().requests().get(0);
        assertThat(seen.header("x-amz-checksum-crc32")).hasSize(mode == UpstreamAuth.PASSTHROUGH ? 1 : 0);
    }

    @ParameterizedTest
    @EnumSource(UpstreamAuth.class)
    void anS3CopyIsDecidedOnItsSourceAndSentInTheStoresDialect(UpstreamAuth mode) throws Exception {
        String target = "public/copy-" + mode + ".txt";
        RawHttp.Reply denied = v4(mode, "PUT", target, "", Map.of("x-amz-copy-source", path("secret/plan.txt")),
                new byte[0], DAVE_ID, DAVE_KEY);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(modes.relay().requests()).isEmpty();
        RawHttp.Reply copied = v4(mode, "PUT", target, "", Map.of("x-amz-copy-source", path("secret/plan.txt"),
                "x-amz-metadata-directive", "COPY"), new byte[0], BOB_ID, BOB_KEY);
        assertThat(copied.status()).as(copied.toString()).isEqualTo(200);
        RecordingUpstream.Seen seen = modes.relay().requests().get(0);
        switch (mode) {
            case PASSTHROUGH, SIGV4 -> {
                assertThat(seen.header("x-amz-copy-source")).containsExactly(path("secret/plan.txt"));
                assertThat(seen.header("x-amz-metadata-directive")).containsExactly("COPY");
                assertThat(modes.stored(target)).isEqualTo("THE PLAN");
            }
            case COS, NONE -> {
                assertThat(seen.header("x-cos-copy-source")).containsExactly(
                        BUCKET + ".cos.ap-shanghai.myqcloud.com/secret/plan.txt");
                assertThat(seen.header("x-cos-metadata-directive")).containsExactly("Copy");
                assertThat(seen.header("x-amz-copy-source")).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(UpstreamAuth.class)
    void twinHeadersReachTheStoreUnderItsNames(UpstreamAuth mode) throws Exception {
        byte[] body = "archived".getBytes(StandardCharsets.UTF_8);
        RawHttp.Reply put = v4(mode, "PUT", "public/twins-" + mode + ".txt", "x-id=PutObject",
                Map.of("x-amz-acl", "private", "x-amz-meta-colour", "blue"), body, BOB_ID, BOB_KEY);
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        RecordingUpstream.Seen seen = modes.relay().requests().get(0);
        boolean s3Names = mode == UpstreamAuth.PASSTHROUGH || mode == UpstreamAuth.SIGV4;
        assertThat(seen.header(s3Names ? "x-amz-acl" : "x-cos-acl")).containsExactly("private");
        assertThat(seen.header(s3Names ? "x-amz-meta-colour" : "x-cos-meta-colour")).containsExactly("blue");
        assertThat(seen.header(s3Names ? "x-cos-acl" : "x-amz-acl")).isEmpty();
        assertThat(seen.requestLine().contains("x-id")).isEqualTo(mode == UpstreamAuth.PASSTHROUGH);
    }

    @ParameterizedTest
    @EnumSource(UpstreamAuth.class)
    void aSigV2PresignedUrlReadsUntilItExpiresAndOnlyItsKey(UpstreamAuth mode) throws Exception {
        long expires = Instant.now().getEpochSecond() + 600;
        String target = S3Requests.sigV2Presigned("GET", path("public/a.txt"), BOB_ID, BOB_KEY, expires);
        RawHttp.Reply ok = RawHttp.exchange(modes.port(mode), "GET " + target + " HTTP/1.1\r\nHost: " + host(mode)
                + "\r\nConnection: close\r\n\r\n");
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("public a");
        if (mode != UpstreamAuth.PASSTHROUGH) {
            assertThat(modes.relay().requests().get(0).requestLine()).doesNotContain("Signature", "AWSAccessKeyId");
        }
        modes.relay().clear();
        RawHttp.Reply other = RawHttp.exchange(modes.port(mode), "GET " + target.replace("a.txt", "b.txt")
                + " HTTP/1.1\r\nHost: " + host(mode) + "\r\nConnection: close\r\n\r\n");
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.code()).isEqualTo("SignatureDoesNotMatch");
        String expired = S3Requests.sigV2Presigned("GET", path("public/a.txt"), BOB_ID, BOB_KEY,
                Instant.now().getEpochSecond() - 5);
        RawHttp.Reply late = RawHttp.exchange(modes.port(mode), "GET " + expired + " HTTP/1.1\r\nHost: " + host(mode)
                + "\r\nConnection: close\r\n\r\n");
        assertThat(late.status()).isEqualTo(403);
        assertThat(modes.relay().requests()).isEmpty();
    }
}
