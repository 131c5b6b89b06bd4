package io.camgate.sign;

import static io.camgate.sign.AwsVectors.BUCKET;
import static io.camgate.sign.AwsVectors.DIRECTORY;
import static io.camgate.sign.AwsVectors.HOST;
import static io.camgate.sign.AwsVectors.HTTP_DATE;
import static io.camgate.sign.Fixtures.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The six SigV2 vectors of the S3-clients reference (§3.3), their tamperings, and the SigV2 time rules. */
class SigV2VectorsTest {
    private static final Map<String, Supplier<AwsRequest>> VECTORS = new LinkedHashMap<>();

    static {
        VECTORS.put("v2sig-get", () -> headerSigned("GET", "/hello.txt", "Z8mgI9UPhOagzYBRVQwLOUGhfcM="));
        VECTORS.put("v2sig-put", () -> headerSigned("PUT", "/hello.txt", "YVY8MPxoxFPZqcLHqDYCPJ7fsgc=",
                "Content-MD5", "XrY7u+Ae7tCTyyK7j1rNww==", "Content-Type", "text/plain", "x-amz-meta-Color", " blue ",
                "x-amz-acl", "private"));
        VECTORS.put("v2sig-get-acl", () -> headerSigned("GET", "/hello.txt?acl", "8btIndWn+3b2q/uvy7a+3pXxxeM="));
        VECTORS.put("v2sig-presigned", () -> new AwsRequest("GET", "/hello.txt?AWSAccessKeyId=AKIDEXAMPLE"
                + "&Signature=OCL0XPrXlqpZHOmG7ypDpvDi8W8%3D&Expires=1768467600").header("Host", HOST));
        VECTORS.put("v2sig-list", () -> headerSigned("GET", "/?prefix=dir%2F&delimiter=%2F",
                "e4vsopV6Nuv2olvbGNPGea77aDw="));
        VECTORS.put("v2sig-multi-delete", () -> headerSigned("POST", "/?delete", "h0GgWO6Vru3JkIayBrszkLWTKWQ=",
                "Content-MD5", "qVWtJlidzMlBTBysGKquIw==", "Content-Type", "application/xml"));
    }

    private static AwsRequest headerSigned(String method, String target, String signature, String... headers) {
        AwsRequest r = new AwsRequest(method, target).header("Host", HOST).header("Date", HTTP_DATE);
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        return r.header("Authorization", "AWS AKIDEXAMPLE:" + signature);
    }

    private static SigV2Verifier verifier(long offset) {
        var clock = AwsVectors.clock(offset);
        return new SigV2Verifier(SignatureRules.DEFAULTS, new TemporaryCredentials(clock), clock);
    }

    static Stream<Arguments> vectors() {
        return VECTORS.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void everyVectorVerifiesVirtualHosted(String name, Supplier<AwsRequest> vector) throws Exception {
        Authentication auth = verifier(0).authenticate(vector.get(), BUCKET, DIRECTORY);
        assertThat(auth.secretId()).contains(AwsVectors.KEY);
        assertThat(auth.carrier()).isEqualTo(name.equals("v2sig-presigned") ? Carrier.AWS2_QUERY : Carrier.AWS2_HEADER);
        assertThat(AwsVectors.dispatch(vector.get(), BUCKET).secretId()).contains(AwsVectors.KEY);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void everyVectorVerifiesPathStyle(String name, Supplier<AwsRequest> vector) throws Exception {
        AwsRequest v = vector.get();
        String target = v.target();
        String pathStyle = "/" + BUCKET + (target.startsWith("/?") ? "/" + target.substring(1) : target);
        AwsRequest moved = v.retarget(v.method(), pathStyle).withHeader("Host", "cos.ap-shanghai.myqcloud.com");
        assertThat(verifier(0).authenticate(moved, null, DIRECTORY).secretId()).contains(AwsVectors.KEY);
        // The bucket is signed: the same signature does not open another bucket.
        AwsRequest other = v.retarget(v.method(), pathStyle.replace(BUCKET, "otherbucket-1250000000"));
        assertRejected(() -> verifier(0).authenticate(other, null, DIRECTORY), "SignatureDoesNotMatch", 403);
        assertRejected(() -> verifier(0).authenticate(v, "otherbucket-1250000000", DIRECTORY),
                "SignatureDoesNotMatch", 403);
    }

    static Stream<Arguments> tamperings() {
        List<Arguments> out = new ArrayList<>();
        VECTORS.forEach((name, supplier) -> {
            AwsRequest v = supplier.get();
            out.add(Arguments.of(name, "method", v.retarget(v.method().equals("GET") ? "HEAD" : "GET", v.target())));
            String target = v.target();
            int q = target.indexOf('?');
            String path = q < 0 ? target : target.substring(0, q);
            String query = q < 0 ? "" : target.substring(q);
            out.add(Arguments.of(name, "path", v.retarget(v.method(), path + "x" + query)));
            out.add(Arguments.of(name, "added sub-resource",
                    v.retarget(v.method(), path + (query.isEmpty() ? "?torrent" : query + "&torrent"))));
            for (String[] h : v.headers()) {
                if (h[0].equals("Host")) {
                    continue; // SigV2 does not sign the Host; the bucket it names is passed on its own.
                }
                String changed = h[0].equals("Date") ? "Thu, 15 Jan 2026 08:00:01 GMT" : SigV4TamperTest.changed(h[1]);
                out.add(Arguments.of(name, "header " + h[0], v.withHeader(h[0], changed)));
                if (!h[0].equals("Authorization") && !h[0].equals("Date")) {
                    out.add(Arguments.of(name, "header " + h[0] + " removed", v.withHeader(h[0], null)));
                }
            }
            out.add(Arguments.of(name, "x-amz header added", v.header("x-amz-acl", "public-read")));
            if (name.equals("v2sig-presigned")) {
                for (String[] swap : new String[][] {{"AKIDEXAMPLE", "AKIDEXAMPLF"}, {"1768467600", "1768467601"},
                    {"OCL0", "OCL1"}}) {
                    out.add(Arguments.of(name, "parameter " + swap[0],
                            v.retarget(v.method(), target.replace(swap[0], swap[1]))));
                }
            }
        });
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("tamperings")
    void aTamperedVectorIsRefused(String vector, String field, AwsRequest tampered) {
        assertThatThrownBy(() -> AwsVectors.dispatch(tampered, BUCKET)).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void withXAmzDateTheDateLineIsEmpty() throws Exception {
        // s3cmd: the date travels in x-amz-date with a numeric offset, signed among the amz headers.
        String date = "Thu, 15 Jan 2026 08:00:00 +0000";
        String stringToSign = "GET\n\n\n\nx-amz-date:" + date + "\n/" + BUCKET + "/hello.txt";
        AwsRequest request = new AwsRequest("GET", "/hello.txt").header("Host", HOST).header("x-amz-date", date)
                .header("Authorization", "AWS AKIDEXAMPLE:" + sign(stringToSign));
        assertThat(verifier(0).authenticate(request, BUCKET, DIRECTORY).secretId()).contains(AwsVectors.KEY);
    }

    @ParameterizedTest(name = "clock {0} s from Date: accepted {1}")
    @CsvSource({"900, true", "-900, true", "901, false", "-901, false"})
    void headerAuthAllowsFifteenMinutesOfSkew(long offset, boolean accepted) throws Exception {
        AwsRequest get = VECTORS.get("v2sig-get").get();
        if (accepted) {
            assertThat(verifier(offset).authenticate(get, BUCKET, DIRECTORY).carrier()).isEqualTo(Carrier.AWS2_HEADER);
        } else {
            assertRejected(() -> verifier(offset).authenticate(get, BUCKET, DIRECTORY), "RequestTimeTooSkewed", 403);
        }
    }

    @Test
    void aPresignedUrlExpiresAndMayNotOutliveSevenDays() throws Exception {
        AwsRequest url = VECTORS.get("v2sig-presigned").get();
        assertThat(verifier(3600).authenticate(url, BUCKET, DIRECTORY).carrier()).isEqualTo(Carrier.AWS2_QUERY);
        assertRejected(() -> verifier(3601).authenticate(url, BUCKET, DIRECTORY), "AccessDenied", 403);
        long farExpires = AwsVectors.EPOCH + 604_801;
        AwsRequest far = new AwsRequest("GET", "/hello.txt?AWSAccessKeyId=AKIDEXAMPLE&Expires=" + farExpires
                + "&Signature=" + AwsSigner.encode(sign("GET\n\n\n" + farExpires + "\n/" + BUCKET + "/hello.txt")))
                .header("Host", HOST);
        assertRejected(() -> verifier(0).authenticate(far, BUCKET, DIRECTORY), "AccessDenied", 403);
        assertThat(verifier(2).authenticate(far, BUCKET, DIRECTORY).carrier()).isEqualTo(Carrier.AWS2_QUERY);
        AwsRequest missing = new AwsRequest("GET", "/hello.txt?AWSAccessKeyId=AKIDEXAMPLE&Expires=1768467600")
                .header("Host", HOST);
        assertRejected(() -> verifier(0).authenticate(missing, BUCKET, DIRECTORY),
                "AuthorizationQueryParametersError", 400);
    }

    @Test
    void aWrongSecretIsSignatureDoesNotMatchAndAnUnknownKeyInvalidAccessKeyId() {
        AwsRequest get = VECTORS.get("v2sig-get").get();
        String signature = get.headerValues("Authorization").get(0).substring(16);
        assertRejected(() -> verifier(0).authenticate(get.withHeader("Authorization", "AWS AKIDUNKNOWN:" + signature),
                BUCKET, DIRECTORY), "InvalidAccessKeyId", 403);
        assertRejected(() -> verifier(0).authenticate(get.withHeader("Authorization", "AWS AKIDEXAMPLE:"
                + sign("GET\n\n\n" + HTTP_DATE + "\n/" + BUCKET + "/other.txt")), BUCKET, DIRECTORY),
                "SignatureDoesNotMatch", 403);
        assertRejected(() -> verifier(0).authenticate(get.withHeader("Authorization", "AWS AKIDEXAMPLE:%%%"),
                BUCKET, DIRECTORY), "InvalidArgument", 400);
    }

    @Test
    void anXCosHeaderIsRefusedSinceSigV2CannotSignIt() throws Exception {
        AwsRequest get = VECTORS.get("v2sig-get").get();
        assertThat(verifier(0).authenticate(get, BUCKET, DIRECTORY).secretId()).contains(AwsVectors.KEY);
        assertRejected(() -> verifier(0).authenticate(get.header("x-cos-acl", "public-read"), BUCKET, DIRECTORY),
                "AccessDenied", 403);
        assertRejected(() -> verifier(0).authenticate(get.header("X-Cos-Copy-Source", BUCKET + "/secret.txt"), BUCKET,
                DIRECTORY), "AccessDenied", 403);
    }

    private static String sign(String stringToSign) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(AwsVectors.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    }
}
