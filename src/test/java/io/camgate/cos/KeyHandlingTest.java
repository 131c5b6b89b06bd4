package io.camgate.cos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camgate.identity.Directory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Keys are opaque and survive exactly; the path tricks of threats.md §5.1 and §5.2 never move the bucket. */
class KeyHandlingTest {
    private static final String PATH_HOST = "cos.ap-beijing.myqcloud.com";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/a//b                 | a//b",
        "//a                   | /a",
        "/./x                  | ./x",
        "/../x                 | ../x",
        "/public/../secret     | public/../secret",
        "/a/./b                | a/./b",
        "/.                    | .",
        "/..                   | ..",
        "/x/.                  | x/.",
        "/a+b                  | a+b",
        "/a%2Bb                | a+b",
        "/a%2Fb                | a/b",
        "/a%2fb%2F             | a/b/",
        "/a%252Fb              | a%2Fb",
        "/a%25%32%46b          | a%2Fb",
        "/a%5Cb                | a\\b",
        "/a%20b%20             | 'a b '",
        "/%E8%85%BE%E8%AE%AF云 | UNUSED",
        "/%E8%85%BE%E8%AE%AF%E4%BA%91.txt | 腾讯云.txt",
        "/a;b=c                | a;b=c",
        "/..;/x                | ..;/x",
        "/%e8%85%be%E8%AE%af%E4%BA%91.txt | 腾讯云.txt",
        "/%2Fa                 | /a",
        "/a%2F                 | a/",
        "/%5c%5C               | \\\\",
        "/%2E%2E/%2e/x         | .././x",
        "/a%3Fb%23c            | a?b#c",
        "/%25                  | %",
        "/a%252f%2525          | a%2f%25",
        "/source-1250000001%2Fsecret | source-1250000001/secret",
    })
    void keepsTheKeyExactlyAndRebuildsAWirePathForTheSameKey(String raw, String key) throws Exception {
        if (key.equals("UNUSED")) {
            assertThatThrownBy(() -> Fixtures.classify("GET", Fixtures.HOST, raw))
                    .isInstanceOf(ClassificationException.class);
            return;
        }
        CosRequest virtual = Fixtures.classify("GET", Fixtures.HOST, raw);
        assertThat(virtual.key()).isEqualTo(key);
        assertThat(virtual.bucket()).isEqualTo(Fixtures.BUCKET);
        assertThat(virtual.needs().get(0).resource().text()).isEqualTo(Fixtures.cosResource(key));
        assertThat(virtual.decodedPath()).isEqualTo("/" + key);

        CosRequest again = Fixtures.classify("GET", Fixtures.HOST, virtual.wireTarget());
        assertThat(again.key()).isEqualTo(key);
        assertThat(again.wirePath()).isEqualTo(virtual.wirePath());
        assertThat(again.needs()).isEqualTo(virtual.needs());

        CosRequest pathStyle = Fixtures.classify("GET", PATH_HOST, "/" + Fixtures.BUCKET + raw);
        assertThat(pathStyle.key()).isEqualTo(key);
        assertThat(pathStyle.bucket()).isEqualTo(Fixtures.BUCKET);
        assertThat(pathStyle.needs()).isEqualTo(virtual.needs());
        assertThat(Fixtures.classify("GET", PATH_HOST, pathStyle.wireTarget()).key()).isEqualTo(key);
    }

    @Test
    void wireTargetKeepsTheQueryAsReceived() throws Exception {
        CosRequest r = Fixtures.classify("GET", Fixtures.HOST, "/a%20b?response-content-type=image%2Fjpeg&versionId=v1");
        assertThat(r.wireTarget()).isEqualTo("/a%20b?response-content-type=image%2Fjpeg&versionId=v1");
        assertThat(r.params()).containsExactly(new QueryParam("response-content-type", "image/jpeg"),
                new QueryParam("versionId", "v1"));
        assertThat(r.rawPath()).isEqualTo("/a%20b");
    }

    @Test
    void offersTheViewTheSignatureVerifierReads() throws Exception {
        CosRequest r = Fixtures.classify("GET", "cos.ap-beijing.myqcloud.com",
                "/" + Fixtures.BUCKET + "/exampleobject(%E8%85%BE%E8%AE%AF%E4%BA%91)?response-cache-control=max-age%3D600"
                        + "&acl",
                "If-None-Match", "\"1\"", "if-none-match", "\"2\"");
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.path()).isEqualTo("/" + Fixtures.BUCKET + "/exampleobject(腾讯云)");
        assertThat(r.parameterCount()).isEqualTo(2);
        assertThat(r.parameterName(0)).isEqualTo("response-cache-control");
        assertThat(r.parameterValue(0)).isEqualTo("max-age=600");
        assertThat(r.parameterName(1)).isEqualTo("acl");
        assertThat(r.parameterValue(1)).isEmpty();
        assertThat(r.headerValues("if-none-match")).containsExactly("\"1\"", "\"2\"");
        assertThat(r.headerValues("host")).containsExactly("cos.ap-beijing.myqcloud.com");
        assertThat(r.headerValues("absent")).isEmpty();
    }

    @Test
    void aParameterWithoutValueHasTheEmptyValue() throws Exception {
        CosRequest r = Fixtures.classify("GET", Fixtures.HOST, "/?acl&&");
        assertThat(r.params()).containsExactly(new QueryParam("acl", ""));
    }

    @Test
    void theBucketComesFromTheHostEvenWhenThePathNamesAnother() throws Exception {
        CosRequest r = Fixtures.classify("GET", Fixtures.HOST, "/source-1250000001/secret");
        assertThat(r.bucket()).isEqualTo(Fixtures.BUCKET);
        assertThat(r.key()).isEqualTo("source-1250000001/secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/examplebucket-1250000000%2Fkey", "/examplebucket-1250000000%2fother/key",
        "/examplebucket-1250000000%5Ckey", "//examplebucket-1250000000/key", "/Examplebucket-1250000000/key",
        "/examplebucket/key", "/%2Fexamplebucket-1250000000/key", "/examplebucket-1250000000%5c/key",
        "/examplebucket-1250000000./key", "/./examplebucket-1250000000/key", "/../examplebucket-1250000000/key",
        "/EXAMPLEBUCKET-1250000000/key", "/examplebucket-1250000000;x/key", "/examplebucket-1250000000%20/key"})
    void pathStyleBucketSegmentTakesNoEscapesOrVariants(String target) {
        assertThatThrownBy(() -> Fixtures.classify("GET", PATH_HOST, target))
                .isInstanceOfSatisfying(ClassificationException.class,
                        e -> assertThat(e.error()).isEqualTo(CosError.INVALID_BUCKET_NAME));
    }

    @Test
    void pathStyleBucketWithAndWithoutTrailingSlashIsTheBucket() throws Exception {
        for (String target : new String[] {"/" + Fixtures.BUCKET, "/" + Fixtures.BUCKET + "/"}) {
            CosRequest r = Fixtures.classify("GET", PATH_HOST, target);
            assertThat(CosOperationsTest.needs(r)).containsExactly("cos:GetBucket " + Fixtures.cosResource(""));
            assertThat(r.decodedPath()).isEqualTo(target);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a\\b", "/a b", "/a%00", "/a%0d%0aX-Injected:1", "/a#frag", "/a%C0%AE%C0%AE/",
        "/?a=%ZZ", "/?=x", "/a?b=%00", "*", "example.com/a", "ftp://x/a"})
    void refusesTargetsThatDoNotDecodeCleanly(String target) {
        assertThatThrownBy(() -> Fixtures.classify("GET", Fixtures.HOST, target))
                .isInstanceOfSatisfying(ClassificationException.class,
                        e -> assertThat(e.error()).isEqualTo(CosError.INVALID_URI));
    }

    @Test
    void absoluteFormMustAgreeWithHost() throws Exception {
        CosRequest r = Fixtures.classify("GET", Fixtures.HOST.toUpperCase() + ":443",
                "http://" + Fixtures.HOST + "/k?acl");
        assertThat(CosOperationsTest.needs(r)).containsExactly("cos:GetObjectACL " + Fixtures.cosResource("k"));
        assertThat(r.rawPath()).isEqualTo("/k");

        assertThatThrownBy(() -> Fixtures.classify("GET", Fixtures.HOST,
                "http://source-1250000001.cos.ap-guangzhou.myqcloud.com/k"))
                .isInstanceOfSatisfying(ClassificationException.class,
                        e -> assertThat(e.error()).isEqualTo(CosError.INVALID_REQUEST));
    }

    @Test
    void absoluteFormWithoutHostUsesItsAuthority() throws Exception {
        CosRequest r = Fixtures.CLASSIFIER.classify("GET", "https://" + Fixtures.HOST, RequestHeaders.of(),
                Transport.plain("203.0.113.7"), Fixtures.DIRECTORY);
        assertThat(CosOperationsTest.needs(r)).containsExactly("cos:GetBucket " + Fixtures.cosResource(""));
    }

    @Test
    void refusesARepeatedOrMissingHost() {
        assertThatThrownBy(() -> Fixtures.classify("GET", Fixtures.HOST, "/k", "host",
                "source-1250000001.cos.ap-guangzhou.myqcloud.com"))
                .isInstanceOfSatisfying(ClassificationException.class,
                        e -> assertThat(e.error()).isEqualTo(CosError.INVALID_ARGUMENT));
        assertThatThrownBy(() -> Fixtures.CLASSIFIER.classify("GET", "/k", RequestHeaders.of(),
                Transport.plain("203.0.113.7"), Fixtures.DIRECTORY))
                .isInstanceOfSatisfying(ClassificationException.class,
                        e -> assertThat(e.error()).isEqualTo(CosError.INVALID_REQUEST));
    }

    /** A leading {@code //} is a path, never an authority (threats.md §5.1, opa-envoy-plugin). */
    @Test
    void aLeadingDoubleSlashNamingAnotherHostStaysAKeyOfTheHostsBucket() throws Exception {
        CosRequest r = Fixtures.classify("GET", Fixtures.HOST, "//source-1250000001.cos.ap-guangzhou.myqcloud.com/k");
        assertThat(r.bucket()).isEqualTo(Fixtures.BUCKET);
        assertThat(r.key()).isEqualTo("/source-1250000001.cos.ap-guangzhou.myqcloud.com/k");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://user@examplebucket-1250000000.cos.ap-beijing.myqcloud.com/k",
        "http://203.0.113.7/k",
        "http://cos.ap-beijing.myqcloud.com/examplebucket-1250000000/k",
        "https://examplebucket-1250000000.cos.ap-beijing.myqcloud.com.evil.com/k",
        "http://examplebucket-1250000000.cos.ap-beijing.myqcloud.com@source-1250000001.cos.ap-guangzhou.myqcloud.com/k",
    })
    void anAbsoluteFormAuthorityOtherThanTheHostIsRefused(String target) {
        assertThatThrownBy(() -> Fixtures.classify("GET", Fixtures.HOST, target))
                .isInstanceOfSatisfying(ClassificationException.class,
                        e -> assertThat(e.error()).isEqualTo(CosError.INVALID_REQUEST));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP://examplebucket-1250000000.cos.ap-beijing.myqcloud.com/k",
        "http:/examplebucket-1250000000.cos.ap-beijing.myqcloud.com/k", "?acl", "examplebucket-1250000000/k"})
    void aTargetThatIsNeitherOriginNorAbsoluteFormIsNotGuessedAt(String target) {
        assertThatThrownBy(() -> Fixtures.classify("GET", Fixtures.HOST, target))
                .isInstanceOfSatisfying(ClassificationException.class,
                        e -> assertThat(e.error()).isEqualTo(CosError.INVALID_URI));
    }

    @Test
    void portsAndATrailingDotOnEitherSideDoNotChangeTheBucket() throws Exception {
        CosRequest r = Fixtures.classify("GET", Fixtures.HOST + ".:8080", "http://" + Fixtures.HOST + ":443/k");
        assertThat(r.bucket()).isEqualTo(Fixtures.BUCKET);
        assertThat(r.endpoint().host()).isEqualTo(Fixtures.HOST);
    }

    @Test
    void accelerateAndCustomDomainsNeedTheBucketInTheDirectory() {
        assertThatThrownBy(() -> Fixtures.CLASSIFIER.classify("GET", "/k",
                RequestHeaders.of("Host", "img.example.com"), Transport.plain("203.0.113.7"), Directory.empty()))
                .isInstanceOfSatisfying(ClassificationException.class,
                        e -> assertThat(e.error()).isEqualTo(CosError.NO_SUCH_BUCKET));
    }
}
