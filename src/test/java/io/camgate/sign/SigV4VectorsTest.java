package io.camgate.sign;

import static io.camgate.sign.AwsVectors.DIRECTORY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camgate.identity.Principal;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The twelve SigV4 vectors of the S3-clients reference (§3.2), each verified exactly. */
class SigV4VectorsTest {
    private static final HexFormat HEX = HexFormat.of();

    static Stream<Arguments> vectors() {
        return Stream.of(
                Arguments.of("V0", (Supplier<AwsRequest>) AwsVectors::v0, PayloadMode.SHA256_HEX, Carrier.AWS4_HEADER),
                Arguments.of("V1", (Supplier<AwsRequest>) AwsVectors::v1, PayloadMode.UNSIGNED, Carrier.AWS4_HEADER),
                Arguments.of("V1b", (Supplier<AwsRequest>) AwsVectors::v1b, PayloadMode.SHA256_HEX, Carrier.AWS4_HEADER),
                Arguments.of("V1c", (Supplier<AwsRequest>) AwsVectors::v1c, PayloadMode.SHA256_HEX, Carrier.AWS4_HEADER),
                Arguments.of("V2", (Supplier<AwsRequest>) AwsVectors::v2, PayloadMode.SHA256_HEX, Carrier.AWS4_HEADER),
                Arguments.of("V3", (Supplier<AwsRequest>) AwsVectors::v3, PayloadMode.UNSIGNED, Carrier.AWS4_QUERY),
                Arguments.of("V3b", (Supplier<AwsRequest>) AwsVectors::v3b, PayloadMode.UNSIGNED, Carrier.AWS4_QUERY),
                Arguments.of("V4", (Supplier<AwsRequest>) AwsVectors::v4, PayloadMode.STREAMING_SIGNED,
                        Carrier.AWS4_HEADER),
                Arguments.of("V4b", (Supplier<AwsRequest>) AwsVectors::v4b, PayloadMode.STREAMING_SIGNED,
                        Carrier.AWS4_HEADER),
                Arguments.of("V5", (Supplier<AwsRequest>) AwsVectors::v5, PayloadMode.STREAMING_SIGNED_TRAILER,
                        Carrier.AWS4_HEADER),
                Arguments.of("V6", (Supplier<AwsRequest>) AwsVectors::v6, PayloadMode.STREAMING_UNSIGNED_TRAILER,
                        Carrier.AWS4_HEADER),
                Arguments.of("V7", (Supplier<AwsRequest>) AwsVectors::v7, PayloadMode.UNSIGNED, Carrier.AWS4_HEADER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void everyVectorVerifies(String name, Supplier<AwsRequest> vector, PayloadMode mode, Carrier carrier)
            throws Exception {
        AwsVerification v = AwsVectors.sigV4(0).authenticate(vector.get(), DIRECTORY);
        assertThat(v.authentication().principal()).isEqualTo(new Principal.Root(AwsVectors.ROOT_UIN));
        assertThat(v.authentication().secretId()).contains(AwsVectors.KEY);
        assertThat(v.authentication().carrier()).isEqualTo(carrier);
        assertThat(v.payloadMode()).isEqualTo(mode);
        assertThat(v.chunkSigning() != null).isEqualTo(mode.signsChunks());
        assertThat(SignatureScheme.of(vector.get()).name()).isEqualTo(carrier.name());
    }

    @Test
    void signingKeyIsTheReferenceKey() {
        assertThat(HEX.formatHex(AwsSigningKeys.derive(AwsVectors.SECRET, "20260115", "ap-shanghai")))
                .isEqualTo("3320b406406c07b3abbe9a0186fb6947992aa0907e8c33756bfd7226fba3b85c");
    }

    @Test
    void hexPayloadIsReturnedAsTheExpectedDigest() throws Exception {
        assertThat(HEX.formatHex(AwsVectors.sigV4(0).authenticate(AwsVectors.v2(), DIRECTORY).expectedSha256()))
                .isEqualTo(AwsVectors.HELLO_SHA256);
        // No x-amz-content-sha256 at all (V0): the payload line is the empty body's hash, so the body must be empty.
        assertThat(HEX.formatHex(AwsVectors.sigV4(0).authenticate(AwsVectors.v0(), DIRECTORY).expectedSha256()))
                .isEqualTo(AwsVectors.EMPTY_SHA256);
        assertThat(AwsVectors.sigV4(0).authenticate(AwsVectors.v4(), DIRECTORY).decodedLength()).isEqualTo(11);
    }

    @Test
    void pathIsEncodedOnceNotTwice() throws Exception {
        String signed = "host;x-amz-date";
        AwsRequest s3 = AwsVectors.headerSigned("GET", "/photos/2026/a%20b.jpg", signed,
                "6f1ee7d39e24601bb45ec08642f1342df8533b70879a59b07241c8afbcd3d1e0");
        assertThat(AwsVectors.sigV4(0).authenticate(s3, DIRECTORY).payloadMode()).isEqualTo(PayloadMode.SHA256_HEX);
        AwsRequest doubleEncoded = AwsVectors.headerSigned("GET", "/photos/2026/a%20b.jpg", signed,
                "1d7eab9b125f5eec842150c59ded955d9850caf9639f12929588693dc3f5d011");
        Fixtures.assertRejected(() -> AwsVectors.sigV4(0).authenticate(doubleEncoded, DIRECTORY),
                "SignatureDoesNotMatch", 403);
    }

    @Test
    void presignWithTheEmptyHashOnThePayloadLineIsRefused() {
        AwsRequest generic = new AwsRequest("GET", AwsVectors.v3().target().replace(
                "b2c80e2a7bede201af9b7b982f6bc4be51bce9bf4b27d680b0c64aa2f69c1063",
                "d3f471025d0a876975572f4cb19e82be06f9c2a5702ceeffdd3673e12508f7e5")).header("Host", AwsVectors.HOST);
        Fixtures.assertRejected(() -> AwsVectors.sigV4(0).authenticate(generic, DIRECTORY),
                "SignatureDoesNotMatch", 403);
    }

    @Test
    void anEquivalentSpellingOfThePathStillVerifies() throws Exception {
        // '~' escaped and a lower-case escape: both canonicalise to what the client signed.
        AwsRequest v3b = AwsVectors.v3b();
        AwsRequest respelled = new AwsRequest("PUT", v3b.target().replace("c~d%3De%25f", "c%7Ed%3de%25f"))
                .header("Host", AwsVectors.HOST);
        assertThat(AwsVectors.sigV4(0).authenticate(respelled, DIRECTORY).payloadMode())
                .isEqualTo(PayloadMode.UNSIGNED);
    }

    @Test
    void sCmdStyleAuthorizationWithoutSpacesVerifies() throws Exception {
        AwsRequest v1 = AwsVectors.v1();
        String compact = v1.headerValues("Authorization").get(0).replace(", ", ",");
        assertThat(AwsVectors.sigV4(0).authenticate(v1.withHeader("Authorization", compact), DIRECTORY)
                .payloadMode()).isEqualTo(PayloadMode.UNSIGNED);
    }

    @Test
    void aTemporaryKeyNeedsItsTokenAsXAmzSecurityToken() throws Exception {
        var clock = AwsVectors.clock(0);
        TemporaryCredentials temporary = new TemporaryCredentials(clock);
        TemporaryCredential credential = temporary.issue(new Principal.Root(AwsVectors.ROOT_UIN));
        SigV4Verifier verifier = new SigV4Verifier(SignatureRules.DEFAULTS, temporary, clock);
        AwsRequest request = AwsSigner.sign(new AwsRequest("GET", "/hello.txt").header("Host", AwsVectors.HOST)
                .header("x-amz-content-sha256", "UNSIGNED-PAYLOAD")
                .header("x-amz-security-token", credential.token()), credential.secretId(), credential.secretKey());
        assertThat(verifier.authenticate(request, DIRECTORY).authentication().secretId())
                .contains(credential.secretId());
        AwsRequest without = AwsSigner.sign(new AwsRequest("GET", "/hello.txt").header("Host", AwsVectors.HOST)
                .header("x-amz-content-sha256", "UNSIGNED-PAYLOAD"), credential.secretId(), credential.secretKey());
        Fixtures.assertRejected(() -> verifier.authenticate(without, DIRECTORY), "AccessDenied", 403);
        AwsRequest wrong = AwsSigner.sign(new AwsRequest("GET", "/hello.txt").header("Host", AwsVectors.HOST)
                .header("x-amz-content-sha256", "UNSIGNED-PAYLOAD")
                .header("x-amz-security-token", credential.token() + "x"), credential.secretId(),
                credential.secretKey());
        Fixtures.assertRejected(() -> verifier.authenticate(wrong, DIRECTORY), "AccessDenied", 403);
    }

    @Test
    void theRegionOfTheScopeIsTakenAsSigned() throws Exception {
        // rclone signs us-east-1 whatever the bucket's region: the key is derived from the scope as sent.
        AwsRequest request = AwsSigner.sign(new AwsRequest("GET", "/hello.txt").header("Host", AwsVectors.HOST)
                .header("x-amz-content-sha256", "UNSIGNED-PAYLOAD"), AwsVectors.KEY, AwsVectors.SECRET, "us-east-1");
        assertThat(AwsVectors.sigV4(0).authenticate(request, DIRECTORY).payloadMode())
                .isEqualTo(PayloadMode.UNSIGNED);
    }

    @Test
    void aWrongSecretIsSignatureDoesNotMatch() {
        AwsRequest request = AwsSigner.sign(new AwsRequest("GET", "/hello.txt").header("Host", AwsVectors.HOST)
                .header("x-amz-content-sha256", "UNSIGNED-PAYLOAD"), AwsVectors.KEY, "not-the-secret");
        Fixtures.assertRejected(() -> AwsVectors.sigV4(0).authenticate(request, DIRECTORY),
                "SignatureDoesNotMatch", 403);
        AwsRequest unknown = AwsSigner.sign(new AwsRequest("GET", "/hello.txt").header("Host", AwsVectors.HOST)
                .header("x-amz-content-sha256", "UNSIGNED-PAYLOAD"), "AKIDUNKNOWN", AwsVectors.SECRET);
        Fixtures.assertRejected(() -> AwsVectors.sigV4(0).authenticate(unknown, DIRECTORY),
                "InvalidAccessKeyId", 403);
    }

    @Test
    void theDebugDetailOfAMismatchIsTheCanonicalRequest() {
        var clock = AwsVectors.clock(0);
        SigV4Verifier debug = new SigV4Verifier(SignatureRules.DEFAULTS.withDebugMismatch(true),
                new TemporaryCredentials(clock), clock);
        AwsRequest tampered = AwsVectors.v0().withHeader("Host", "other-1250000000.cos.ap-shanghai.myqcloud.com");
        assertThatThrownBy(() -> debug.authenticate(tampered, DIRECTORY))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.error().formatString()).isEqualTo("GET\n/hello.txt\n\n"
                            + "host:other-1250000000.cos.ap-shanghai.myqcloud.com\nx-amz-date:20260115T080000Z\n\n"
                            + "host;x-amz-date\n" + AwsVectors.EMPTY_SHA256);
                    assertThat(e.error().stringToSign()).startsWith("AWS4-HMAC-SHA256\n20260115T080000Z\n");
                });
    }
}
