package io.camgate.proxy;

import static io.camgate.proxy.ExampleGateway.BOB_ID;
import static io.camgate.proxy.ExampleGateway.BOB_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.config.RouteSettings.UpstreamAuth;
import io.camgate.testing.RawHttp;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The hostile suite's S3 forms, in every route mode: bodies that break what their signed head
 * promised (a chunk chain cut or reordered, a truncated final chunk, a trailer or checksum that
 * disagrees, a hash that does not match, more chunk data than the decoded length, bytes smuggled
 * after the final chunk), signatures replayed or incomplete (a presigned URL on another key or
 * method, a signed-header list without host, a skewed date, an unknown key). Each is refused
 * with the S3 error, and the store never holds the object: a body that failed was cut before
 * its last byte, and a head that failed never left the gateway.
 */
class S3HostileTest extends S3RouteModeSuite {
    private static final byte[] DATA = data(70_000);

    private static byte[] data(int n) {
        byte[] d = new byte[n];
        for (int i = 0; i < n; i++) {
            d[i] = (byte) ('A' + i % 23);
        }
        return d;
    }

    private static S3Requests.Signed chunkedHead(UpstreamAuth mode, String key, long decoded) {
        return S3Requests.sigV4("PUT", host(mode), path(key), "", Map.of("Content-Encoding", "aws-chunked",
                "x-amz-decoded-content-length", String.valueOf(decoded)), "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
                BOB_ID, BOB_KEY, Instant.now());
    }

    /** The chunks of {@link #DATA} in 16 KiB pieces, each a separate byte array with its framing. */
    private static byte[][] chunks(S3Requests.Signed seed, byte[] data) {
        int size = 16_384;
        int count = (data.length + size - 1) / size + 1;
        byte[][] out = new byte[count][];
        String previous = seed.signature();
        for (int i = 0; i < count; i++) {
            byte[] piece = Arrays.copyOfRange(data, Math.min(i * size, data.length),
                    Math.min((i + 1) * size, data.length));
            previous = S3Requests.chunkSignature(seed, previous, piece);
            ByteArrayOutputStream c = new ByteArrayOutputStream();
            c.writeBytes((Integer.toHexString(piece.length) + ";chunk-signature=" + previous + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            c.writeBytes(piece);
            c.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            out[i] = c.toByteArray();
        }
        return out;
    }

    private static byte[] join(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static void assertRefusedAndNotStored(RawHttp.Reply reply, int status, String code, String key)
            throws Exception {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.code()).isEqualTo(code);
        assertThat(modes.stored(key)).isNull();
    }

    @ParameterizedTest
    @EnumSource(UpstreamAuth.class)
    void aChunkChainCutShortOfAMiddleChunkIsRefusedAndNothingIsStored(UpstreamAuth mode) throws Exception {
        String key = "public/cut-" + mode + ".bin";
        S3Requests.Signed head = chunkedHead(mode, key, DATA.length - 16_384);
        byte[][] c = chunks(head, DATA);
        RawHttp.Reply reply = send(mode, head.head(), join(c[0], c[2], c[3], c[4], c[5]));
        assertRefusedAndNotStored(reply, 403, "SignatureDoesNotMatch", key);
    }

    @ParameterizedTest
    @EnumSource(UpstreamAuth.class)
    void reorderedChunksAreRefusedAndNothingIsStored(UpstreamAuth mode) throws Exception {
        String key = "public/reordered-" + mode + ".bin";
        S3Requests.Signed head = chunkedHead(mode, key, DATA.length);
        byte[][] c = chunks(head, DATA);
        RawHttp.Reply reply = send(mode, head.head(), join(c[1], c[0], c[2], c[3], c[4], c[5]));
        assertRefusedAndNotStored(reply, 403, "SignatureDoesNotMatch", key);
    }

    @ParameterizedTest
    @EnumSource(UpstreamAuth.class)
    void aBodyWithoutItsFinalChunkIsRefusedAndNothingIsStored(UpstreamAuth mode) throws Exception {
        String key = "public/truncated-" + mode + ".bin";
        S3Requests.Signed head = chunkedHead(mode, key, DATA.length);
        byte[][] c = chunks(head, DATA);
        RawHttp.Reply reply = send(mode, head.head(), join(c[0], c[1], c[2], c[3], c[4]));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(modes.stored(key)).isNull();
    }

    @ParameterizedTest
    @EnumSource(UpstreamAuth.class)
    void moreChunkDataThanTheDecodedLengthNeverReachesTheStoreAsASecondRequest(UpstreamAuth mode) throws Exception {
        String key = "public/longer-" + mode + ".bin";
        byte[] smuggled = ("0123456789GET " + path("secret/plan.txt") + " HTTP/1.1\r\nHost: x\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        S3Requests.Signed head = chunkedHead(mode, key, 10);
        RawHttp.Reply reply = send(mode, head.head(), S3Requests.signedChunks(head, smuggled, 1024));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(modes.stored(key)).isNull();
        assertThat(modes.relay().requests()).noneMatch(r -> r.requestLine().contains("secret"));
    }

    @ParameterizedTest
    @EnumSource(UpstreamAuth.class)
    void aRequestSmuggledAfterTheFinalChunkIsRefusedAndNeverReachesTheStore(UpstreamAuth mode) throws Exception {
        String key = "public/smuggle-" + mode + ".bin";
        S3Requests.Signed head = chunkedHead(mode, key, DATA.length);
        byte[] body = join(S3Requests.signedChunks(head, DATA, 16_384), ("GET " + path("secret/plan.txt")
                + " HTTP/1.1\r\nHost: " + host(mode) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        RawHttp.Reply reply = send(mode, head.head(), body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(modes.stored(key)).isNull();
        assertThat(modes.relay().requests()).noneMatch(r -> r.requestLine().contains("secret"));
    }

    @ParameterizedTest
    @EnumSource(UpstreamAuth.class)
    void aTrailerChecksumThatDisagreesIsBadDigestAndNothingIsStored(UpstreamAuth mode) throws Exception {
        String key = "public/trailer-" + mode + ".txt";
        byte[] data = "a body whose trailer lies".getBytes(StandardCharsets.US_ASCII);
        S3Requests.Signed head = S3Requests.sigV4("PUT", host(mode), path(key), "",
                Map.of("Content-Encoding", "aws-chunked", "x-amz-decoded-content-length", String.valueOf(data.length),
                        "x-amz-trailer", "x-amz-checksum-crc32"),
                "STREAMING-UNSIGNED-PAYLOAD-TRAILER", BOB_ID, BOB_KEY, Instant.now());
        RawHttp.Reply reply = send(mode, head.head(),
                S3Requests.unsignedChunksWithCrc32(data, 8, S3Requests.crc32("another body".getBytes())));
        assertRefusedAndNotStored(reply, 400, "BadDigest", key);
    }

    /** Two MiB: long enough to be spliced, were a checked body ever spliced. */
    @ParameterizedTest
    @EnumSource(UpstreamAuth.class)
    void aBodyThatDoesNotMatchItsSignedHashIsRefusedAndNothingIsStored(UpstreamAuth mode) throws Exception {
        String key = "public/hash-" + mode + ".bin";
        byte[] signed = data(2 << 20);
        byte[] sent = signed.clone();
        sent[sent.length / 2] ^= 1;
        RawHttp.Reply reply = send(mode, S3Requests.sigV4("PUT", host(mode), path(key), "", Map.of(), signed,
                BOB_ID, BOB_KEY), sent);
        assertRefusedAndNotStored(reply, 400, "XAmzContentSHA256Mismatch", key);
    }

    @ParameterizedTest
    @EnumSource(UpstreamAuth.class)
    void aChecksumHeaderThatDisagreesIsBadDigestAndNothingIsStored(UpstreamAuth mode) throws Exception {
        String key = "public/crc-" + mode + ".txt";
        byte[] body = "checksummed".getBytes(StandardCharsets.US_ASCII);
        String head = S3Requests.sigV4("PUT", host(mode), path(key), "",
                Map.of("x-amz-checksum-crc32", S3Requests.crc32("something else".getBytes())), "UNSIGNED-PAYLOAD",
                BOB_ID, BOB_KEY, Instant.now()).head();
        assertRefusedAndNotStored(send(mode, head, body), 400, "BadDigest", key);
    }

    @ParameterizedTest
    @EnumSource(UpstreamAuth.class)
    void aPresignedUrlReplayedWithAnotherMethodIsRefusedBeforeTheStore(UpstreamAuth mode) throws Exception {
        String target = S3Requests.presigned("GET", host(mode), path("public/a.txt"), "", BOB_ID, BOB_KEY,
                Instant.now(), 600);
        for (String method : new String[] {"PUT", "DELETE", "HEAD"}) {
            RawHttp.Reply reply = RawHttp.exchange(modes.port(mode), method + " " + target + " HTTP/1.1\r\nHost: "
                    + host(mode) + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            assertThat(reply.status()).as(method).isEqualTo(403);
        }
        assertThat(modes.relay().requests()).isEmpty();
        assertThat(modes.stored("public/a.txt")).isEqualTo("public a");
    }

    @ParameterizedTest
    @EnumSource(UpstreamAuth.class)
    void signaturesThatLeaveTheHostOutAreRefusedBeforeTheStore(UpstreamAuth mode) throws Exception {
        String presigned = S3Requests.presigned("GET", host(mode), path("public/a.txt"), "", BOB_ID, BOB_KEY,
                Instant.now(), 600).replace("X-Amz-SignedHeaders=host", "X-Amz-SignedHeaders=x-amz-date");
        RawHttp.Reply query = RawHttp.exchange(modes.port(mode), "GET " + presigned + " HTTP/1.1\r\nHost: "
                + host(mode) + "\r\nConnection: close\r\n\r\n");
        assertThat(query.status()).isEqualTo(400);
        assertThat(query.code()).isEqualTo("AuthorizationQueryParametersError");
        String header = S3Requests.sigV4("GET", host(mode), path("public/a.txt"), "", Map.of(), new byte[0],
                BOB_ID, BOB_KEY).replaceFirst("SignedHeaders=host;", "SignedHeaders=");
        RawHttp.Reply headed = send(mode, header, new byte[0]);
        assertThat(headed.status()).isEqualTo(400);
        assertThat(headed.code()).isEqualTo("AuthorizationHeaderMalformed");
        assertThat(modes.relay().requests()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(UpstreamAuth.class)
    void aSkewedDateAndAnUnknownKeyAreRefusedWithTheirS3Codes(UpstreamAuth mode) throws Exception {
        String skewed = S3Requests.sigV4("GET", host(mode), path("public/a.txt"), "", Map.of(),
                S3Requests.EMPTY_SHA256, BOB_ID, BOB_KEY, Instant.now().minusSeconds(1200)).head();
        RawHttp.Reply late = send(mode, skewed, new byte[0]);
        assertThat(late.status()).isEqualTo(403);
        assertThat(late.code()).isEqualTo("RequestTimeTooSkewed");
        String unknown = S3Requests.sigV4("GET", host(mode), path("public/a.txt"), "", Map.of(), new byte[0],
                "AKIDnobodyKnowsThisKey0000000000000", BOB_KEY);
        RawHttp.Reply nobody = send(mode, unknown, new byte[0]);
        assertThat(nobody.status()).isEqualTo(403);
        assertThat(nobody.code()).isEqualTo("InvalidAccessKeyId");
        assertThat(modes.relay().requests()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(UpstreamAuth.class)
    void continueComesOnlyAfterTheSignatureAndTheDecision(UpstreamAuth mode) throws Exception {
        byte[] body = "expecting".getBytes(StandardCharsets.US_ASCII);
        String forged = S3Requests.sigV4("PUT", host(mode), path("public/expect.txt"), "", Map.of(), body, BOB_ID,
                "not-" + BOB_KEY) + "Expect: 100-continue\r\nContent-Length: " + body.length + "\r\n\r\n";
        try (RawHttp http = new RawHttp(modes.port(mode))) {
            http.send(forged);
            assertThat(http.awaitContinue()).isFalse();
        }
        String good = S3Requests.sigV4("PUT", host(mode), path("public/expect.txt"), "", Map.of(), body, BOB_ID,
                BOB_KEY) + "Expect: 100-continue\r\nContent-Length: " + body.length + "\r\n\r\n";
        try (RawHttp http = new RawHttp(modes.port(mode))) {
            http.send(good);
            assertThat(http.awaitContinue()).isTrue();
            http.send(body);
            assertThat(http.read().status()).isEqualTo(200);
        }
    }

    /**
     * An empty decoded body has no byte to hold back, so a rebuilt route's head waits until the
     * final chunk is verified: a forged one means the store hears nothing at all.
     */
    @ParameterizedTest
    @EnumSource(UpstreamAuth.class)
    void anEmptyChunkSignedUploadGoesUpstreamOnlyOnceItsFinalChunkIsVerified(UpstreamAuth mode) throws Exception {
        String key = "public/empty-" + mode + ".bin";
        S3Requests.Signed forgedHead = chunkedHead(mode, key, 0);
        byte[] forged = ("0;chunk-signature=" + "0".repeat(64) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        RawHttp.Reply refused = send(mode, forgedHead.head(), forged);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("SignatureDoesNotMatch");
        if (mode != UpstreamAuth.PASSTHROUGH) {
            assertThat(modes.relay().requests()).isEmpty();
        }
        assertThat(modes.stored(key)).isNull();
        S3Requests.Signed head = chunkedHead(mode, key, 0);
        RawHttp.Reply stored = send(mode, head.head(), S3Requests.signedChunks(head, new byte[0], 1024));
        assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
        if (mode != UpstreamAuth.PASSTHROUGH) {
            assertThat(modes.stored(key)).isEmpty();
        }
    }
}
