package io.camgate.cos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CopySourceTest {
    private final HostParser hosts = new HostParser(Fixtures.SETTINGS);

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "source-1250000001.cos.ap-guangzhou.myqcloud.com/a.txt                 | source-1250000001 | 1250000001 | ap-guangzhou | a.txt | null",
        "source-1250000001.cos.ap-guangzhou.tencentcos.cn/dir%2Fa%20b.txt       | source-1250000001 | 1250000001 | ap-guangzhou | dir/a b.txt | null",
        "source-1250000001.cos-internal.ap-guangzhou.tencentcos.cn/a//b/../c    | source-1250000001 | 1250000001 | ap-guangzhou | a//b/../c | null",
        "source-1250000001.cos.ap-guangzhou.myqcloud.com/%E8%85%BE.txt?versionId=MTg0NDUx | source-1250000001 | 1250000001 | ap-guangzhou | 腾.txt | MTg0NDUx",
        "source-1250000001.cos.accelerate.myqcloud.com/a+b                      | source-1250000001 | 1250000001 | ap-guangzhou | a+b | null",
        "examplebucket-1250000000.cn-east.myqcloud.com/x                        | examplebucket-1250000000 | 1250000000 | ap-shanghai | x | null",
        "' source-1250000001.cos.ap-guangzhou.myqcloud.com:443/a '             | source-1250000001 | 1250000001 | ap-guangzhou | a | null",
    })
    void readsBucketRegionAndDecodedKey(String header, String bucket, String appid, String region, String key,
            String versionId) throws Exception {
        CopySource s = CopySource.parse(header, hosts, Fixtures.DIRECTORY);
        assertThat(s).isEqualTo(new CopySource(bucket, appid, region, key, versionId));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "/source-1250000001/a.txt", "source-1250000001.cos.ap-guangzhou.myqcloud.com",
        "source-1250000001.cos.ap-guangzhou.myqcloud.com/", "evil.example.com/a",
        "source-1250000001.cos-website.ap-guangzhou.myqcloud.com/a",
        "source-1250000001.ci.ap-guangzhou.myqcloud.com/a", "img.example.com/a",
        "source-1250000001.cos.ap-guangzhou.myqcloud.com/a?acl",
        "source-1250000001.cos.ap-guangzhou.myqcloud.com/a?versionId=1&x=2",
        "source-1250000001.cos.ap-guangzhou.myqcloud.com/a%", "source-1250000001.cos.ap-guangzhou.myqcloud.com/a%00",
        "source-1250000001.cos.ap-guangzhou.myqcloud.com/a b", "Source_1.cos.ap-guangzhou.myqcloud.com/a",
    })
    void refusesAnythingElse(String header) {
        assertThatThrownBy(() -> CopySource.parse(header, hosts, Fixtures.DIRECTORY))
                .isInstanceOfSatisfying(ClassificationException.class,
                        e -> assertThat(e.error()).isEqualTo(CosError.INVALID_ARGUMENT));
    }

    @org.junit.jupiter.api.Test
    void aCopyAlsoReadsTheSourceVersion() throws Exception {
        CosRequest r = Fixtures.classify("PUT", Fixtures.HOST, "/dst", "x-cos-copy-source",
                "source-1250000001.cos.ap-guangzhou.myqcloud.com/src?versionId=v9");
        assertThat(r.copySource().versionId()).isEqualTo("v9");
        assertThat(CosOperationsTest.needs(r)).containsExactly("cos:PutObjectCopy " + Fixtures.cosResource("dst"),
                "cos:GetObject qcs::cos:ap-guangzhou:uid/1250000001:source-1250000001/src");
    }
}
