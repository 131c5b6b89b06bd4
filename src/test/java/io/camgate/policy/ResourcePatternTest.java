package io.camgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Resource patterns against request resources, DESIGN §3 "Resources". */
class ResourcePatternTest {
    /** Caller 200001, sub-user of root 100001 whose APPID is 1250000001. */
    private static final PolicyVariables VARS = new PolicyVariables("200001", "100001", "1250000001");

    private static boolean covers(String pattern, String request) {
        return covers(pattern, request, VARS);
    }

    private static boolean covers(String pattern, String request, PolicyVariables vars) {
        ResourceName name = ResourceName.parse(request);
        assertThat(name).as("request resource %s", request).isNotNull();
        return ResourcePattern.parse(pattern).matches(name, vars);
    }

    @ParameterizedTest(name = "{0} covers {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            *                                                           | *                                                       | true
            *                                                           | qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/a | true
            *                                                           | qcs::cvm:ap-guangzhou:uin/100001:instance/ins-1         | true
            qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/a.jpg | qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/a.jpg | true
            qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/a.jpg | qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/b.jpg | false
            qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/a.jpg | qcs::cos:ap-beijing:uid/1250000001:photos-1250000001/a.jpg   | false
            qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/a.jpg | qcs::ci:ap-guangzhou:uid/1250000001:photos-1250000001/a.jpg   | false
            qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/a.jpg | qcs::cos:ap-guangzhou:uid/1250000002:photos-1250000001/a.jpg  | false
            qcs:project-9:cos:ap-guangzhou:uid/1250000001:photos-1250000001/a | qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/a     | true
            qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/a     | qcs:project-9:cos:ap-guangzhou:uid/1250000001:photos-1250000001/a | true
            qcs:::ap-guangzhou:uid/1250000001:photos-1250000001/a        | qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/a     | true
            qcs::*:ap-guangzhou:uid/1250000001:photos-1250000001/a       | qcs::ci:ap-guangzhou:uid/1250000001:photos-1250000001/a      | true
            qcs::cos::uid/1250000001:photos-1250000001/a                 | qcs::cos:ap-beijing:uid/1250000001:photos-1250000001/a       | true
            qcs::cos:*:uid/1250000001:photos-1250000001/a                | qcs::cos:na-ashburn:uid/1250000001:photos-1250000001/a       | true
            qcs::cos:ap-*:uid/1250000001:photos-1250000001/a             | qcs::cos:na-ashburn:uid/1250000001:photos-1250000001/a       | false
            qcs::cos:ap-guangzhou:uid/*:photos-1250000001/a              | qcs::cos:ap-guangzhou:uid/1250000009:photos-1250000001/a     | true
            qcs::cos:ap-guangzhou:*:photos-1250000001/a                  | qcs::cos:ap-guangzhou:uid/1250000009:photos-1250000001/a     | true
            qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/*     | qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/      | true
            qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/*     | qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/a/b/c | true
            qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/*     | qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001       | false
            qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/*     | qcs::cos:ap-guangzhou:uid/1250000001:photos-12500000011/a    | false
            qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/doc/* | qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/doc/  | true
            qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/doc/* | qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/docs/a | false
            qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/doc/* | qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/DOC/a | false
            qcs::cos:ap-guangzhou:uid/1250000001:Photos-1250000001/*     | qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/a     | false
            qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/*.jpg | qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/a/b.jpg | true
            qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/*.jpg | qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/a.JPG | false
            qcs::cos:ap-guangzhou:uid/1250000001:*                       | qcs::cos:ap-guangzhou:uid/1250000001:any-1250000001/x       | true
            qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/a:b/* | qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/a:b/c:d | true
            qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/a:*   | qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/a:b/c:d | true
            qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/a:b/c | qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/a:b/c:d | false
            qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/a     | qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/a:b   | false
            qcs::cos:ap-guangzhou:uid/1250000001:*                       | *                                                       | false
            qcs::*:*:*:*                                                 | *                                                       | false
            qcs:::::*                                                    | *                                                       | false
            qcs:::::*                                                    | qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/a     | true
            """)
    void segmentsMatchAsTheDesignSays(String pattern, String request, boolean expected) {
        assertThat(covers(pattern, request)).isEqualTo(expected);
    }

    @Nested
    class EmptyAccountMeansThePolicyOwners {
        @Test
        void forCosItIsTheOwnersAppId() {
            assertThat(covers("qcs::cos:ap-guangzhou::photos-1250000001/*",
                    "qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/a")).isTrue();
            assertThat(covers("qcs::cos:ap-guangzhou::photos-1250000002/*",
                    "qcs::cos:ap-guangzhou:uid/1250000002:photos-1250000002/a")).isFalse();
            assertThat(covers("qcs::cos:ap-guangzhou::photos-1250000001/*",
                    "qcs::cos:ap-guangzhou:uin/100001:photos-1250000001/a")).isFalse();
        }

        @Test
        void forCiItIsTheOwnersAppId() {
            assertThat(covers("qcs::ci:ap-guangzhou::bucket/photos-1250000001/*",
                    "qcs::ci:ap-guangzhou:uid/1250000001:bucket/photos-1250000001/job/1")).isTrue();
            assertThat(covers("qcs::ci:ap-guangzhou::bucket/photos-1250000001/*",
                    "qcs::ci:ap-guangzhou:uin/100001:bucket/photos-1250000001/job/1")).isFalse();
        }

        @Test
        void forOtherServicesItIsTheOwnersUin() {
            assertThat(covers("qcs::cvm:ap-guangzhou::instance/*",
                    "qcs::cvm:ap-guangzhou:uin/100001:instance/ins-1")).isTrue();
            assertThat(covers("qcs::cvm:ap-guangzhou::instance/*",
                    "qcs::cvm:ap-guangzhou:uid/1250000001:instance/ins-1")).isFalse();
            assertThat(covers("qcs::cvm:ap-guangzhou::instance/*",
                    "qcs::cvm:ap-guangzhou:uin/100002:instance/ins-1")).isFalse();
        }

        @Test
        void withAnEmptyServiceTheRequestsServiceDecides() {
            String pattern = "qcs:::::*";
            assertThat(covers(pattern, "qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/a")).isTrue();
            assertThat(covers(pattern, "qcs::cos:ap-guangzhou:uin/100001:photos-1250000001/a")).isFalse();
            assertThat(covers(pattern, "qcs::cam::uin/100001:uin/200001")).isTrue();
            assertThat(covers(pattern, "qcs::cam::uid/1250000001:uin/200001")).isFalse();
        }

        @Test
        void theOwnerComesFromTheVariablesOfTheEvaluation() {
            PolicyVariables otherOwner = new PolicyVariables("300001", "100002", "1250000002");
            String pattern = "qcs::cos:ap-guangzhou::*";
            assertThat(ResourcePattern.ownerAccount("cos", otherOwner)).isEqualTo("uid/1250000002");
            assertThat(ResourcePattern.ownerAccount("ci", otherOwner)).isEqualTo("uid/1250000002");
            assertThat(ResourcePattern.ownerAccount("vpc", otherOwner)).isEqualTo("uin/100002");
            assertThat(covers(pattern, "qcs::cos:ap-guangzhou:uid/1250000002:b-1250000002/k", otherOwner)).isTrue();
            assertThat(covers(pattern, "qcs::cos:ap-guangzhou:uid/1250000001:b-1250000001/k", otherOwner)).isFalse();
        }
    }

    @Nested
    class PolicyVariablesInResources {
        @Test
        void appIdInTheAccountAndTheBucketName() {
            String pattern = "qcs::cos:ap-guangzhou:uid/${app_id}:photos-${app_id}/*";
            assertThat(covers(pattern, "qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/a")).isTrue();
            assertThat(covers(pattern, "qcs::cos:ap-guangzhou:uid/1250000002:photos-1250000002/a")).isFalse();
        }

        @Test
        void uinIsTheCallerAndOwnerUinThePolicyOwner() {
            String pattern = "qcs::cam::uin/${owner_uin}:uin/${uin}";
            assertThat(covers(pattern, "qcs::cam::uin/100001:uin/200001")).isTrue();
            assertThat(covers(pattern, "qcs::cam::uin/100001:uin/200002")).isFalse();
            assertThat(covers(pattern, "qcs::cam::uin/100002:uin/200001")).isFalse();
        }

        @Test
        void uinInACiResourcePath() {
            String pattern = "qcs::ci:ap-guangzhou:uid/1250000001:bucket/photos-1250000001/user-${uin}/*";
            assertThat(covers(pattern, "qcs::ci:ap-guangzhou:uid/1250000001:bucket/photos-1250000001/user-200001/x"))
                    .isTrue();
            assertThat(covers(pattern, "qcs::ci:ap-guangzhou:uid/1250000001:bucket/photos-1250000001/user-200002/x"))
                    .isFalse();
        }

        @Test
        void aPatternUsingUinMatchesNothingForAnAnonymousCaller() {
            PolicyVariables anonymous = new PolicyVariables(null, "100001", "1250000001");
            assertThat(covers("qcs::cam::uin/${owner_uin}:uin/${uin}", "qcs::cam::uin/100001:uin/${uin}", anonymous))
                    .isFalse();
            assertThat(covers("qcs::cam::uin/${uin}:*", "qcs::cam::uin/:x", anonymous)).isFalse();
            assertThat(covers("qcs::cam::uin/${owner_uin}:*", "qcs::cam::uin/100001:x", anonymous)).isTrue();
        }
    }

    @Nested
    class RequestResources {
        @Test
        void theAccountlessStar() {
            assertThat(ResourceName.parse("*")).isSameAs(ResourceName.ANY);
            assertThat(ResourceName.ANY.isAccountless()).isTrue();
            assertThat(ResourceName.ANY.bucket()).isNull();
        }

        @Test
        void sixSegmentsWithColonsAndSlashesKeptInTheLast() {
            ResourceName r = ResourceName.parse("qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/a:b/c");
            assertThat(r.service()).isEqualTo("cos");
            assertThat(r.region()).isEqualTo("ap-guangzhou");
            assertThat(r.account()).isEqualTo("uid/1250000001");
            assertThat(r.resource()).isEqualTo("photos-1250000001/a:b/c");
            assertThat(r.isAccountless()).isFalse();
        }

        @Test
        void theBucketOfCosAndCiResources() {
            assertThat(ResourceName.parse("qcs::cos:r:uid/1:photos-1/a/b").bucket()).isEqualTo("photos-1");
            assertThat(ResourceName.parse("qcs::cos:r:uid/1:photos-1/").bucket()).isEqualTo("photos-1");
            assertThat(ResourceName.parse("qcs::ci:r:uid/1:bucket/photos-1/job").bucket()).isEqualTo("photos-1");
            assertThat(ResourceName.parse("qcs::ci:r:uid/1:queue/q1").bucket()).isNull();
            assertThat(ResourceName.parse("qcs::cvm:r:uin/1:photos-1/x").bucket()).isNull();
        }

        @Test
        void notRequestResources() {
            assertThat(ResourceName.parse("qcs::cos:r:uid/1")).isNull();
            assertThat(ResourceName.parse("qcs:::r:uid/1:b/k")).isNull();
            assertThat(ResourceName.parse("qcs::*:r:uid/1:b/k")).isNull();
            assertThat(ResourceName.parse("arn:aws:s3:::b/k:x")).isNull();
        }
    }
}
