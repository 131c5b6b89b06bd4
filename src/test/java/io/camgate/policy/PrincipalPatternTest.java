package io.camgate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrincipalPatternTest {

    @Test
    void aSubUserOfAnOwner() {
        assertThat(PrincipalPattern.parse("qcs::cam::uin/100001:uin/200001"))
                .isEqualTo(new PrincipalPattern.SubUser("100001", "200001"));
    }

    @Test
    void aGroupOfAnOwner() {
        assertThat(PrincipalPattern.parse("qcs::cam::uin/100001:groupid/7"))
                .isEqualTo(new PrincipalPattern.Group("100001", "7"));
    }

    @Test
    void aRootAccountWrittenEitherWay() {
        assertThat(PrincipalPattern.parse("qcs::cam::uin/100001:uin/100001"))
                .isEqualTo(new PrincipalPattern.Root("100001"));
        assertThat(PrincipalPattern.parse("qcs::cam::uin/100001:root"))
                .isEqualTo(new PrincipalPattern.Root("100001"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "qcs::cam::anonymous:anonymous", "qcs::cam::anyone:anyone", " * "})
    void everyone(String text) {
        assertThat(PrincipalPattern.parse(text)).isEqualTo(PrincipalPattern.ANYONE);
    }

    @ParameterizedTest(name = "\"{0}\" is rejected")
    @CsvSource(delimiter = '|', textBlock = """
            qcs::cam::uin/100001:roleName/admin          | role
            qcs::cam::uin/100001:saml-provider/idp       | role and federated
            qcs::cam::uin/100001:role/admin              | unknown principal kind
            qcs::cam::uin/100001                         | needs
            qcs::cam::uin/:uin/200001                    | owner uin
            qcs::cam::uin/abc:uin/200001                 | owner uin
            qcs::cam::uin/100001:uin/2x                  | uin
            qcs::cam::uin/100001:groupid/                | group id
            qcs::cam::uin/100001:groupid/seven           | group id
            qcs::cam::uin/100001:uin/200001:uin/3        | uin
            qcs::cam::anyone                             | a principal is
            qcs::cam::anonymous:anyone                   | a principal is
            uin/100001                                   | a principal is
            root                                         | a principal is
            ''                                           | a principal is
            **                                           | a principal is""")
    void rejectedForms(String text, String reason) {
        assertThatThrownBy(() -> PrincipalPattern.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }
}
