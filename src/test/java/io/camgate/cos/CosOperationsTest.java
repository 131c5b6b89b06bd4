package io.camgate.cos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camgate.authz.Need;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every COS row of reference §2.3, written out from the reference rather than from the table,
 * classified on every host form that can carry it.
 */
class CosOperationsTest {
    private static final String COPY = "x-cos-copy-source";
    private static final String SOURCE_HEADER = "source-1250000001.cos.ap-guangzhou.myqcloud.com/src%2Fa%2Bb%25.txt";
    private static final String SOURCE = "qcs::cos:ap-guangzhou:uid/1250000001:source-1250000001/src/a+b%.txt";

    /** {@code METHOD target [header] => action resource [action resource]}; {@code @} is the bucket itself. */
    private static final String[] ROWS = {
        "PUT / => cos:PutBucket @",
        "HEAD / => cos:HeadBucket @",
        "GET / => cos:GetBucket @",
        "GET /?prefix=doc%2F&delimiter=%2F&max-keys=10&marker=a&encoding-type=url => cos:GetBucket @",
        "DELETE / => cos:DeleteBucket @",
        "OPTIONS / => cos:OptionsObject @",
        "GET /?versions => cos:GetBucketObjectVersions @",
        "GET /?versions&key-marker=a&version-id-marker=b => cos:GetBucketObjectVersions @",
        "GET /?location => cos:GetBucketLocation @",
        "GET /?uploads => cos:ListMultipartUploads @",
        "PUT /?acl => cos:PutBucketACL @",
        "GET /?acl => cos:GetBucketACL @",
        "PUT /?cors => cos:PutBucketCORS @",
        "GET /?cors => cos:GetBucketCORS @",
        "DELETE /?cors => cos:DeleteBucketCORS @",
        "PUT /?lifecycle => cos:PutBucketLifecycle @",
        "GET /?lifecycle => cos:GetBucketLifecycle @",
        "DELETE /?lifecycle => cos:DeleteBucketLifecycle @",
        "PUT /?policy => cos:PutBucketPolicy @",
        "GET /?policy => cos:GetBucketPolicy @",
        "DELETE /?policy => cos:DeleteBucketPolicy @",
        "PUT /?tagging => cos:PutBucketTagging @",
        "GET /?tagging => cos:GetBucketTagging @",
        "DELETE /?tagging => cos:DeleteBucketTagging @",
        "PUT /?versioning => cos:PutBucketVersioning @",
        "GET /?versioning => cos:GetBucketVersioning @",
        "PUT /?replication => cos:PutBucketReplication @",
        "GET /?replication => cos:GetBucketReplication @",
        "DELETE /?replication => cos:DeleteBucketReplication @",
        "PUT /?website => cos:PutBucketWebsite @",
        "GET /?website => cos:GetBucketWebsite @",
        "DELETE /?website => cos:DeleteBucketWebsite @",
        "PUT /?referer => cos:PutBucketReferer @",
        "GET /?referer => cos:GetBucketReferer @",
        "PUT /?domain => cos:PutBucketDomain @",
        "GET /?domain => cos:GetBucketDomain @",
        "DELETE /?domain => cos:DeleteBucketDomain @",
        "PUT /?origin => cos:PutBucketOrigin @",
        "GET /?origin => cos:GetBucketOrigin @",
        "DELETE /?origin => cos:DeleteBucketOrigin @",
        "PUT /?logging => cos:PutBucketLogging @",
        "GET /?logging => cos:GetBucketLogging @",
        "PUT /?inventory&id=list1 => cos:PutBucketInventory @",
        "GET /?inventory&id=list1 => cos:GetBucketInventory @",
        "GET /?inventory => cos:GetBucketInventory @",
        "GET /?inventory&continuation-token=abc => cos:GetBucketInventory @",
        "POST /?inventory&id=once1 => cos:PostBucketInventory @",
        "DELETE /?inventory&id=list1 => cos:DeleteBucketInventory @",
        "PUT /?accelerate => cos:PutBucketAccelerate @",
        "GET /?accelerate => cos:GetBucketAccelerate @",
        "PUT /?encryption => cos:PutBucketEncryption @",
        "GET /?encryption => cos:GetBucketEncryption @",
        "DELETE /?encryption => cos:DeleteBucketEncryption @",
        "PUT /?intelligenttiering => cos:PutBucketIntelligentTiering @",
        "GET /?intelligenttiering => cos:GetBucketIntelligentTiering @",
        "PUT /?object-lock => cos:PutBucketObjectLock @",
        "GET /?object-lock => cos:GetBucketObjectLock @",
        "PUT /doc/a.txt => cos:PutObject doc/a.txt",
        "PUT /doc/a.txt " + COPY + " => cos:PutObjectCopy doc/a.txt cos:GetObject " + SOURCE,
        "GET /doc/a.txt => cos:GetObject doc/a.txt",
        "GET /doc/a.txt?versionId=v1&response-content-type=image%2Fjpeg => cos:GetObject doc/a.txt",
        "GET /doc/a.txt?q-sign-algorithm=sha1&q-ak=AKID&q-sign-time=1%3B2&q-key-time=1%3B2&q-header-list=host"
                + "&q-url-param-list=&q-signature=abc&x-cos-security-token=t => cos:GetObject doc/a.txt",
        "GET /doc/a.jpg?imageMogr2/thumbnail/!50p => cos:GetObject doc/a.jpg",
        "GET /doc/a.jpg?imageInfo => cos:GetObject doc/a.jpg",
        "HEAD /doc/a.txt => cos:HeadObject doc/a.txt",
        "DELETE /doc/a.txt => cos:DeleteObject doc/a.txt",
        "DELETE /doc/a.txt?versionId=v1 => cos:DeleteObject doc/a.txt",
        "OPTIONS /doc/a.txt => cos:OptionsObject doc/a.txt",
        "POST /doc/a.txt?restore => cos:PostObjectRestore doc/a.txt",
        "POST /doc/a.txt?append&position=0 => cos:AppendObject doc/a.txt",
        "POST /doc/a.csv?select&select-type=2 => cos:GetObject doc/a.csv",
        "PUT /doc/a.txt?acl => cos:PutObjectACL doc/a.txt",
        "GET /doc/a.txt?acl => cos:GetObjectACL doc/a.txt",
        "PUT /doc/a.txt?tagging => cos:PutObjectTagging doc/a.txt",
        "GET /doc/a.txt?tagging => cos:GetObjectTagging doc/a.txt",
        "DELETE /doc/a.txt?tagging => cos:DeleteObjectTagging doc/a.txt",
        "GET /doc/a.txt?retention => cos:GetObjectRetention doc/a.txt",
        "POST /doc/a.txt?uploads => cos:InitiateMultipartUpload doc/a.txt",
        "PUT /doc/a.txt?partNumber=1&uploadId=u1 => cos:UploadPart doc/a.txt",
        "PUT /doc/a.txt?partNumber=1&uploadId=u1 " + COPY + " => cos:PutObject doc/a.txt cos:GetObject " + SOURCE,
        "POST /doc/a.txt?uploadId=u1 => cos:CompleteMultipartUpload doc/a.txt",
        "DELETE /doc/a.txt?uploadId=u1 => cos:AbortMultipartUpload doc/a.txt",
        "GET /doc/a.txt?uploadId=u1&max-parts=10 => cos:ListParts doc/a.txt",
        "POST /doc/a.jpg?image_process => cos:PutObject doc/a.jpg",
        "GET /v.mp4?ci-process=snapshot&time=1&format=jpg => cos:GetObject v.mp4 ci:GenerateSnapshot ci:v.mp4",
        "GET /v.mp4?ci-process=SnapShot => cos:GetObject v.mp4 ci:GenerateSnapshot ci:v.mp4",
        "GET /v.mp4?ci-process=videoinfo => cos:GetObject v.mp4 ci:GenerateMediaInfo ci:v.mp4",
        "GET /v.m3u8?ci-process=pm3u8&expires=3600 => cos:GetObject v.m3u8 ci:GetPrivateM3U8 *",
        "GET /a.jpg?ci-process=sensitive-content-recognition => cos:GetObject a.jpg ci:CreateAuditingPictureJob ci:a.jpg",
        "GET /id.jpg?ci-process=IDCardOCR&CardSide=FRONT => cos:GetObject id.jpg ci:CreateIDCardOCRJob ci:id.jpg",
        "GET /t.jpg?ci-process=OCR&type=general => cos:GetObject t.jpg ci:CreateOCRJob ci:t.jpg",
        "GET /f.jpg?ci-process=face-effect&type=face-beautify => cos:GetObject f.jpg ci:CreateFaceEffectJob ci:f.jpg",
        "POST /a.jpg?ci-process=ImageSearch&action=AddImage => cos:GetObject a.jpg ci:AddImage ci:a.jpg",
        "POST /a.jpg?ci-process=ImageSearch&action=DeleteImage => cos:GetObject a.jpg ci:DeleteImage ci:a.jpg",
        "GET /a.jpg?ci-process=ImageSearch&action=SearchImage => cos:GetObject a.jpg ci:SearchImage ci:a.jpg",
        "GET /a.docx?ci-process=doc-preview&page=1 => cos:GetObject a.docx",
        "POST /?delete =>",
        "POST / =>",
    };

    /** Host forms that name a bucket, with how the target is prefixed and the region in resources. */
    private static final String[][] HOSTS = {
        {Fixtures.HOST, "", "ap-beijing"},
        {Fixtures.BUCKET + ".cos.ap-beijing.tencentcos.cn", "", "ap-beijing"},
        {Fixtures.BUCKET + ".cos-internal.ap-beijing.tencentcos.cn", "", "ap-beijing"},
        {Fixtures.BUCKET + ".cos.accelerate.myqcloud.com", "", "ap-beijing"},
        {Fixtures.BUCKET + ".cn-east.myqcloud.com", "", "ap-shanghai"},
        {"img.example.com", "", "ap-beijing"},
        {"cos.ap-beijing.myqcloud.com", "/" + Fixtures.BUCKET, "ap-beijing"},
    };

    static Stream<Arguments> rowsOnEveryHost() {
        List<Arguments> out = new ArrayList<>();
        for (String row : ROWS) {
            for (String[] host : HOSTS) {
                out.add(Arguments.of(row, host[0], host[1], host[2]));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("rowsOnEveryHost")
    void classifiesEveryReferenceRowOnEveryHostForm(String row, String host, String pathPrefix, String region)
            throws Exception {
        String[] sides = row.split("=>", -1);
        String[] request = sides[0].trim().split(" ");
        String target = pathPrefix + request[1];
        String[] headers = request.length > 2 ? new String[] {request[2], SOURCE_HEADER} : new String[0];
        CosRequest r = Fixtures.classify(request[0], host, target, headers);

        List<String> expected = new ArrayList<>();
        String[] wanted = sides[1].trim().isEmpty() ? new String[0] : sides[1].trim().split(" ");
        String key = request[1].substring(1, request[1].indexOf('?') < 0 ? request[1].length() : request[1].indexOf('?'));
        for (int i = 0; i < wanted.length; i += 2) {
            expected.add(wanted[i] + " " + resource(wanted[i + 1], region, key));
        }
        assertThat(needs(r)).containsExactlyElementsOf(expected);
        assertThat(r.bucket()).isEqualTo(Fixtures.BUCKET);
        assertThat(r.key()).isEqualTo(key);
        assertThat(r.awaitsBody()).isEqualTo(wanted.length == 0);
    }

    private static String resource(String shorthand, String region, String key) {
        String cos = "qcs::cos:" + region + ":uid/" + Fixtures.APPID + ":" + Fixtures.BUCKET + "/";
        if (shorthand.equals("@")) {
            return cos;
        }
        if (shorthand.equals("*") || shorthand.startsWith("qcs:")) {
            return shorthand;
        }
        if (shorthand.startsWith("ci:")) {
            return "qcs::ci:" + region + ":uid/" + Fixtures.APPID + ":bucket/" + Fixtures.BUCKET + "/" + key;
        }
        return cos + shorthand;
    }

    static List<String> needs(CosRequest r) {
        List<String> out = new ArrayList<>();
        for (Need n : r.needs()) {
            out.add(n.action() + " " + n.resource().text());
        }
        return out;
    }

    @Test
    void everyCosTableRowIsCoveredByTheReferenceRows() {
        List<String> covered = Arrays.stream(ROWS).map(row -> row.split(" ")[0] + " "
                + (row.split(" ")[1].startsWith("/?") || row.split(" ")[1].equals("/") ? "BUCKET" : "OBJECT")).toList();
        for (Operation op : OperationTable.get().operations()) {
            if (op.service() == HostKind.Service.COS && op.scope() != Scope.SERVICE) {
                assertThat(covered).as(op.toString()).contains(op.method() + " " + op.scope());
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"service.cos.myqcloud.com, /", "cos.ap-guangzhou.myqcloud.com, /", "SERVICE.COS.MYQCLOUD.COM:443, /",
        "service.cos.tencentcos.cn, /"})
    void getServiceNeedsGetServiceOnEverything(String host, String target) throws Exception {
        CosRequest r = Fixtures.classify("GET", host, target);
        assertThat(needs(r)).containsExactly("cos:GetService *");
        assertThat(r.bucket()).isNull();
        assertThat(r.key()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "PUT     | service.cos.myqcloud.com   | /",
        "GET     | service.cos.myqcloud.com   | /x",
        "DELETE  | cos.ap-beijing.myqcloud.com | /",
        "GET     | HOST                        | /?unknownsub",
        "GET     | HOST                        | /?ACL",
        "PUT     | HOST                        | /?acl&cors",
        "GET     | HOST                        | /doc/a.txt?uploads",
        "POST    | HOST                        | /doc/a.txt",
        "GET     | HOST                        | /doc/a.txt?partNumber=1",
        "GET     | HOST                        | /doc/a.txt?acl&imageMogr2/x",
        "PUT     | HOST                        | /doc/a.txt?imageMogr2/x",
        "GET     | HOST                        | /?imageInfo",
        "POST    | HOST                        | /a.jpg?ci-process=ImageSearch",
        "POST    | HOST                        | /a.jpg?ci-process=ImageSearch&action=Nope",
        "GET     | HOST                        | /doc/a.txt?versionid=v1",
        "GET     | WEBSITE                     | /",
        "GET     | WEBSITE                     | /doc/a.txt?acl",
        "HEAD    | WEBSITE                     | /?versions",
    })
    void deniesRequestsThatMatchNoRow(String method, String host, String target) {
        String h = host.replace("WEBSITE", Fixtures.BUCKET + ".cos-website.ap-beijing.myqcloud.com")
                .replace("HOST", Fixtures.HOST);
        assertThatThrownBy(() -> Fixtures.classify(method, h, target))
                .isInstanceOfSatisfying(ClassificationException.class, e -> {
                    assertThat(e.error()).isIn(CosError.ACCESS_DENIED, CosError.INVALID_REQUEST);
                    assertThat(e.getMessage()).isNotBlank();
                });
    }

    @ParameterizedTest
    @CsvSource({"GET, cos:GetObject", "HEAD, cos:HeadObject", "OPTIONS, cos:OptionsObject"})
    void websiteHostServesReadsOnObjects(String method, String action) throws Exception {
        CosRequest r = Fixtures.classify(method, Fixtures.BUCKET + ".cos-website.ap-beijing.myqcloud.com",
                "/index.html");
        assertThat(needs(r)).containsExactly(action + " " + Fixtures.cosResource("index.html"));
        assertThat(r.hostKind()).isEqualTo(HostKind.WEBSITE);
    }

    @ParameterizedTest
    @CsvSource({"PUT", "POST", "DELETE"})
    void websiteHostRefusesWritesAsMethodNotAllowed(String method) {
        assertThatThrownBy(() -> Fixtures.classify(method, Fixtures.BUCKET + ".cos-website.ap-beijing.myqcloud.com",
                "/index.html"))
                .isInstanceOfSatisfying(ClassificationException.class,
                        e -> assertThat(e.error()).isEqualTo(CosError.METHOD_NOT_ALLOWED));
    }

    @ParameterizedTest
    @CsvSource({"PATCH", "TRACE", "CONNECT", "get"})
    void refusesMethodsCosDoesNotServe(String method) {
        assertThatThrownBy(() -> Fixtures.classify(method, Fixtures.HOST, "/a"))
                .isInstanceOfSatisfying(ClassificationException.class,
                        e -> assertThat(e.error()).isEqualTo(CosError.METHOD_NOT_ALLOWED));
    }

    @Test
    void refusesACopySourceOnARequestThatDoesNotCopy() {
        assertThatThrownBy(() -> Fixtures.classify("GET", Fixtures.HOST, "/a", COPY, SOURCE_HEADER))
                .isInstanceOfSatisfying(ClassificationException.class,
                        e -> assertThat(e.error()).isEqualTo(CosError.ACCESS_DENIED));
    }

    @Test
    void refusesARepeatedQueryParameter() {
        assertThatThrownBy(() -> Fixtures.classify("GET", Fixtures.HOST, "/?prefix=a&prefix=b"))
                .isInstanceOfSatisfying(ClassificationException.class,
                        e -> assertThat(e.error()).isEqualTo(CosError.INVALID_ARGUMENT));
    }
}
