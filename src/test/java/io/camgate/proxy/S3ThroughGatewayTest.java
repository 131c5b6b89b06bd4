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
 * S3 clients through the gateway, in every route mode, addressed at the gateway itself (path
 * style, the bucket first in the path): SigV4 in the header with a signed body hash, and SigV2,
 * decided by the same example policies as COS signatures (bob reads and writes the
 * bucket, dave is denied {@code secret/*}). The S3 signature's own headers are consumed: only
 * a {@code passthrough} store, which verifies the client's signature again, sees them.
 */
class S3ThroughGatewayTest extends S3RouteModeSuite {
    @ParameterizedTest
    @EnumSource(UpstreamAuth.class)
    void aSigV4PutWithItsBodyHashIsStoredAndTheSignatureHeadersAreConsumed(UpstreamAuth mode) throws Exception {
        String path = "/" + BUCKET + "/public/v4-" + mode + ".txt";
        byte[] body = ("written by an S3 client through " + mode).getBytes(StandardCharsets.UTF_8);
        RawHttp.Reply reply = send(mode, S3Requests.sigV4("PUT", host(mode), path, "",
                Map.of("Content-Type", "text/plain"), body, BOB_ID, BOB_KEY), body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(modes.stored("public/v4-" + mode + ".txt")).isEqualTo(new String(body, StandardCharsets.UTF_8));
        RecordingUpstream.Seen seen = modes.relay().requests().get(0);
        if (mode == UpstreamAuth.PASSTHROUGH) {
            assertThat(seen.header("x-amz-content-sha256")).containsExactly(S3Requests.sha256Hex(body));
        } else {
            assertThat(seen.header("x-amz-content-sha256")).doesNotContain(S3Requests.sha256Hex(body));
            assertThat(seen.header("authorization").toString()).doesNotContain(BOB_ID);
        }
    }

    @ParameterizedTest
    @EnumSource(UpstreamAuth.class)
    void aSigV4GetReadsWhatThePoliciesAllowAndNothingElse(UpstreamAuth mode) throws Exception {
        RawHttp.Reply allowed = send(mode, S3Requests.sigV4("GET", host(mode), "/" + BUCKET + "/public/a.txt", "",
                Map.of(), new byte[0], BOB_ID, BOB_KEY), new byte[0]);
        assertThat(allowed.status()).as(allowed.toString()).isEqualTo(200);
        assertThat(allowed.body()).isEqualTo("public a");
        modes.relay().clear();
        RawHttp.Reply denied = send(mode, S3Requests.sigV4("GET", host(mode), "/" + BUCKET + "/secret/plan.txt", "",
                Map.of(), new byte[0], DAVE_ID, DAVE_KEY), new byte[0]);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.code()).isEqualTo("AccessDenied");
        assertThat(modes.relay().requests()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(UpstreamAuth.class)
    void aWrongSecretIsSignatureDoesNotMatchAndNothingReachesTheStore(UpstreamAuth mode) throws Exception {
        byte[] body = "forged".getBytes(StandardCharsets.UTF_8);
        RawHttp.Reply reply = send(mode, S3Requests.sigV4("PUT", host(mode), "/" + BUCKET + "/public/forged.txt", "",
                Map.of(), body, BOB_ID, "not-" + BOB_KEY), body);
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.code()).isEqualTo("SignatureDoesNotMatch");
        assertThat(modes.relay().requests()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(UpstreamAuth.class)
    void aSigV2PutAndGetWork(UpstreamAuth mode) throws Exception {
        String path = "/" + BUCKET + "/public/v2-" + mode + ".txt";
        byte[] body = "sigv2 body".getBytes(StandardCharsets.UTF_8);
        RawHttp.Reply put = send(mode, S3Requests.sigV2("PUT", host(mode), path, "",
                Map.of("Content-Type", "text/plain"), BOB_ID, BOB_KEY), body);
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        RawHttp.Reply get = send(mode, S3Requests.sigV2("GET", host(mode), path, "", Map.of(), BOB_ID, BOB_KEY),
                new byte[0]);
        assertThat(get.status()).as(get.toString()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("sigv2 body");
    }

    @ParameterizedTest
    @EnumSource(UpstreamAuth.class)
    void aPresignedGetWorksUntilItIsReplayedOnAnotherKey(UpstreamAuth mode) throws Exception {
        String target = S3Requests.presigned("GET", host(mode), "/" + BUCKET + "/public/a.txt", "", BOB_ID, BOB_KEY,
                Instant.now(), 600);
        RawHttp.Reply ok = RawHttp.exchange(modes.port(mode), "GET " + target + " HTTP/1.1\r\nHost: " + host(mode)
                + "\r\nConnection: close\r\n\r\n");
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("public a");
        modes.relay().clear();
        RawHttp.Reply replayed = RawHttp.exchange(modes.port(mode), "GET " + target.replace("a.txt", "b.txt")
                + " HTTP/1.1\r\nHost: " + host(mode) + "\r\nConnection: close\r\n\r\n");
        assertThat(replayed.status()).isEqualTo(403);
        assertThat(replayed.code()).isEqualTo("SignatureDoesNotMatch");
        assertThat(modes.relay().requests()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(UpstreamAuth.class)
    void aChunkSignedPutIsVerifiedAndStoredDecodedOrAsReceived(UpstreamAuth mode) throws Exception {
        String key = "public/chunked-" + mode + ".bin";
        byte[] data = new byte[70_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ('a' + i % 26);
        }
        S3Requests.Signed head = S3Requests.sigV4("PUT", host(mode), "/" + BUCKET + "/" + key, "",
                Map.of("Content-Encoding", "aws-chunked", "x-amz-decoded-content-length", String.valueOf(data.length)),
                "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", BOB_ID, BOB_KEY, Instant.now());
        byte[] body = S3Requests.signedChunks(head, data, 65_536);
        RawHttp.Reply reply = send(mode, head.head(), body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        RecordingUpstream.Seen seen = modes.relay().requests().get(0);
        if (mode == UpstreamAuth.PASSTHROUGH) {
            assertThat(seen.header("content-length")).containsExactly(String.valueOf(body.length));
        } else {
            assertThat(seen.header("content-length")).containsExactly(String.valueOf(data.length));
            assertThat(seen.header("content-encoding")).isEmpty();
            assertThat(seen.header("x-amz-decoded-content-length")).isEmpty();
            assertThat(modes.stored(key)).isEqualTo(new String(data, StandardCharsets.US_ASCII));
        }
    }

    @ParameterizedTest
    @EnumSource(UpstreamAuth.class)
    void anUnsignedTrailerPutInHttpChunkedTransferIsStoredWhenItsChecksumHolds(UpstreamAuth mode) throws Exception {
        String key = "public/trailer-" + mode + ".txt";
        byte[] data = "a body whose checksum comes after it".getBytes(StandardCharsets.US_ASCII);
        S3Requests.Signed head = S3Requests.sigV4("PUT", host(mode), "/" + BUCKET + "/" + key, "",
                Map.of("Content-Encoding", "aws-chunked", "x-amz-decoded-content-length", String.valueOf(data.length),
                        "x-amz-trailer", "x-amz-checksum-crc32"),
                "STREAMING-UNSIGNED-PAYLOAD-TRAILER", BOB_ID, BOB_KEY, Instant.now());
        byte[] body = S3Requests.unsignedChunksWithCrc32(data, 10, S3Requests.crc32(data));
        String chunked = Integer.toHexString(body.length) + "\r\n" + new String(body, StandardCharsets.US_ASCII)
                + "\r\n0\r\n\r\n";
        RawHttp.Reply reply = RawHttp.exchange(modes.port(mode), head.head() + "Transfer-Encoding: chunked\r\n\r\n"
                + chunked);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        if (mode != UpstreamAuth.PASSTHROUGH) {
            assertThat(modes.stored(key)).isEqualTo(new String(data, StandardCharsets.US_ASCII));
        }
    }

    /** What an SDK signs besides the request: consumed, so a rebuilt route's store sees none of it. */
    @ParameterizedTest
    @EnumSource(UpstreamAuth.class)
    void theSdksSignatureAndTelemetryHeadersReachOnlyAPassthroughStore(UpstreamAuth mode) throws Exception {
        byte[] body = "telemetry".getBytes(StandardCharsets.UTF_8);
        Map<String, String> sdk = Map.of("amz-sdk-invocation-id", "0f4c1a2e-1", "amz-sdk-request", "attempt=1; max=3",
                "x-amz-user-agent", "aws-sdk-java/2", "x-amz-sdk-checksum-algorithm", "CRC32",
                "x-amz-checksum-crc32", S3Requests.crc32(body));
        RawHttp.Reply reply = send(mode, S3Requests.sigV4("PUT", host(mode), "/" + BUCKET + "/public/sdk.txt", "", sdk,
                body, BOB_ID, BOB_KEY), body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        RecordingUpstream.Seen seen = modes.relay().requests().get(0);
        for (String name : sdk.keySet()) {
            assertThat(seen.header(name)).as(name).hasSize(mode == UpstreamAuth.PASSTHROUGH ? 1 : 0);
        }
    }

    /**
     * The x-cos twins of x-amz headers are held to the x-amz rule on an S3-signed request: a
     * presigned PUT, or a SigV2 PUT (which cannot sign them), is not turned into a copy of
     * another object with an ACL by whoever holds it; signed, the same header is decided.
     */
    @ParameterizedTest
    @EnumSource(UpstreamAuth.class)
    void unsignedCosHeadersDoNotChangeAnS3SignedRequest(UpstreamAuth mode) throws Exception {
        String cosHeaders = "x-cos-copy-source: " + BUCKET + ".cos.ap-shanghai.myqcloud.com/public/a.txt\r\n"
                + "x-cos-acl: public-read\r\n";
        String target = S3Requests.presigned("PUT", host(mode), path("public/copied-" + mode + ".txt"), "", BOB_ID,
                BOB_KEY, Instant.now(), 600);
        String presignedPut = "PUT " + target + " HTTP/1.1\r\nHost: " + host(mode) + "\r\nConnection: close\r\n";
        RawHttp.Reply presigned = send(mode, presignedPut + cosHeaders, new byte[0]);
        assertThat(presigned.status()).as(presigned.toString()).isEqualTo(403);
        assertThat(presigned.code()).isEqualTo("AccessDenied");
        String v2 = S3Requests.sigV2("PUT", host(mode), path("public/copied-v2-" + mode + ".txt"), "", Map.of(),
                BOB_ID, BOB_KEY);
        RawHttp.Reply sigV2 = send(mode, v2 + cosHeaders, new byte[0]);
        assertThat(sigV2.status()).as(sigV2.toString()).isEqualTo(403);
        assertThat(sigV2.code()).isEqualTo("AccessDenied");
        assertThat(modes.relay().requests()).isEmpty();

        RawHttp.Reply signed = send(mode, S3Requests.sigV4("PUT", host(mode), path("public/acl-" + mode + ".txt"), "",
                Map.of("x-cos-acl", "private"), new byte[0], BOB_ID, BOB_KEY), new byte[0]);
        assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
        assertThat(send(mode, presignedPut, new byte[0]).status()).isEqualTo(200);
    }

    /** On a request that is not S3-signed, an S3 signature header is undecided: refused, never forwarded. */
    @ParameterizedTest
    @EnumSource(UpstreamAuth.class)
    void s3SignatureHeadersOnACosSignedRequestAreRefused(UpstreamAuth mode) throws Exception {
        for (String header : new String[] {"x-amz-date: 20261206T120000Z", "x-amz-content-sha256: UNSIGNED-PAYLOAD",
            "x-amz-decoded-content-length: 4", "x-amz-trailer: x-amz-checksum-crc32"}) {
            String head = RawRequests.signed("PUT", "/public/cos.txt", BOB_ID, BOB_KEY);
            RawHttp.Reply reply = RawHttp.exchange(modes.port(mode), head + header + "\r\nContent-Length: 4\r\n\r\nbody");
            assertThat(reply.status()).as(header).isEqualTo(400);
        }
        assertThat(modes.relay().requests()).isEmpty();
    }
}
