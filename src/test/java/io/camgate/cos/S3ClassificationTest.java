package io.camgate.cos;

import static io.camgate.cos.Fixtures.BUCKET;
import static io.camgate.cos.Fixtures.HOST;
import static io.camgate.cos.Fixtures.classify;
import static io.camgate.cos.Fixtures.cosResource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camgate.authz.Need;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** S3 clients' requests classified into the same CAM actions, resources and condition keys as COS's. */
class S3ClassificationTest {
    private static final String PATH_HOST = "cos.ap-beijing.myqcloud.com";

    private static List<String> actions(CosRequest r) {
        return r.needs().stream().map(Need::action).toList();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "GET    | /?list-type=2&prefix=dir%2F&delimiter=%2F&encoding-type=url | cos:GetBucket",
        "GET    | /?list-type=2&continuation-token=abc&start-after=a&fetch-owner=true&max-keys=10 | cos:GetBucket",
        "GET    | /?delimiter=&encoding-type=url&max-keys=1000&prefix= | cos:GetBucket",
        "PUT    | /k?x-id=PutObject | cos:PutObject",
        "GET    | /k?x-id=GetObject&x-amz-checksum-mode=ENABLED | cos:GetObject",
        "DELETE | /k?x-id=DeleteObject | cos:DeleteObject",
        "PUT    | /k?partNumber=1&uploadId=u&x-id=UploadPart | cos:UploadPart",
        "POST   | /k?uploads= | cos:InitiateMultipartUpload",
        "POST   | /k?uploads | cos:InitiateMultipartUpload",
        "GET    | /k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=a&X-Amz-Date=d&X-Amz-Expires=1&X-Amz-SignedHeaders=host&X-Amz-Signature=s&X-Amz-Security-Token=t&X-Amz-Content-Sha256=UNSIGNED-PAYLOAD | cos:GetObject",
        "PUT    | /k?X-Amz-Signature=s&x-amz-checksum-crc32=AAAAAA%3D%3D&x-amz-sdk-checksum-algorithm=CRC32&x-id=PutObject | cos:PutObject",
        "GET    | /k?AWSAccessKeyId=a&Expires=1&Signature=s | cos:GetObject",
        "HEAD   | / | cos:HeadBucket",
        "GET    | /k?acl | cos:GetObjectACL",
    })
    void s3ParametersMapToTheCosActions(String method, String target, String action) throws Exception {
        assertThat(actions(classify(method, HOST, target)).get(0)).isEqualTo(action);
        // The same request path style on cos.<region> and on the gateway's own address.
        String pathStyle = "/" + BUCKET + (target.startsWith("/?") || target.equals("/") ? target.substring(1) : target);
        assertThat(actions(classify(method, PATH_HOST, pathStyle.replace(BUCKET + "?", BUCKET + "/?"))).get(0))
                .isEqualTo(action);
        assertThat(actions(classify(method, "camgate.storage.svc:8080", pathStyle)).get(0)).isEqualTo(action);
    }

    @Test
    void theListTypeParameterStillFeedsThePrefixKey() throws Exception {
        CosRequest r = classify("GET", HOST, "/?list-type=2&prefix=dir%2F");
        assertThat(r.conditions().get("cos:prefix")).containsExactly("dir%2F");
    }

    @ParameterizedTest
    @ValueSource(strings = {PATH_HOST, "camgate.storage.svc:8080", "127.0.0.1:8080", "localhost", "[::1]:8080"})
    void listBucketsIsGetServiceAtTheRoot(String host) throws Exception {
        CosRequest r = classify("GET", host, "/");
        assertThat(r.needs()).extracting(Need::action).containsExactly("cos:GetService");
        assertThat(r.bucket()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"camgate.storage.svc:8080", "127.0.0.1", "localhost:9000", "[::1]:8080"})
    void onTheGatewaysAddressTheBucketIsTheFirstSegmentAndItsRegionComesFromTheDirectory(String host)
            throws Exception {
        CosRequest r = classify("GET", host, "/" + BUCKET + "/dir/a%20b.txt");
        assertThat(r.hostKind()).isEqualTo(HostKind.GATEWAY);
        assertThat(r.bucket()).isEqualTo(BUCKET);
        assertThat(r.region()).isEqualTo(Fixtures.REGION);
        assertThat(r.key()).isEqualTo("dir/a b.txt");
        assertThat(r.needs().get(0).resource().text()).isEqualTo(cosResource("dir/a b.txt"));
        CosRequest other = classify("PUT", host, "/" + Fixtures.OTHER_BUCKET + "/k");
        assertThat(other.region()).isEqualTo("ap-guangzhou");
    }

    @Test
    void onTheGatewaysAddressAnUnknownOrMalformedBucketIsRefused() {
        assertThatThrownBy(() -> classify("GET", "camgate.storage.svc", "/unknown-1250000009/k"))
                .isInstanceOfSatisfying(ClassificationException.class,
                        e -> assertThat(e.error()).isEqualTo(CosError.NO_SUCH_BUCKET));
        assertThatThrownBy(() -> classify("GET", "camgate.storage.svc", "/public/a.txt"))
                .isInstanceOfSatisfying(ClassificationException.class,
                        e -> assertThat(e.error()).isEqualTo(CosError.INVALID_BUCKET_NAME));
        // A COS host in the path is a bucket name only if it is one: the host never names the bucket here.
        assertThatThrownBy(() -> classify("GET", "camgate.storage.svc", "/" + HOST + "/k"))
                .isInstanceOf(ClassificationException.class);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "x-amz-acl | public-read | cos:x-cos-acl | public-read",
        "X-Amz-Acl | private | cos:x-cos-acl | private",
        "x-amz-storage-class | GLACIER | cos:x-cos-storage-class | ARCHIVE",
        "x-amz-storage-class | STANDARD_IA | cos:x-cos-storage-class | STANDARD_IA",
        "x-cos-storage-class | ARCHIVE | cos:x-cos-storage-class | ARCHIVE",
    })
    void amzConditionHeadersFeedTheCosKeys(String header, String value, String key, String expected)
            throws Exception {
        CosRequest r = classify("PUT", HOST, "/k", header, value);
        assertThat(r.conditions().get(key)).containsExactly(expected);
        assertThat(ConditionKeys.readsHeader(header.toLowerCase(java.util.Locale.ROOT), "cos:PutObject")).isTrue();
    }

    @Test
    void amzTaggingFeedsTheRequestTagKey() throws Exception {
        CosRequest r = classify("PUT", HOST, "/", "x-amz-tagging", "team=a&env=prod");
        assertThat(r.conditions().get("qcs:request_tag")).containsExactlyInAnyOrder("team&a", "env&prod");
    }

    @ParameterizedTest(name = "{0}: {1} / {2}")
    @CsvSource(delimiter = '|', value = {
        "x-cos-acl | private | x-amz-acl | public-read",
        "x-cos-storage-class | STANDARD | x-amz-storage-class | GLACIER",
        "x-cos-tagging | a=b | x-amz-tagging | a=c",
        "x-cos-grant-read | id=\"1\" | x-amz-grant-read | id=\"2\"",
        "x-cos-copy-source | " + HOST + "/a | x-amz-copy-source | " + BUCKET + "/a",
        "x-amz-acl | private | x-amz-acl | private",
    })
    void twinsThatDisagreeOrRepeatAreRefused(String cos, String cosValue, String amz, String amzValue) {
        assertThatThrownBy(() -> classify("PUT", HOST, "/k", cos, cosValue, amz, amzValue))
                .isInstanceOfSatisfying(ClassificationException.class,
                        e -> assertThat(e.error()).isEqualTo(CosError.INVALID_ARGUMENT));
    }

    @Test
    void twinsThatAgreeAreOneValue() throws Exception {
        CosRequest r = classify("PUT", HOST, "/k", "x-cos-storage-class", "ARCHIVE", "x-amz-storage-class", "GLACIER",
                "x-cos-acl", "private", "x-amz-acl", "private");
        assertThat(r.conditions().get("cos:x-cos-storage-class")).containsExactly("ARCHIVE");
        assertThat(r.conditions().get("cos:x-cos-acl")).containsExactly("private");
    }

    @ParameterizedTest
    @ValueSource(strings = {BUCKET + "/src%20file.txt", "/" + BUCKET + "/src%20file.txt"})
    void anS3CopyNeedsGetObjectOnItsSource(String source) throws Exception {
        CosRequest r = classify("PUT", HOST, "/target.txt", "x-amz-copy-source", source);
        assertThat(r.needs()).extracting(n -> n.action() + " " + n.resource().text())
                .containsExactly("cos:PutObjectCopy " + cosResource("target.txt"),
                        "cos:GetObject " + cosResource("src file.txt"));
        CosRequest cross = classify("PUT", HOST, "/t", "x-amz-copy-source", Fixtures.OTHER_BUCKET + "/s?versionId=v1");
        assertThat(cross.copySource().region()).isEqualTo("ap-guangzhou");
        assertThat(cross.copySource().versionId()).isEqualTo("v1");
        assertThatThrownBy(() -> classify("PUT", HOST, "/t", "x-amz-copy-source", "unknown-1250000009/s"))
                .isInstanceOf(ClassificationException.class);
        assertThatThrownBy(() -> classify("PUT", HOST, "/t", "x-amz-copy-source", BUCKET + "/"))
                .isInstanceOf(ClassificationException.class);
    }

    @Test
    void onlyUploadsTakeAnAwsChunkedBody() throws Exception {
        String[] chunked = {"Content-Encoding", "aws-chunked", "x-amz-decoded-content-length", "11",
            "x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER"};
        assertThat(actions(classify("PUT", HOST, "/k", chunked))).containsExactly("cos:PutObject");
        assertThat(actions(classify("PUT", HOST, "/k?partNumber=1&uploadId=u", chunked)))
                .containsExactly("cos:UploadPart");
        for (String[] request : new String[][] {{"POST", "/?delete"}, {"PUT", "/k?acl"}, {"PUT", "/?tagging"},
            {"POST", "/k?uploadId=u"}}) {
            assertThatThrownBy(() -> classify(request[0], HOST, request[1], chunked))
                    .isInstanceOfSatisfying(ClassificationException.class,
                            e -> assertThat(e.error()).isEqualTo(CosError.INVALID_REQUEST));
        }
    }

    @Test
    void contentLengthIsTheDecodedLengthOfAnAwsChunkedBody() throws Exception {
        CosRequest java = classify("PUT", HOST, "/k", "Content-Encoding", "aws-chunked", "Content-Length", "304",
                "x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", "x-amz-decoded-content-length", "11");
        assertThat(java.conditions().get("cos:content-length")).containsExactly("11");
        CosRequest js = classify("PUT", HOST, "/k", "Transfer-Encoding", "chunked",
                "x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "x-amz-decoded-content-length", "11");
        assertThat(js.conditions().get("cos:content-length")).containsExactly("11");
        CosRequest plain = classify("PUT", HOST, "/k", "Content-Length", "11", "x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        assertThat(plain.conditions().get("cos:content-length")).containsExactly("11");
        assertThatThrownBy(() -> classify("PUT", HOST, "/k", "Content-Encoding", "aws-chunked", "Content-Length", "304"))
                .isInstanceOf(ClassificationException.class);
        assertThatThrownBy(() -> classify("PUT", HOST, "/k", "x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
                "x-amz-decoded-content-length", "11", "x-amz-decoded-content-length", "12"))
                .isInstanceOf(ClassificationException.class);
    }
}
