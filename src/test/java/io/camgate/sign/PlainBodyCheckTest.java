package io.camgate.sign;

import static io.camgate.sign.AwsVectors.DIRECTORY;
import static io.camgate.sign.BodyFeed.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The plain-body check: the signed SHA-256 and the header checksums, with the final byte held until they pass. */
class PlainBodyCheckTest {
    private static PlainBodyCheck check(AwsRequest request, long length) throws AuthenticationException {
        return PlainBodyCheck.of(AwsVectors.sigV4(0).authenticate(request, DIRECTORY), request, length);
    }

    private static void refused(PlainBodyCheck check, byte[] body, int piece, String code, long declared) {
        BodyFeed feed = new BodyFeed();
        assertThatThrownBy(() -> feed.feed(check::accept, body, piece))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> assertThat(e.error().code()).isEqualTo(code));
        if (declared >= 0) {
            assertThat((long) feed.released().length).isLessThan(Math.max(declared, 1));
        }
        assertThat(check.isComplete()).isFalse();
    }

    @ParameterizedTest(name = "pieces of {0}")
    @ValueSource(ints = {1, 3, 11})
    void theSignedHashOfV2Passes(int piece) throws Exception {
        PlainBodyCheck check = check(AwsVectors.v2(), 11);
        assertThat(new BodyFeed().feed(check::accept, bytes("hello world"), piece).releasedText()).isEqualTo("hello world");
        assertThat(check.isComplete()).isTrue();
    }

    @Test
    void anotherBodyFailsBeforeItsLastByte() throws Exception {
        refused(check(AwsVectors.v2(), 11), bytes("hello worle"), 1, "XAmzContentSHA256Mismatch", 11);
        refused(check(AwsVectors.v2(), 11), bytes("hello world!"), 4, "IncompleteBody", 11);
        refused(check(AwsVectors.v2(), 11), bytes("hello worl"), 4, "IncompleteBody", 11);
        // Chunked transfer, no length: nothing is held; the verdict comes with the last piece, before the
        // request path writes the upstream's final chunk.
        refused(check(AwsVectors.v2(), -1), bytes("hello worle"), 4, "XAmzContentSHA256Mismatch", -1);
        PlainBodyCheck unknown = check(AwsVectors.v2(), -1);
        assertThat(new BodyFeed().feed(unknown::accept, bytes("hello world"), 4).releasedText()).isEqualTo("hello world");
    }

    @Test
    void anEmptyBodyWithTheEmptyHashHoldsTheRequestHead() throws Exception {
        PlainBodyCheck check = check(AwsVectors.v0(), 0);
        assertThat(check.holdsRequestHead()).isTrue();
        new BodyFeed().feed(check::accept, new byte[0], 1);
        assertThat(check.isComplete()).isTrue();
        // V0 signs the empty body: a body sent anyway fails.
        refused(check(AwsVectors.v0(), 1), bytes("x"), 1, "XAmzContentSHA256Mismatch", 1);
        refused(check(AwsVectors.v0(), -1), bytes("x"), 1, "XAmzContentSHA256Mismatch", -1);
    }

    @Test
    void aHeaderChecksumWithAnUnsignedPayloadIsChecked() throws Exception {
        PlainBodyCheck check = check(AwsVectors.v7(), 11);
        assertThat(new BodyFeed().feed(check::accept, bytes("hello world"), 5).releasedText()).isEqualTo("hello world");
        refused(check(AwsVectors.v7(), 11), bytes("hello worle"), 5, "BadDigest", 11);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"x-amz-checksum-crc32, DUoRhQ==", "x-amz-checksum-sha1, Kq5sNclPz7QV2+lfQIuc6R7oRu0=",
        "x-amz-checksum-sha256, uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek="})
    void eachAlgorithmChecksTheBody(String header, String value) throws Exception {
        AwsRequest request = new AwsRequest("PUT", "/hello.txt").header("Host", AwsVectors.HOST)
                .header("x-amz-content-sha256", "UNSIGNED-PAYLOAD").header(header, value);
        AwsRequest signed = AwsSigner.sign(request, AwsVectors.KEY, AwsVectors.SECRET);
        PlainBodyCheck good = check(signed, 11);
        assertThat(new BodyFeed().feed(good::accept, bytes("hello world"), 4).releasedText()).isEqualTo("hello world");
        refused(check(signed, 11), bytes("hello World"), 4, "BadDigest", 11);
    }

    @Test
    void crc32cAndCrc64NvmeMatchTheirPublishedCheckValues() throws Exception {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        RunningChecksum crc64 = ChecksumAlgorithm.CRC64NVME.start();
        io.netty.buffer.ByteBuf buf = io.netty.buffer.Unpooled.wrappedBuffer(check);
        crc64.update(buf, 0, 9);
        assertThat(java.util.HexFormat.of().formatHex(crc64.value())).isEqualTo("ae8b14860a799888");
        RunningChecksum crc32c = ChecksumAlgorithm.CRC32C.start();
        crc32c.update(buf, 0, 9);
        assertThat(java.util.HexFormat.of().formatHex(crc32c.value())).isEqualTo("e3069283");
        CRC32C jdk = new CRC32C();
        jdk.update(check);
        assertThat(Long.toHexString(jdk.getValue())).isEqualTo("e3069283");
        RunningChecksum sha = ChecksumAlgorithm.SHA256.start();
        sha.update(buf, 2, 7);
        assertThat(sha.value()).isEqualTo(MessageDigest.getInstance("SHA-256").digest("3456789".getBytes(StandardCharsets.US_ASCII)));
        buf.release();
    }

    @Test
    void unusableChecksumHeadersAre400() {
        for (String[] h : new String[][] {{"x-amz-checksum-crc32", "not base64!"}, {"x-amz-checksum-crc32", "AAAA"},
            {"x-amz-checksum-sha256", "DUoRhQ=="}}) {
            AwsRequest request = AwsSigner.sign(new AwsRequest("PUT", "/hello.txt").header("Host", AwsVectors.HOST)
                    .header("x-amz-content-sha256", "UNSIGNED-PAYLOAD").header(h[0], h[1]), AwsVectors.KEY,
                    AwsVectors.SECRET);
            Fixtures.assertRejected(() -> check(request, 11), "InvalidRequest", 400);
        }
        AwsRequest two = AwsSigner.sign(new AwsRequest("PUT", "/hello.txt").header("Host", AwsVectors.HOST)
                .header("x-amz-content-sha256", "UNSIGNED-PAYLOAD").header("x-amz-checksum-crc32", "DUoRhQ==")
                .header("x-amz-checksum-crc32c", "AAAAAA=="), AwsVectors.KEY, AwsVectors.SECRET);
        Fixtures.assertRejected(() -> check(two, 11), "InvalidRequest", 400);
        assertThat(Base64.getDecoder().decode("DUoRhQ==")).hasSize(4);
    }
}
