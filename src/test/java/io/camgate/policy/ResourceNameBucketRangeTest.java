package io.camgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bucket's place in a resource, which the decision path reads without cutting out a string. */
class ResourceNameBucketRangeTest {
    @Test
    void aCosResourceStartsWithItsBucket() {
        ResourceName r = ResourceName.parse("qcs::cos:ap-x:uid/1250000001:b-1250000001/a/b.txt");

        assertThat(r.bucket()).isEqualTo("b-1250000001");
        assertThat(r.resource().substring(r.bucketFrom(), r.bucketTo())).isEqualTo("b-1250000001");
    }

    @Test
    void aCiResourceNamesItsBucketAfterTheBucketPrefix() {
        ResourceName r = ResourceName.parse("qcs::ci:ap-x:uid/1250000001:bucket/b-1250000001");

        assertThat(r.bucket()).isEqualTo("b-1250000001");
        assertThat(r.bucketFrom()).isEqualTo("bucket/".length());
        assertThat(r.bucketTo()).isEqualTo(r.resource().length());
    }

    @Test
    void resourcesWithoutABucketHaveNoRange() {
        assertThat(ResourceName.parse("qcs::cos:ap-x:uid/1250000001:/a").bucketFrom()).isEqualTo(-1);
        assertThat(ResourceName.parse("qcs::ci:ap-x:uid/1250000001:job/1").bucketFrom()).isEqualTo(-1);
        assertThat(ResourceName.parse("qcs::cam::uin/100001:uin/200001").bucket()).isNull();
        assertThat(ResourceName.ANY.bucketFrom()).isEqualTo(-1);
    }
}
