package io.camgate.cos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.camgate.policy.ConditionContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionKeysTest {
    private static final String PEER = "203.0.113.7";
    private static final String PROXY = "10.1.2.3";

    private static ConditionContext context(String method, String target, String... headers) throws Exception {
        return Fixtures.classify(method, Fixtures.HOST, target, headers).conditions();
    }

    @Test
    void everyRequestCarriesAddressTimeAndTransport() throws Exception {
        ConditionContext c = context("GET", "/a");
        assertThat(c.get("qcs:ip")).containsExactly(PEER);
        assertThat(c.get("qcs:current_time")).containsExactly("2026-11-23T10:15:30Z");
        assertThat(c.get("cos:secure-transport")).containsExactly("false");
        assertThat(c.get("cos:tls-version")).isEmpty();
        assertThat(c.asMap()).containsOnlyKeys("qcs:ip", "qcs:current_time", "cos:secure-transport");
    }

    @ParameterizedTest
    @CsvSource({"TLSv1.2, 1.2", "TLSv1.3, 1.3", "TLSv1.1, 1.1", "TLSv1, 1.0"})
    void tlsRequestsCarryTheVersionAsANumber(String protocol, String number) throws Exception {
        CosRequest r = Fixtures.classify("GET", Fixtures.HOST, "/a", Transport.tls(PEER, protocol));
        assertThat(r.conditions().get("cos:secure-transport")).containsExactly("true");
        assertThat(r.conditions().get("cos:tls-version")).containsExactly(number);
    }

    @Test
    void writeHeadersApplyToTheWritesTheReferenceNames() throws Exception {
        String[] headers = {"x-cos-acl", "public-read", "X-COS-Storage-Class", "ARCHIVE", "Content-Type",
            "image/jpeg", "Content-Length", "13"};
        ConditionContext put = context("PUT", "/a.jpg", headers);
        assertThat(put.get("cos:x-cos-acl")).containsExactly("public-read");
        assertThat(put.get("cos:x-cos-storage-class")).containsExactly("ARCHIVE");
        assertThat(put.get("cos:content-type")).containsExactly("image/jpeg");
        assertThat(put.get("cos:content-length")).containsExactly("13");

        ConditionContext acl = context("PUT", "/a.jpg?acl", headers);
        assertThat(acl.get("cos:x-cos-acl")).containsExactly("public-read");
        assertThat(acl.get("cos:x-cos-storage-class")).isEmpty();

        // a copy is PutObjectCopy (436/10881) and still sets the new object's ACL and storage class
        String[] copy = java.util.Arrays.copyOf(headers, headers.length + 2);
        copy[headers.length] = "x-cos-copy-source";
        copy[headers.length + 1] = Fixtures.HOST + "/src.jpg";
        ConditionContext copied = context("PUT", "/a.jpg", copy);
        assertThat(copied.get("cos:x-cos-acl")).containsExactly("public-read");
        assertThat(copied.get("cos:x-cos-storage-class")).containsExactly("ARCHIVE");

        ConditionContext tagging = context("PUT", "/a.jpg?tagging", headers);
        assertThat(tagging.get("cos:x-cos-acl")).isEmpty();
        assertThat(tagging.get("cos:content-type")).containsExactly("image/jpeg");
    }

    @Test
    void queryValuesStayUrlEncodedAsCosComparesThem() throws Exception {
        assertThat(context("GET", "/?prefix=doc%2fsub/&delimiter=%2F").get("cos:prefix")).containsExactly("doc%2Fsub%2F");
        assertThat(context("GET", "/?versions&prefix=a%20b").get("cos:prefix")).containsExactly("a%20b");
        assertThat(context("GET", "/?uploads&prefix=").get("cos:prefix")).containsExactly("");
        assertThat(context("GET", "/?prefix=x").get("cos:prefix")).containsExactly("x");
        assertThat(context("GET", "/x?prefix=x&response-content-type=image/jpeg").get("cos:prefix")).isEmpty();
        assertThat(context("GET", "/x?response-content-type=image/jpeg").get("cos:response-content-type"))
                .containsExactly("image%2Fjpeg");
        assertThat(context("HEAD", "/x?response-content-type=image/jpeg").get("cos:response-content-type")).isEmpty();
    }

    @Test
    void anEmptyVersionIdIsNotCarried() throws Exception {
        assertThat(context("GET", "/x?versionId=MTg0").get("cos:versionid")).containsExactly("MTg0");
        assertThat(context("DELETE", "/x?versionId=null").get("cos:versionid")).containsExactly("null");
        assertThat(context("GET", "/x?tagging&versionId=v").get("cos:versionid")).containsExactly("v");
        assertThat(context("GET", "/x?versionId=").asMap()).doesNotContainKey("cos:versionid");
        assertThat(context("GET", "/x?acl&versionId=v").asMap()).doesNotContainKey("cos:versionid");
    }

    @Test
    void requestTagsComeAsKeyAmpersandValue() throws Exception {
        assertThat(context("PUT", "/", "x-cos-tagging", "team=a%20b&env=prod").get("qcs:request_tag"))
                .containsExactly("team&a b", "env&prod");
        assertThat(context("PUT", "/?tagging=k%3Dv", "x-cos-tagging", "a=1").get("qcs:request_tag"))
                .containsExactly("a&1", "k&v");
        assertThat(context("PUT", "/x", "x-cos-tagging", "a=1").get("qcs:request_tag")).isEmpty();
        assertThatThrownBy(() -> context("PUT", "/", "x-cos-tagging", "novalue"))
                .isInstanceOf(ClassificationException.class);
    }

    @Test
    void repeatedConditionHeadersAreRefused() {
        assertThatThrownBy(() -> context("PUT", "/a", "x-cos-acl", "private", "X-Cos-Acl", "public-read"))
                .isInstanceOfSatisfying(ClassificationException.class,
                        e -> assertThat(e.error()).isEqualTo(CosError.INVALID_ARGUMENT));
    }

    @ParameterizedTest
    @CsvSource({"x-cos-meta-a, X-Cos-Meta-A", "Content-MD5, content-md5", "x-cos-grant-read, x-cos-grant-read"})
    void anyRepeatedCosHeaderOrContentMd5IsRefused(String first, String second) {
        // Found by HostileWireTest: these went upstream twice, for the upstream to pick a copy.
        assertThatThrownBy(() -> Fixtures.classify("PUT", Fixtures.HOST, "/a", first, "1", second, "2"))
                .isInstanceOfSatisfying(ClassificationException.class,
                        e -> assertThat(e.error()).isEqualTo(CosError.INVALID_ARGUMENT));
        assertThat(catchThrowable(() -> Fixtures.classify("PUT", Fixtures.HOST, "/a", first, "1",
                "x-cos-meta-other", "2"))).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // peer              | X-Forwarded-For                       | qcs:ip
        "203.0.113.7         | 198.51.100.1                          | 203.0.113.7",
        "10.1.2.3            | 198.51.100.1                          | 198.51.100.1",
        "10.1.2.3            | 1.1.1.1, 198.51.100.1                 | 198.51.100.1",
        "10.1.2.3            | 198.51.100.1, 10.9.9.9                | 198.51.100.1",
        "10.1.2.3            | 10.8.8.8, 10.9.9.9                    | 10.8.8.8",
        "10.1.2.3            | 2001:db8::1                           | 2001:db8::1",
        "10.1.2.3            | ''                                    | 10.1.2.3",
        "fe80::1%eth0        | 198.51.100.1                          | fe80::1",
        // IPv4-mapped addresses are their IPv4 addresses, from the socket and from a trusted proxy (issue 16)
        "::ffff:203.0.113.7  | 198.51.100.1                          | 203.0.113.7",
        "::ffff:cb00:7107    | ''                                    | 203.0.113.7",
        "::ffff:10.1.2.3     | 198.51.100.1                          | 198.51.100.1",
        "0:0:0:0:0:ffff:a01:203 | ::ffff:cb00:7109                   | 203.0.113.9",
        "10.1.2.3            | 198.51.100.1, ::ffff:10.9.9.9         | 198.51.100.1",
        "10.1.2.3            | ::FFFF:198.51.100.1, ::ffff:a09:909   | 198.51.100.1",
    })
    void theForwardedClientIsBelievedOnlyFromATrustedProxy(String peer, String forwarded, String ip)
            throws Exception {
        String[] headers = forwarded.isEmpty() ? new String[0] : new String[] {"X-Forwarded-For", forwarded};
        CosRequest r = Fixtures.classify("GET", Fixtures.HOST, "/a", Transport.plain(peer), headers);
        assertThat(r.clientIp()).isEqualTo(ip);
        assertThat(r.conditions().get("qcs:ip")).containsExactly(ip);
    }

    @Test
    void repeatedForwardedForHeadersFormOneChain() throws Exception {
        CosRequest r = Fixtures.classify("GET", Fixtures.HOST, "/a", Transport.plain(PROXY),
                "X-Forwarded-For", "198.51.100.1", "X-Forwarded-For", "10.9.9.9");
        assertThat(r.clientIp()).isEqualTo("198.51.100.1");
    }

    @Test
    void aTrustedProxyMustForwardAddresses() {
        assertThatThrownBy(() -> Fixtures.classify("GET", Fixtures.HOST, "/a", Transport.plain(PROXY),
                "X-Forwarded-For", "unknown"))
                .isInstanceOfSatisfying(ClassificationException.class,
                        e -> assertThat(e.error()).isEqualTo(CosError.INVALID_REQUEST));
    }

    @Test
    void aPeerThatIsNotAnAddressIsRefused() {
        // an ingress names the original client in X-Real-IP, which becomes the transport's peer
        assertThatThrownBy(() -> Fixtures.classify("GET", Fixtures.HOST, "/a", Transport.plain("unknown")))
                .isInstanceOfSatisfying(ClassificationException.class,
                        e -> assertThat(e.error()).isEqualTo(CosError.INVALID_REQUEST));
    }

    @Test
    void theVpcComesOnlyFromATrustedProxy() throws Exception {
        CosRequest trusted = Fixtures.classify("GET", Fixtures.HOST, "/a", Transport.plain(PROXY),
                "x-requester-vpc", "vpc-aqp5jrc1");
        assertThat(trusted.conditions().get("qcs:vpc")).containsExactly("vpc-aqp5jrc1");
        assertThat(trusted.conditions().get("vpc:requester_vpc")).containsExactly("vpc-aqp5jrc1");

        CosRequest untrusted = Fixtures.classify("GET", Fixtures.HOST, "/a", Transport.plain(PEER),
                "x-requester-vpc", "vpc-aqp5jrc1");
        assertThat(untrusted.vpcId()).isNull();
        assertThat(untrusted.conditions().asMap()).doesNotContainKeys("qcs:vpc", "vpc:requester_vpc");
    }

    @Test
    void aClassifierWithoutTrustedProxiesIgnoresForwardingHeaders() throws Exception {
        RequestClassifier plain = new RequestClassifier(CosSettings.DEFAULTS, java.time.Clock.systemUTC());
        CosRequest r = plain.classify("GET", "/a", RequestHeaders.of("Host", Fixtures.HOST, "X-Forwarded-For",
                "198.51.100.1"), Transport.plain(PROXY), Fixtures.DIRECTORY);
        assertThat(r.conditions().get("qcs:ip")).isEqualTo(List.of(PROXY));
    }
}
