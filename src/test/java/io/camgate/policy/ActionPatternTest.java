package io.camgate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ActionPatternTest {

    private static boolean covers(String pattern, String requestAction) {
        return ActionPattern.parse(pattern).matchesNormalized(ActionPattern.normalize(requestAction));
    }

    @ParameterizedTest(name = "{0} covers {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            name/cos:GetObject | cos:GetObject           | true
            name/cos:GetObject | name/cos:GetObject      | true
            cos:GetObject      | name/cos:GetObject      | true
            cos:GetObject      | cos:GetObjectACL        | false
            cos:GetObject      | cos:PutObject           | false
            cos:GetObject      | ci:GetObject            | false
            COS:GETOBJECT      | cos:getobject           | true
            Name/Cos:GetObject | NAME/COS:GETOBJECT      | true
            cos:Get*           | cos:GetObject           | true
            cos:Get*           | cos:GetBucketACL        | true
            cos:Get*           | cos:Get                 | true
            cos:Get*           | cos:PutObject           | false
            cos:Get*           | ci:GetMediaInfo         | false
            cos:get*           | name/cos:GETSERVICE     | true
            cos:*Bucket*       | cos:GetBucketACL        | true
            cos:*Bucket*       | cos:PutBucket           | true
            cos:*Bucket*       | cos:HeadBucket          | true
            cos:*Bucket*       | cos:GetObject           | false
            cos:*Object        | cos:HeadObject          | true
            cos:*Object        | cos:HeadObjectACL       | false
            cos:*              | cos:DeleteBucket        | true
            cos:*              | ci:CreateMediaJobs      | false
            *:*                | ci:CreateMediaJobs      | true
            name/*:*           | cos:PutObject           | true
            *                  | cos:PutObject           | true
            *                  | name/ci:DescribeMediaBuckets | true
            """)
    void actionsCompareIgnoringCaseWithAnOptionalNamePrefixAndStarGlobs(String pattern, String action,
            boolean expected) {
        assertThat(covers(pattern, action)).isEqualTo(expected);
    }

    @Test
    void aFeatureSetIsNotAGlobAndMatchesNothingByItself() {
        ActionPattern p = ActionPattern.parse("PermId/AbC280649");
        assertThat(p.isFeatureSet()).isTrue();
        assertThat(p.featureSet()).isEqualTo("permid/abc280649");
        assertThat(p.featureSet()).isEqualTo(ActionPattern.featureSetKey("ABC280649"));
        assertThat(p.normalized()).isNull();
        assertThat(p.matchesNormalized("permid/abc280649")).isFalse();
        assertThat(p.source()).isEqualTo("PermId/AbC280649");
    }

    @Test
    void normalizeDropsTheNamePrefixAndLowersCase() {
        assertThat(ActionPattern.normalize("name/cos:PutObject")).isEqualTo("cos:putobject");
        assertThat(ActionPattern.normalize(" cos:PutObject ")).isEqualTo("cos:putobject");
        assertThat(ActionPattern.normalize("cos:name/x")).isEqualTo("cos:name/x");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', textBlock = """
            ''
            '  '
            name/
            cos:
            :GetObject
            GetObject
            cos:Get:Object
            permid/
            permid/12-3
            permid/12 3""")
    void malformedActionsAreRejected(String text) {
        assertThatThrownBy(() -> ActionPattern.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
