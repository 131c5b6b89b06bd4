package io.camgate.authz.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ActionTableTest {
    private final ActionTable table = ActionTable.KNOWN;

    @Test
    void findsATableActionWrittenInAnyCaseWithOrWithoutTheNamePrefix() {
        ActionKey key = table.key("cos:GetObject");

        assertThat(key.id()).isNotNegative();
        assertThat(key.name()).isEqualTo("cos:getobject");
        assertThat(table.key("NAME/COS:GETOBJECT")).isSameAs(key);
        assertThat(table.key(" name/cos:getobject\t")).isSameAs(key);
    }

    @Test
    void readsNonAsciiLettersAsNormalizationDoesNotAsCaseInsensitiveComparisonWould() {
        // U+0131 (dotless i) upper-cases to I, but lower-casing keeps it: not cos:listparts
        assertThat(table.key("cos:L\u0131stParts").id()).isEqualTo(-1);
        // U+212A (Kelvin sign) lower-cases to k, as ActionPattern.normalize does
        assertThat(table.key("ci:DescribeRis\u212ALibText")).isSameAs(table.key("ci:DescribeRiskLibText"));
    }

    @Test
    void anActionOutsideTheTableGetsNoNumberButKeepsItsName() {
        ActionKey key = table.key("cos:SomethingNew");

        assertThat(key.id()).isEqualTo(-1);
        assertThat(key.name()).isEqualTo("cos:somethingnew");
    }

    @Test
    void wildcardCoverageIsWorkedOutAgainstEveryTableAction() {
        long[] gets = table.coverage("cos:get*");

        assertThat(covers(gets, table.key("cos:GetBucketACL"))).isTrue();
        assertThat(covers(gets, table.key("cos:PutObject"))).isFalse();
        assertThat(covers(table.coverage("*"), table.key("ci:DescribeMediaJob"))).isTrue();
    }

    private static boolean covers(long[] coverage, ActionKey key) {
        return (coverage[key.id() >>> 6] & (1L << key.id())) != 0;
    }
}
