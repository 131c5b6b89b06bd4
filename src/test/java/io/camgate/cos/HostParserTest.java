package io.camgate.cos;

import static io.camgate.cos.Fixtures.DIRECTORY;
import static io.camgate.cos.Fixtures.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camgate.identity.Bucket;
import io.camgate.identity.Directory;
import io.camgate.identity.RootAccount;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostParserTest {
    private final HostParser parser = new HostParser(SETTINGS);

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "examplebucket-1250000000.cos.ap-beijing.myqcloud.com          | VIRTUAL_HOSTED | examplebucket-1250000000 | 1250000000 | ap-beijing",
        "examplebucket-1250000000.cos.ap-beijing.tencentcos.cn         | VIRTUAL_HOSTED | examplebucket-1250000000 | 1250000000 | ap-beijing",
        "EXAMPLEBUCKET-1250000000.COS.AP-BEIJING.MYQCLOUD.COM          | VIRTUAL_HOSTED | examplebucket-1250000000 | 1250000000 | ap-beijing",
        "examplebucket-1250000000.cos.ap-beijing.myqcloud.com:443      | VIRTUAL_HOSTED | examplebucket-1250000000 | 1250000000 | ap-beijing",
        "examplebucket-1250000000.cos.ap-beijing.myqcloud.com.         | VIRTUAL_HOSTED | examplebucket-1250000000 | 1250000000 | ap-beijing",
        "examplebucket-1250000000.cos.ap-beijing.myqcloud.com.:8080    | VIRTUAL_HOSTED | examplebucket-1250000000 | 1250000000 | ap-beijing",
        "my-bucket-2-1250000000.cos.ap-beijing.myqcloud.com            | VIRTUAL_HOSTED | my-bucket-2-1250000000   | 1250000000 | ap-beijing",
        "examplebucket-1250000000.cos-internal.ap-beijing.tencentcos.cn | INTERNAL      | examplebucket-1250000000 | 1250000000 | ap-beijing",
        "examplebucket-1250000000.cos-website.ap-beijing.myqcloud.com  | WEBSITE        | examplebucket-1250000000 | 1250000000 | ap-beijing",
        "examplebucket-1250000000.cos-website-internal.ap-beijing.tencentcos.cn | WEBSITE | examplebucket-1250000000 | 1250000000 | ap-beijing",
        "examplebucket-1250000000.cos.accelerate.myqcloud.com          | ACCELERATE     | examplebucket-1250000000 | 1250000000 | ap-beijing",
        "source-1250000001.cos.accelerate.tencentcos.cn                | ACCELERATE     | source-1250000001        | 1250000001 | ap-guangzhou",
        "examplebucket-1250000000.cn-east.myqcloud.com                 | LEGACY         | examplebucket-1250000000 | 1250000000 | ap-shanghai",
        "examplebucket-1250000000.sg.myqcloud.com                      | LEGACY         | examplebucket-1250000000 | 1250000000 | ap-singapore",
        "cos.ap-beijing.myqcloud.com                                   | PATH_STYLE     | null                     | null       | ap-beijing",
        "service.cos.myqcloud.com                                      | SERVICE        | null                     | null       | ''",
        "examplebucket-1250000000.ci.ap-beijing.myqcloud.com           | CI             | examplebucket-1250000000 | 1250000000 | ap-beijing",
        "ci.ap-beijing.myqcloud.com                                    | CI_SERVICE     | null                     | null       | ap-beijing",
        "service.ci.myqcloud.com                                       | CI_SERVICE     | null                     | null       | ''",
        "IMG.example.com.                                              | CUSTOM_DOMAIN  | examplebucket-1250000000 | 1250000000 | ap-beijing",
    })
    void readsEveryHostForm(String host, HostKind kind, String bucket, String appid, String region) throws Exception {
        Endpoint e = parser.parse(host, DIRECTORY);
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.bucket()).isEqualTo(bucket);
        assertThat(e.appid()).isEqualTo(appid);
        assertThat(e.region()).isEqualTo(region);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "myqcloud.com", "tencentcos.cn", "cos.myqcloud.com", "[::1", "[zz::1]", "[::1]x", "[::1]:", "[]",
        "host_name.svc", "a b", "camgate.svc:80:80", "camgate.svc:123456", "camgate.svc..", "user@camgate.svc",
        "user@examplebucket-1250000000.cos.ap-beijing.myqcloud.com",
        "examplebucket-1250000000.cos.ap-beijing.myqcloud.com:",
        "examplebucket-1250000000.cos.ap-beijing.myqcloud.com:80a",
        "examplebucket-1250000000.cos.ap-beijing.myqcloud.com..",
        "a.examplebucket-1250000000.cos.ap-beijing.myqcloud.com",
        "examplebucket-1250000000.pic.ap-beijing.myqcloud.com",
        "examplebucket-1250000000.cos.ap_beijing.myqcloud.com",
        "examplebucket-1250000000.cos.-x.myqcloud.com",
        "examplebucket-1250000000.ci.accelerate.myqcloud.com",
        "examplebucket-1250000000.ap-beijing.myqcloud.com",
        "examplebucket-1250000000.cn-east.tencentcos.cn",
        "cos.accelerate.myqcloud.com",
        "unknown-1250000009.cos.accelerate.myqcloud.com",
        "examplebucket.cos.ap-beijing.myqcloud.com",
        "ExampleBucket_1-1250000000.cos.ap-beijing.myqcloud.com",
        "-examplebucket-1250000000.cos.ap-beijing.myqcloud.com",
        "examplebucket--1250000000.cos.ap-beijing.myqcloud.com",
        "examplebucket-12500a0000.cos.ap-beijing.myqcloud.com",
        "examplebucket-.cos.ap-beijing.myqcloud.com",
    })
    void refusesUnknownAmbiguousAndMalformedHosts(String host) {
        assertThatThrownBy(() -> parser.parse(host, DIRECTORY)).isInstanceOf(ClassificationException.class);
    }

    /**
     * A host outside the COS domains is the gateway's own address: path style, with no bucket or
     * region from the host, so the bucket can only come from the path (and its region from the
     * directory). A COS-looking suffix on another domain is no COS host.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "camgate.storage.svc:8080 | camgate.storage.svc",
        "camgate.storage.svc.cluster.local | camgate.storage.svc.cluster.local",
        "localhost:8080 | localhost", "LOCALHOST | localhost", "example.com | example.com",
        "127.0.0.1:8080 | 127.0.0.1", "203.0.113.7 | 203.0.113.7", "[::1]:443 | [::1]", "[::1] | [::1]",
        "examplebucket-1250000000.cos.ap-beijing.myqcloud.com.evil.com | examplebucket-1250000000.cos.ap-beijing.myqcloud.com.evil.com",
        "examplebucket-1250000000.cos.ap-beijing.myqcloud.com.cn | examplebucket-1250000000.cos.ap-beijing.myqcloud.com.cn",
    })
    void readsTheGatewaysOwnAddressAsPathStyle(String header, String host) throws Exception {
        Endpoint e = parser.parse(header, DIRECTORY);
        assertThat(e.kind()).isEqualTo(HostKind.GATEWAY);
        assertThat(e.host()).isEqualTo(host);
        assertThat(e.bucket()).isNull();
        assertThat(e.appid()).isNull();
        assertThat(e.kind().bucketInHost()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cdn.cos.ap-beijing.myqcloud.com", "x.tencentcos.cn", ""})
    void refusesCustomDomainsUnderCosDomains(String domain) {
        assertThatThrownBy(() -> new CosSettings(Map.of(domain, Fixtures.BUCKET), List.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCachedHostFollowsTheDirectoryItWasParsedWith() throws Exception {
        String host = "source-1250000001.cos.accelerate.myqcloud.com";
        assertThat(parser.parse(host, DIRECTORY).region()).isEqualTo("ap-guangzhou");
        Directory moved = new Directory(List.of(new RootAccount("100000000002", "1250000001", List.of(), List.of(),
                List.of(), List.of(new Bucket("source-1250000001", "1250000001", "ap-chengdu", "100000000002", null)))),
                Map.of());
        assertThat(parser.parse(host, moved).region()).isEqualTo("ap-chengdu");
        assertThat(parser.parse(host, DIRECTORY).region()).isEqualTo("ap-guangzhou");
        assertThatThrownBy(() -> parser.parse(host, Directory.empty())).isInstanceOf(ClassificationException.class);
        assertThatThrownBy(() -> parser.parse(null, DIRECTORY)).isInstanceOf(ClassificationException.class);
    }
}
