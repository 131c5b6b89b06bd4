package io.camgate.sign;

import static io.camgate.sign.AwsVectors.DIRECTORY;
import static io.camgate.sign.BodyFeed.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The aws-chunked decoder: the reference bodies, then every way of breaking one. */
class AwsChunkedBodyTest {
    private static final String V5_SEED = "1150ec6066b2fc80d11c9e266ba235dceaff784bded159df9350e077e55f9c0d";
    private static final String V4B_SEED = "3fe85d469bade84e4ddf7eb4d655f2e5a978130e99764b5da26baa5d890c9047";

    private static AwsChunkedBody body(AwsRequest request) throws AuthenticationException {
        return AwsChunkedBody.of(AwsVectors.sigV4(0).authenticate(request, DIRECTORY), request);
    }

    private static byte[] v4bBody() {
        byte[] a = new byte[140_000];
        Arrays.fill(a, (byte) 'a');
        return ChunkedBodies.signed(V4B_SEED, List.of(Arrays.copyOf(a, 0x20000), Arrays.copyOf(a, 0x22e0)), null);
    }

    @ParameterizedTest(name = "pieces of {0} bytes")
    @ValueSource(ints = {1, 2, 7, 64, 100_000})
    void theReferenceBodiesDecodeInPiecesOfAnySize(int piece) throws Exception {
        for (var c : List.of(new Object[] {AwsVectors.v4(), AwsVectors.V4_BODY},
                new Object[] {AwsVectors.v5(), AwsVectors.V5_BODY}, new Object[] {AwsVectors.v6(), AwsVectors.V6_BODY})) {
            AwsChunkedBody check = body((AwsRequest) c[0]);
            assertThat(new BodyFeed().feed(check::accept, bytes((String) c[1]), piece).releasedText())
                    .isEqualTo("hello world");
            assertThat(check.isComplete()).isTrue();
        }
    }

    @Test
    void v4bIsTheReferenceChainOfThreeChunks() throws Exception {
        byte[] body = v4bBody();
        assertThat(body.length).isEqualTo(140_265);
        String text = new String(body, 0, 100, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("20000;chunk-signature=" + AwsVectors.V4B_CHUNK_SIGNATURES[0]);
        assertThat(new String(body, java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("22e0;chunk-signature=" + AwsVectors.V4B_CHUNK_SIGNATURES[1])
                .contains("0;chunk-signature=" + AwsVectors.V4B_CHUNK_SIGNATURES[2]);
        AwsChunkedBody check = body(AwsVectors.v4b());
        assertThat(new BodyFeed().feed(check::accept, body, 8192).released()).hasSize(140_000).containsOnly('a');
    }

    /** Feeds {@code body} and expects {@code code}, with the final decoded byte never released. */
    private static void refused(AwsChunkedBody check, byte[] body, int piece, String code, long decodedLength) {
        BodyFeed feed = new BodyFeed();
        assertThatThrownBy(() -> feed.feed(check::accept, body, piece))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> assertThat(e.error().code()).isEqualTo(code));
        assertThat((long) feed.released().length).isLessThan(Math.max(decodedLength, 1));
        assertThat(check.isComplete()).isFalse();
        // A failed check stays failed.
        assertThatThrownBy(() -> check.accept(io.netty.buffer.Unpooled.EMPTY_BUFFER, true, feed))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void alteredDataFailsAtItsChunkBeforeTheLastByte() throws Exception {
        refused(body(AwsVectors.v4()), bytes(AwsVectors.V4_BODY.replace("hello world", "hello worle")), 1,
                "SignatureDoesNotMatch", 11);
        byte[] v4b = v4bBody();
        v4b[200] = 'b';
        refused(body(AwsVectors.v4b()), v4b, 4096, "SignatureDoesNotMatch", 140_000);
    }

    @Test
    void aCutChainIsRefused() throws Exception {
        // The first chunk dropped: the final chunk no longer chains from the seed, and the sizes do not add up.
        String cut = AwsVectors.V4_BODY.substring(AwsVectors.V4_BODY.indexOf("0;chunk"));
        refused(body(AwsVectors.v4()), bytes(cut), 5, "IncompleteBody", 11);
        // The reference V4b body without its first chunk: the second one no longer chains from the seed.
        String v4b = new String(v4bBody(), java.nio.charset.StandardCharsets.ISO_8859_1);
        String skipped = v4b.substring(v4b.indexOf("22e0;chunk"));
        refused(body(AwsVectors.v4b()), bytes(skipped), 65536, "SignatureDoesNotMatch", 140_000);
    }

    @Test
    void reorderedChunksAreRefused() throws Exception {
        byte[] a = new byte[0x1000];
        Arrays.fill(a, (byte) 'a');
        byte[] b = Arrays.copyOf(a, 0x1000);
        Arrays.fill(b, (byte) 'b');
        String seed = V4B_SEED;
        String ab = new String(ChunkedBodies.signed(seed, List.of(a, b), null), java.nio.charset.StandardCharsets.ISO_8859_1);
        int split = ab.indexOf("1000;chunk", 10);
        int end = ab.indexOf("0;chunk", split + 10);
        String swapped = ab.substring(split, end) + ab.substring(0, split) + ab.substring(end);
        AwsChunkedBody check = AwsChunkedBody.of(ChunkedBodies.verification(PayloadMode.STREAMING_SIGNED, seed, 0x2000),
                AwsVectors.v4());
        refused(check, bytes(swapped), 1000, "SignatureDoesNotMatch", 0x2000);
        AwsChunkedBody good = AwsChunkedBody.of(ChunkedBodies.verification(PayloadMode.STREAMING_SIGNED, seed, 0x2000),
                AwsVectors.v4());
        assertThat(new BodyFeed().feed(good::accept, bytes(ab), 1000).released()).hasSize(0x2000);
    }

    @Test
    void aTruncatedOrForgedFinalChunkIsRefusedWithTheLastByteHeld() throws Exception {
        String body = AwsVectors.V4_BODY;
        refused(body(AwsVectors.v4()), bytes(body.substring(0, body.indexOf("0;chunk"))), 3, "IncompleteBody", 11);
        refused(body(AwsVectors.v4()), bytes(body.substring(0, body.length() - 2)), 3, "IncompleteBody", 11);
        refused(body(AwsVectors.v4()), bytes(body.replace("ef905593", "ef905594")), 3, "SignatureDoesNotMatch", 11);
        refused(body(AwsVectors.v4()), bytes(body + "x"), 3, "InvalidChunkSizeError", 11);
    }

    @Test
    void aTrailerThatDisagreesIsRefused() throws Exception {
        String v5 = AwsVectors.V5_BODY;
        refused(body(AwsVectors.v5()), bytes(v5.replace("DUoRhQ==", "DUoRhA==")), 16, "SignatureDoesNotMatch", 11);
        refused(body(AwsVectors.v5()), bytes(v5.replace("2e3c0cf2", "2e3c0cf3")), 16, "SignatureDoesNotMatch", 11);
        refused(body(AwsVectors.v5()), bytes(v5.replace("x-amz-trailer-signature:2e3c0cf205616033d5fdeb643fa47f634dde40b2bb35cea46a12b37e582ae2ad\r\n", "")),
                16, "InvalidChunkSizeError", 11);
        // Re-signed with a wrong CRC: the signature holds, the checksum does not.
        byte[] resigned = ChunkedBodies.signed(V5_SEED, List.of(bytes("hello world")), List.of("x-amz-checksum-crc32:AAAAAA=="));
        refused(body(AwsVectors.v5()), resigned, 16, "BadDigest", 11);
        // Unsigned trailer: only the checksum protects the body.
        refused(body(AwsVectors.v6()), bytes(AwsVectors.V6_BODY.replace("hello world", "hello worle")), 7, "BadDigest", 11);
        refused(body(AwsVectors.v6()), bytes(AwsVectors.V6_BODY.replace("x-amz-checksum-crc32:DUoRhQ==\r\n", "")), 7,
                "InvalidRequest", 11);
        refused(body(AwsVectors.v6()), bytes(AwsVectors.V6_BODY.replace("x-amz-checksum-crc32", "x-amz-checksum-sha1")),
                7, "InvalidChunkSizeError", 11);
    }

    @Test
    void theDecodedLengthMustBeTheSumOfTheChunks() throws Exception {
        byte[] v4 = bytes(AwsVectors.V4_BODY);
        for (long declared : new long[] {10, 12, 0}) {
            AwsChunkedBody check = AwsChunkedBody.of(ChunkedBodies.verification(PayloadMode.STREAMING_SIGNED,
                    AwsVectors.V4_SEED, declared), AwsVectors.v4());
            refused(check, v4, 4, "IncompleteBody", declared);
        }
    }

    @Test
    void oversizeChunksAndTooManyChunksAreRefused() throws Exception {
        String huge = "1000001;chunk-signature=" + "0".repeat(64) + "\r\n";
        AwsChunkedBody check = AwsChunkedBody.of(ChunkedBodies.verification(PayloadMode.STREAMING_SIGNED,
                AwsVectors.V4_SEED, 1L << 30), AwsVectors.v4());
        refused(check, bytes(huge), 100, "InvalidChunkSizeError", 1L << 30);
        byte[][] ones = new byte[2000][];
        Arrays.fill(ones, new byte[] {'x'});
        AwsChunkedBody many = AwsChunkedBody.of(ChunkedBodies.verification(PayloadMode.STREAMING_UNSIGNED_TRAILER,
                null, 2000), AwsVectors.v6());
        refused(many, ChunkedBodies.unsigned(List.of(ones), List.of("x-amz-checksum-crc32:AAAAAA==")), 4096,
                "InvalidChunkSizeError", 2000);
        refused(body(AwsVectors.v4()), bytes("b;chunk-signature=" + "0".repeat(300) + "\r\n"), 50,
                "InvalidChunkSizeError", 11);
    }

    @Test
    void framingMustBeExact() throws Exception {
        String v4 = AwsVectors.V4_BODY;
        for (String bad : List.of(v4.replace("\r\nhello", "\nhello"), v4.replace("b;chunk", "B0;chunk").replace("0;chunk-signature=ef", "0;chunk-signature=ef"),
                v4.replace(";chunk-signature=909c", ";chunk-signaturf=909c"), v4.replace("b;chunk", "-b;chunk"),
                v4.replace("hello world\r\n", "hello world\r\r\n"))) {
            refused(body(AwsVectors.v4()), bytes(bad), 9, bad.contains("B0;") ? "IncompleteBody" : "InvalidChunkSizeError",
                    11);
        }
        refused(body(AwsVectors.v6()), bytes(AwsVectors.V6_BODY.replace("b\r\n", "b;chunk-signature=x\r\n")), 9,
                "InvalidChunkSizeError", 11);
    }

    @Test
    void aTrailerMustBeDeclaredAndAHeaderChecksumIsCheckedToo() throws Exception {
        assertThatThrownBy(() -> body(AwsVectors.v5().withHeader("x-amz-trailer", "x-amz-meta-other")))
                .isInstanceOf(AuthenticationException.class);
        AwsVerification v = ChunkedBodies.verification(PayloadMode.STREAMING_SIGNED, AwsVectors.V4_SEED, 11);
        assertThatThrownBy(() -> AwsChunkedBody.of(v, AwsVectors.v4().header("x-amz-trailer", "x-amz-checksum-crc32")))
                .isInstanceOf(AuthenticationException.class);
        AwsChunkedBody withHeader = AwsChunkedBody.of(v, AwsVectors.v4().header("x-amz-checksum-crc32", "DUoRhQ=="));
        assertThat(new BodyFeed().feed(withHeader::accept, bytes(AwsVectors.V4_BODY), 5).releasedText())
                .isEqualTo("hello world");
        refused(AwsChunkedBody.of(v, AwsVectors.v4().header("x-amz-checksum-crc32", "AAAAAA==")),
                bytes(AwsVectors.V4_BODY), 5, "BadDigest", 11);
    }

    @Test
    void anEmptyBodyHoldsTheRequestHead() throws Exception {
        byte[] empty = ChunkedBodies.signed(AwsVectors.V4_SEED, List.of(), null);
        AwsChunkedBody check = AwsChunkedBody.of(ChunkedBodies.verification(PayloadMode.STREAMING_SIGNED,
                AwsVectors.V4_SEED, 0), AwsVectors.v4());
        assertThat(check.holdsRequestHead()).isTrue();
        assertThat(new BodyFeed().feed(check::accept, empty, 10).released()).isEmpty();
        assertThat(check.isComplete()).isTrue();
        assertThat(body(AwsVectors.v4()).holdsRequestHead()).isFalse();
    }

    @Test
    void theSinkOwnsSlicesOfTheInputWithoutCopies() throws Exception {
        AwsChunkedBody check = body(AwsVectors.v4());
        io.netty.buffer.ByteBuf in = io.netty.buffer.Unpooled.copiedBuffer(bytes(AwsVectors.V4_BODY));
        List<io.netty.buffer.ByteBuf> got = new java.util.ArrayList<>();
        Consumer<io.netty.buffer.ByteBuf> keep = got::add;
        check.accept(in, true, keep::accept);
        in.release();
        assertThat(got).allSatisfy(b -> assertThat(b.unwrap()).isSameAs(in.unwrap() == null ? in : in.unwrap()));
        assertThat(got.stream().mapToInt(io.netty.buffer.ByteBuf::readableBytes).sum()).isEqualTo(11);
        got.forEach(io.netty.buffer.ByteBuf::release);
        assertThat(in.refCnt()).isZero();
    }
}
