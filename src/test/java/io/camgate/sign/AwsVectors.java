package io.camgate.sign;

import io.camgate.identity.AccessKey;
import io.camgate.identity.Directory;
import io.camgate.identity.KeyStatus;
import io.camgate.identity.RootAccount;
import io.camgate.identity.SubUser;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The SigV4 and SigV2 vectors of the S3-clients reference (§3.2, §3.3): credentials
 * {@code AKIDEXAMPLE}/{@code SECRETEXAMPLE}, time 2026-01-15T08:00:00Z, region ap-shanghai.
 */
final class AwsVectors {
    static final String KEY = "AKIDEXAMPLE";
    static final String SECRET = "SECRETEXAMPLE";
    static final String ROOT_UIN = "100000000001";
    static final String USER_UIN = "100000000011";
    static final String USER_KEY = "AKIDUSEREXAMPLE";
    static final String USER_SECRET = "USERSECRETEXAMPLE";
    static final String HOST = "examplebucket-1250000000.cos.ap-shanghai.myqcloud.com";
    static final String BUCKET = "examplebucket-1250000000";
    static final long EPOCH = 1_768_464_000L;
    static final String AMZ_DATE = "20260115T080000Z";
    static final String SCOPE = "20260115/ap-shanghai/s3/aws4_request";
    static final String HTTP_DATE = "Thu, 15 Jan 2026 08:00:00 GMT";
    static final String HELLO_SHA256 = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9";
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    static final Directory DIRECTORY = new Directory(List.of(new RootAccount(ROOT_UIN, "1250000000",
            List.of(new AccessKey(KEY, SECRET, KeyStatus.ACTIVE, ROOT_UIN)),
            List.of(new SubUser(USER_UIN, "alice", ROOT_UIN, List.of(), List.of(),
                    List.of(new AccessKey(USER_KEY, USER_SECRET, KeyStatus.ACTIVE, USER_UIN)))),
            List.of(), List.of())), Map.of());

    private AwsVectors() {
    }

    static Clock clock(long offsetSeconds) {
        return Fixtures.at(EPOCH + offsetSeconds);
    }

    static SigV4Verifier sigV4(long offsetSeconds) {
        Clock clock = clock(offsetSeconds);
        return new SigV4Verifier(SignatureRules.DEFAULTS, new TemporaryCredentials(clock), clock);
    }

    /**
     * Authenticates as the request path does: one scheme, decided once, and one verifier per
     * scheme in an exhaustive switch. A request that passes must pass through here.
     */
    static Authentication dispatch(AwsRequest request, String hostBucket) throws AuthenticationException {
        Clock clock = clock(0);
        TemporaryCredentials temporary = new TemporaryCredentials(clock);
        return switch (SignatureScheme.of(request)) {
            case NONE -> Authentication.anonymous();
            case COS_HEADER, COS_QUERY, COS_SIGN_PARAMETER ->
                new Authenticator(SignatureRules.DEFAULTS, temporary, clock).authenticate(request, DIRECTORY);
            case COS_POST_FORM -> throw new IllegalStateException("a request head never presents a form");
            case AWS4_HEADER, AWS4_QUERY ->
                new SigV4Verifier(SignatureRules.DEFAULTS, temporary, clock).authenticate(request, DIRECTORY)
                        .authentication();
            case AWS2_HEADER, AWS2_QUERY ->
                new SigV2Verifier(SignatureRules.DEFAULTS, temporary, clock).authenticate(request, hostBucket,
                        DIRECTORY);
        };
    }

    static String authorization(String signedHeaders, String signature) {
        return "AWS4-HMAC-SHA256 Credential=" + KEY + "/" + SCOPE + ", SignedHeaders=" + signedHeaders
                + ", Signature=" + signature;
    }

    static AwsRequest headerSigned(String method, String target, String signedHeaders, String signature,
            String... headers) {
        AwsRequest r = new AwsRequest(method, target).header("Host", HOST);
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        return r.header("X-Amz-Date", AMZ_DATE).header("Authorization", authorization(signedHeaders, signature));
    }

    /** V0: GET, host and x-amz-date signed, no x-amz-content-sha256. */
    static AwsRequest v0() {
        return headerSigned("GET", "/hello.txt", "host;x-amz-date",
                "f24ecdb7fae64283de38e0f8831d028762e607be1cfe96f7917faf5f5a1caa04");
    }

    /** V1: GET with UNSIGNED-PAYLOAD. */
    static AwsRequest v1() {
        return headerSigned("GET", "/photos/2026/a%20b.jpg", "host;x-amz-content-sha256;x-amz-date",
                "f2c255017aa488854210a775fa8ea54df7b55ea88188795abe3bb3762426940f",
                "x-amz-content-sha256", "UNSIGNED-PAYLOAD");
    }

    /** V1b: V1 with the empty-body hash. */
    static AwsRequest v1b() {
        return headerSigned("GET", "/photos/2026/a%20b.jpg", "host;x-amz-content-sha256;x-amz-date",
                "25fb93341e2a6ccadd8824d9a78f4d8f7e0c3182165f92b0d0a5a3eaf2151d4e",
                "x-amz-content-sha256", EMPTY_SHA256);
    }

    /** V1c: ListObjectsV2. */
    static AwsRequest v1c() {
        return headerSigned("GET", "/?list-type=2&prefix=dir%2F&delimiter=%2F", "host;x-amz-content-sha256;x-amz-date",
                "882cfab987ec7bf0e3229b50ec61dd32efee8a89d80ef24f60950d53aa7d0618",
                "x-amz-content-sha256", EMPTY_SHA256);
    }

    /** V2: PUT with the payload hash of {@code hello world}. */
    static AwsRequest v2() {
        return headerSigned("PUT", "/hello.txt", "content-length;content-type;host;x-amz-content-sha256;x-amz-date",
                "66227597a9963f626f28307af39bb9c7522a4325b7779739a44e4eb62ea76dd1",
                "Content-Length", "11", "Content-Type", "text/plain", "x-amz-content-sha256", HELLO_SHA256);
    }

    private static final String PRESIGN = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20260115T080000Z"
            + "&X-Amz-SignedHeaders=host&X-Amz-Credential=AKIDEXAMPLE%2F20260115%2Fap-shanghai%2Fs3%2Faws4_request"
            + "&X-Amz-Expires=3600&X-Amz-Signature=";

    /** V3: presigned GET. */
    static AwsRequest v3() {
        return new AwsRequest("GET", "/hello.txt?" + PRESIGN
                + "b2c80e2a7bede201af9b7b982f6bc4be51bce9bf4b27d680b0c64aa2f69c1063").header("Host", HOST);
    }

    /** V3b: presigned PUT of {@code dir/a b+c~d=e%f.txt}. */
    static AwsRequest v3b() {
        return new AwsRequest("PUT", "/dir/a%20b%2Bc~d%3De%25f.txt?" + PRESIGN
                + "e89ecf159794c80aae7be8654fdf8df33038ce9e528d8c4555dca1e291d27027").header("Host", HOST);
    }

    private static final String STREAM_HEADERS =
            "content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length";

    /** V4: signed chunks, {@code hello world}. */
    static AwsRequest v4() {
        return headerSigned("PUT", "/hello.txt", STREAM_HEADERS, V4_SEED, "Content-Encoding", "aws-chunked",
                "Content-Length", "183", "x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
                "x-amz-decoded-content-length", "11");
    }

    static final String V4_SEED = "86a95c12d30722676d043db70f2bf7f2b33d81f6d9ab2a64535610e1fc8e0f92";
    static final String V4_BODY = "b;chunk-signature=909c3cf56826c3a16823621a6788771bc2b6d67ce6ec232808e4efcfed839e32\r\n"
            + "hello world\r\n0;chunk-signature=ef905593764990b26dd898a6881cbde496058797e9a18aeea52033ca5f50abfe\r\n\r\n";

    /**
     * V4b: signed chunks, 140000 × {@code a}. The reference leaves out the key; its string-to-sign
     * hash and seed are those of {@code PUT /big.bin}.
     */
    static AwsRequest v4b() {
        return headerSigned("PUT", "/big.bin", STREAM_HEADERS,
                "3fe85d469bade84e4ddf7eb4d655f2e5a978130e99764b5da26baa5d890c9047", "Content-Encoding", "aws-chunked",
                "Content-Length", "140265", "x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
                "x-amz-decoded-content-length", "140000");
    }

    static final String[] V4B_CHUNK_SIGNATURES = {
        "dc023ee302b7b0770cb60dc9be779a082d0a6f80a6689daa294559a1b273615c",
        "4e1f0c0718111c5c12916ee9b7a8689322bea87118b4bc5eade1972f858a90c9",
        "9d1d5412e4ee818323594b3e19f8a0d79a944694c2f0193f30f83c84964d89d5"};

    /** V5: signed chunks and a signed CRC32 trailer. */
    static AwsRequest v5() {
        return headerSigned("PUT", "/hello.txt", STREAM_HEADERS + ";x-amz-trailer",
                "1150ec6066b2fc80d11c9e266ba235dceaff784bded159df9350e077e55f9c0d", "Content-Encoding", "aws-chunked",
                "Content-Length", "304", "x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
                "x-amz-decoded-content-length", "11", "x-amz-trailer", "x-amz-checksum-crc32");
    }

    static final String V5_BODY = "b;chunk-signature=911040acce21aab5d100f6c48e5bf999e16c0220e282188cd4da7040b29d70f1\r\n"
            + "hello world\r\n"
            + "0;chunk-signature=f648fbcf7d2c409726cd0855177568a94e013fb4a978ab764bf82599200457ed\r\n"
            + "x-amz-checksum-crc32:DUoRhQ==\r\n"
            + "x-amz-trailer-signature:2e3c0cf205616033d5fdeb643fa47f634dde40b2bb35cea46a12b37e582ae2ad\r\n\r\n";

    /** V6: unsigned chunks and a CRC32 trailer. */
    static AwsRequest v6() {
        return headerSigned("PUT", "/hello.txt", STREAM_HEADERS + ";x-amz-trailer",
                "69aab7f7e2185dba0411a906832615c5938f23a9b0c0c53cdc2803901039af05", "Content-Encoding", "aws-chunked",
                "Content-Length", "52", "x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                "x-amz-decoded-content-length", "11", "x-amz-trailer", "x-amz-checksum-crc32");
    }

    static final String V6_BODY = "b\r\nhello world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n";

    /** V7: UNSIGNED-PAYLOAD with a CRC32 header. */
    static AwsRequest v7() {
        return headerSigned("PUT", "/hello.txt", "content-length;host;x-amz-checksum-crc32;x-amz-content-sha256;x-amz-date",
                "a5b4db2e98f0d8ab3dcc7fe12346eadbed480523c267b6948c8fbd7d2e863bc7", "Content-Length", "11",
                "x-amz-checksum-crc32", "DUoRhQ==", "x-amz-content-sha256", "UNSIGNED-PAYLOAD");
    }
}
