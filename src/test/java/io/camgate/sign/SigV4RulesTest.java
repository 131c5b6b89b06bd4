package io.camgate.sign;

import static io.camgate.sign.AwsVectors.DIRECTORY;
import static io.camgate.sign.Fixtures.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rules around a SigV4 signature: time bounds, required fields, and what may not be left unsigned. */
class SigV4RulesTest {
    private static AwsRequest unsignedGet() {
        return new AwsRequest("GET", "/hello.txt").header("Host", AwsVectors.HOST)
                .header("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
    }

    @ParameterizedTest(name = "clock {0} s from the request time: accepted {1}")
    @CsvSource({"0, true", "900, true", "-900, true", "901, false", "-901, false", "86400, false"})
    void headerAuthAllowsFifteenMinutesOfSkewEitherWay(long offset, boolean accepted) throws Exception {
        AwsRequest request = AwsSigner.sign(unsignedGet(), AwsVectors.KEY, AwsVectors.SECRET);
        if (accepted) {
            assertThat(AwsVectors.sigV4(offset).authenticate(request, DIRECTORY).payloadMode())
                    .isEqualTo(PayloadMode.UNSIGNED);
        } else {
            assertRejected(() -> AwsVectors.sigV4(offset).authenticate(request, DIRECTORY), "RequestTimeTooSkewed",
                    403);
        }
    }

    @ParameterizedTest(name = "X-Amz-Expires {0}, clock +{1} s: {2}")
    @CsvSource({"1, 0, ok", "1, 1, ok", "1, 2, AccessDenied", "3600, 3600, ok", "3600, 3601, AccessDenied",
        "604800, 604800, ok", "604800, 604801, AccessDenied", "3600, -900, ok", "3600, -901, AccessDenied",
        "0, 0, AuthorizationQueryParametersError", "604801, 0, AuthorizationQueryParametersError"})
    void presignedUrlsLiveOneSecondToSevenDays(long expires, long offset, String outcome) throws Exception {
        AwsRequest request = AwsSigner.presign("GET", "/hello.txt", "", AwsVectors.KEY, AwsVectors.SECRET, expires);
        if (outcome.equals("ok")) {
            assertThat(AwsVectors.sigV4(offset).authenticate(request, DIRECTORY).authentication().carrier())
                    .isEqualTo(Carrier.AWS4_QUERY);
        } else {
            assertRejected(() -> AwsVectors.sigV4(offset).authenticate(request, DIRECTORY), outcome,
                    outcome.equals("AccessDenied") ? 403 : 400);
        }
    }

    @Test
    void aPresignedUrlReplayedOnAnotherKeyOrMethodIsRefused() throws Exception {
        AwsRequest url = AwsSigner.presign("GET", "/hello.txt", "", AwsVectors.KEY, AwsVectors.SECRET, 3600);
        assertThat(AwsVectors.sigV4(0).authenticate(url, DIRECTORY).payloadMode()).isEqualTo(PayloadMode.UNSIGNED);
        String query = url.target().substring(url.target().indexOf('?'));
        assertRejected(() -> AwsVectors.sigV4(0).authenticate(url.retarget("GET", "/secret.txt" + query), DIRECTORY),
                "SignatureDoesNotMatch", 403);
        assertRejected(() -> AwsVectors.sigV4(0).authenticate(url.retarget("PUT", url.target()), DIRECTORY),
                "SignatureDoesNotMatch", 403);
        assertRejected(() -> AwsVectors.sigV4(0).authenticate(url.retarget("DELETE", url.target()), DIRECTORY),
                "SignatureDoesNotMatch", 403);
        assertRejected(() -> AwsVectors.sigV4(0).authenticate(
                url.withHeader("Host", "other-1250000000.cos.ap-shanghai.myqcloud.com"), DIRECTORY),
                "SignatureDoesNotMatch", 403);
    }

    @Test
    void aSignedHeaderListWithoutHostIsRefused() {
        AwsRequest withoutHost = AwsSigner.sign(new AwsRequest("GET", "/hello.txt")
                .header("x-amz-content-sha256", "UNSIGNED-PAYLOAD"), AwsVectors.KEY, AwsVectors.SECRET)
                .header("Host", AwsVectors.HOST);
        assertThat(withoutHost.headerValues("Authorization").get(0)).contains("SignedHeaders=x-amz-content-sha256;");
        assertRejected(() -> AwsVectors.sigV4(0).authenticate(withoutHost, DIRECTORY), "AuthorizationHeaderMalformed",
                400);
        AwsRequest presigned = new AwsRequest("GET", AwsSigner.presign("GET", "/hello.txt", "", AwsVectors.KEY,
                AwsVectors.SECRET, 3600).target().replace("X-Amz-SignedHeaders=host", "X-Amz-SignedHeaders=x-amz-date"))
                .header("Host", AwsVectors.HOST).header("x-amz-date", AwsVectors.AMZ_DATE);
        assertRejected(() -> AwsVectors.sigV4(0).authenticate(presigned, DIRECTORY),
                "AuthorizationQueryParametersError", 400);
    }

    /** The x-cos names are the x-amz ones' twins: unsigned, either could change the operation. */
    @ParameterizedTest(name = "{0} unsigned in the header, {1} beside a presigned URL")
    @CsvSource({"x-amz-acl, x-amz-storage-class", "x-cos-copy-source, X-Cos-Acl"})
    void anUnsignedAmzHeaderOrItsCosTwinIsRefused(String headerSigned, String presignedBeside) {
        AwsRequest request = AwsSigner.sign(unsignedGet(), AwsVectors.KEY, AwsVectors.SECRET)
                .header(headerSigned, "public-read");
        assertRejected(() -> AwsVectors.sigV4(0).authenticate(request, DIRECTORY), "AccessDenied", 403);
        AwsRequest presigned = AwsSigner.presign("PUT", "/hello.txt", "", AwsVectors.KEY, AwsVectors.SECRET, 3600)
                .header(presignedBeside, "GLACIER");
        assertRejected(() -> AwsVectors.sigV4(0).authenticate(presigned, DIRECTORY), "AccessDenied", 403);
    }

    @Test
    void aSignedCosTwinIsAccepted() throws Exception {
        AwsRequest signed = AwsSigner.sign(unsignedGet().header("x-cos-acl", "private"), AwsVectors.KEY,
                AwsVectors.SECRET);
        assertThat(AwsVectors.sigV4(0).authenticate(signed, DIRECTORY).payloadMode()).isEqualTo(PayloadMode.UNSIGNED);
    }

    @Test
    void aRequestCarriesOneSignatureOnly() {
        AwsRequest url = AwsSigner.presign("GET", "/hello.txt", "", AwsVectors.KEY, AwsVectors.SECRET, 3600);
        AwsRequest both = url.header("Authorization", AwsVectors.v0().headerValues("Authorization").get(0));
        assertRejected(() -> AwsVectors.sigV4(0).authenticate(both, DIRECTORY), "InvalidArgument", 400);
        assertRejected(() -> SignatureScheme.of(both), "InvalidArgument", 400);
        AwsRequest twice = AwsVectors.v0().header("Authorization", AwsVectors.v0().headerValues("Authorization").get(0));
        assertRejected(() -> AwsVectors.sigV4(0).authenticate(twice, DIRECTORY), "InvalidArgument", 400);
        AwsRequest cosToo = new AwsRequest("GET", url.target() + "&q-ak=x").header("Host", AwsVectors.HOST);
        assertRejected(() -> SignatureScheme.of(cosToo), "InvalidArgument", 400);
        AwsRequest v2Too = new AwsRequest("GET", url.target() + "&AWSAccessKeyId=x").header("Host", AwsVectors.HOST);
        assertRejected(() -> SignatureScheme.of(v2Too), "InvalidArgument", 400);
    }

    @Test
    void aPresignedUrlCannotDeclareAStreamingPayload() {
        AwsRequest url = AwsSigner.presign("PUT", "/hello.txt", "X-Amz-Content-Sha256=STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                AwsVectors.KEY, AwsVectors.SECRET, 3600);
        assertRejected(() -> AwsVectors.sigV4(0).authenticate(url, DIRECTORY), "AuthorizationQueryParametersError", 400);
    }

    @Test
    void malformedAuthorizationsAre400() {
        String good = AwsVectors.v0().headerValues("Authorization").get(0);
        for (String bad : new String[] {good.replace("Credential=", "Credentials="),
            good.replace(", Signature=", ", Signature=f, Signature="), good.replace("SignedHeaders=host;x-amz-date, ", ""),
            good.replace("Signature=f24e", "Signature=zz4e"), good.replace("/20260115/", "/2026011/"),
            good.replace("AKIDEXAMPLE/", "AKIDEXAMPLE/extra/"), good.replace("host;x-amz-date", "Host;x-amz-date"),
            good.replace("host;x-amz-date", "host;;x-amz-date")}) {
            assertRejected(() -> AwsVectors.sigV4(0).authenticate(AwsVectors.v0().withHeader("Authorization", bad),
                    DIRECTORY), "InvalidArgument", 400);
        }
        assertRejected(() -> AwsVectors.sigV4(0).authenticate(AwsVectors.v0().withHeader("X-Amz-Date", null),
                DIRECTORY), "AccessDenied", 403);
        assertRejected(() -> AwsVectors.sigV4(0).authenticate(AwsVectors.v0().withHeader("X-Amz-Date",
                "20260115T080000"), DIRECTORY), "InvalidArgument", 400);
        assertRejected(() -> AwsVectors.sigV4(0).authenticate(AwsVectors.v1().withHeader("x-amz-content-sha256",
                "NOT-A-MODE"), DIRECTORY), "InvalidArgument", 400);
        assertRejected(() -> AwsVectors.sigV4(0).authenticate(AwsVectors.v4().withHeader(
                "x-amz-decoded-content-length", null), DIRECTORY), "InvalidArgument", 400);
    }

    @Test
    void theSignatureParametersOfEachSchemeAreKnownForTheForwarderToDrop() {
        for (String name : new String[] {"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires",
            "X-Amz-SignedHeaders", "X-Amz-Signature", "X-Amz-Security-Token", "X-Amz-Content-Sha256"}) {
            assertThat(SignatureScheme.isSignatureParameter(name, SignatureScheme.AWS4_QUERY)).as(name).isTrue();
        }
        for (String name : new String[] {"AWSAccessKeyId", "Expires", "Signature", "x-amz-security-token"}) {
            assertThat(SignatureScheme.isSignatureParameter(name, SignatureScheme.AWS2_QUERY)).as(name).isTrue();
        }
        assertThat(SignatureScheme.isSignatureParameter("q-signature", SignatureScheme.COS_QUERY)).isTrue();
        for (SignatureScheme scheme : SignatureScheme.values()) {
            for (String kept : new String[] {"x-id", "list-type", "prefix", "uploadId", "x-amz-checksum-crc32"}) {
                assertThat(SignatureScheme.isSignatureParameter(kept, scheme)).as(scheme + " " + kept).isFalse();
            }
        }
        assertThat(SignatureScheme.isSignatureParameter("Expires", SignatureScheme.AWS4_QUERY)).isFalse();
    }

    @Test
    void theRequestDayMustBeTheScopeDay() {
        AwsRequest nextDay = AwsVectors.v0().withHeader("X-Amz-Date", "20260116T000000Z");
        assertRejected(() -> AwsVectors.sigV4(16 * 3600).authenticate(nextDay, DIRECTORY), "InvalidArgument", 400);
    }
}
