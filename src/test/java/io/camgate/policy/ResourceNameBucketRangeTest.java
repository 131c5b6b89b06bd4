package io.camgate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The bucket a resource lies in, found once when the name is read. */
class ResourceNameBucketRangeTest {
    @Test
    void aCosResourceStartsWithItsBucket() {
        assertThat(ResourceName.parse("qcs::cos:ap-x:uid/1250000001:b-1250000001/a/b.txt").bucket())
                .isEqualTo("b-1250000001");
        assertThat(ResourceName.parse("qcs::cos:ap-x:uid/1250000001:b-1250000001").bucket())
                .isEqualTo("b-1250000001");
    }

    @Test
    void aCiResourceNamesItsBucketAfterTheBucketPrefix() {
        assertThat(ResourceName.parse("qcs::ci:ap-x:uid/1250000001:bucket/b-1250000001").bucket())
                .isEqualTo("b-1250000001");
        assertThat(ResourceName.parse("qcs::ci:ap-x:uid/1250000001:bucket/b-1250000001/media/a.mp4").bucket())
                .isEqualTo("b-1250000001");
    }

    @Test
    void resourcesWithoutABucketHaveNone() {
        assertThat(ResourceName.parse("qcs::cos:ap-x:uid/1250000001:/a").bucket()).isNull();
        assertThat(ResourceName.parse("qcs::ci:ap-x:uid/1250000001:job/1").bucket()).isNull();
        assertThat(ResourceName.parse("qcs::ci:ap-x:uid/1250000001:bucket/").bucket()).isNull();
        assertThat(ResourceName.parse("qcs::cam::uin/100001:uin/200001").bucket()).isNull();
        assertThat(ResourceName.ANY.bucket()).isNull();
    }

    @Test
    void namesWithTheSamePartsAreEqual() {
        ResourceName a = ResourceName.parse("qcs::cos:ap-x:uid/1250000001:b-1250000001/a");
        ResourceName b = new ResourceName("qcs::cos:ap-x:uid/1250000001:b-1250000001/a", "cos", "ap-x",
                "uid/1250000001", "b-1250000001/a");

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(ResourceName.parse("qcs::cos:ap-x:uid/1250000001:b-1250000001/b"));
    }

    @Test
    void aBucketOtherThanTheOneTheResourceNamesIsRefused() {
        String text = "qcs::cos:ap-x:uid/1250000001:b-1250000001/a";
        String resource = "b-1250000001/a";

        assertThat(new ResourceName(text, "cos", "ap-x", "uid/1250000001", resource, "b-1250000001").bucket())
                .isEqualTo("b-1250000001");
        assertThatThrownBy(() -> new ResourceName(text, "cos", "ap-x", "uid/1250000001", resource, "b-125"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ResourceName(text, "cos", "ap-x", "uid/1250000001", resource, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ResourceName("*", "", "", "", "*", "b-1250000001"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
