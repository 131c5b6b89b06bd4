package io.camgate.cos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MultiDeleteBodyTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String objects(int n) {
        StringBuilder b = new StringBuilder("<Delete><Quiet>true</Quiet>");
        for (int i = 0; i < n; i++) {
            b.append("<Object><Key>k").append(i).append("</Key></Object>");
        }
        return b.append("</Delete>").toString();
    }

    @Test
    void readsEveryKeyWithItsVersion() throws Exception {
        String body = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Delete>
                  <Quiet>false</Quiet>
                  <!-- keys are opaque -->
                  <Object><Key>a//b</Key></Object>
                  <Object><Key>../x &amp; &lt;y&gt; &#47;</Key><VersionId>v1</VersionId></Object>
                  <Object><Key><![CDATA[腾讯云 +]]></Key><VersionId></VersionId></Object>
                </Delete>
                """;
        assertThat(MultiDeleteBody.parse(utf8(body))).containsExactly(
                new MultiDeleteBody.DeletedObject("a//b", null),
                new MultiDeleteBody.DeletedObject("../x & <y> /", "v1"),
                new MultiDeleteBody.DeletedObject("腾讯云 +", null));
    }

    @Test
    void turnsTheBodyIntoDeleteObjectOnEveryKey() throws Exception {
        CosRequest r = Fixtures.classify("POST", Fixtures.HOST, "/?delete");
        assertThat(r.awaitsBody()).isTrue();
        assertThat(r.needs()).isEmpty();
        CosRequest full = r.withDeletedObjects(MultiDeleteBody.parse(utf8(objects(2))));
        assertThat(full.awaitsBody()).isFalse();
        // unsigned, so anonymous: 436/8289 adds DeleteMultipleObjects on the bucket
        assertThat(CosOperationsTest.needs(full)).containsExactly(
                "cos:DeleteObject " + Fixtures.cosResource("k0"), "cos:DeleteObject " + Fixtures.cosResource("k1"),
                "cos:DeleteMultipleObjects " + Fixtures.cosResource(""));
        assertThatThrownBy(() -> full.withDeletedObjects(List.of())).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @CsvSource({"Authorization, q-sign-algorithm=sha1&q-ak=AKID", "'', q-sign-algorithm=sha1",
        "'', q-signature=abc", "'', sign=q-sign-algorithm%3Dsha1"})
    void aSignedMultiDeleteNeedsDeleteObjectOnEveryKeyAndNothingElse(String header, String query) throws Exception {
        CosRequest r = header.isEmpty() ? Fixtures.classify("POST", Fixtures.HOST, "/?delete&" + query)
                : Fixtures.classify("POST", Fixtures.HOST, "/?delete", header, query);
        assertThat(CosOperationsTest.needs(r.withDeletedObjects(MultiDeleteBody.parse(utf8(objects(2))))))
                .containsExactly("cos:DeleteObject " + Fixtures.cosResource("k0"),
                        "cos:DeleteObject " + Fixtures.cosResource("k1"));
    }

    @Test
    void aSecurityTokenAloneIsNoSignature() throws Exception {
        CosRequest r = Fixtures.classify("POST", Fixtures.HOST, "/?delete", "x-cos-security-token", "t");
        assertThat(CosOperationsTest.needs(r.withDeletedObjects(MultiDeleteBody.parse(utf8(objects(1))))))
                .contains("cos:DeleteMultipleObjects " + Fixtures.cosResource(""));
    }

    @Test
    void takesAThousandObjectsAndNoMore() throws Exception {
        assertThat(MultiDeleteBody.parse(utf8(objects(1000)))).hasSize(1000);
        assertThatThrownBy(() -> MultiDeleteBody.parse(utf8(objects(1001))))
                .isInstanceOfSatisfying(ClassificationException.class,
                        e -> assertThat(e.error()).isEqualTo(CosError.MALFORMED_XML));
    }

    @Test
    void refusesBodiesOverTwoMebibytes() {
        byte[] big = new byte[MultiDeleteBody.MAX_BYTES + 1];
        assertThatThrownBy(() -> MultiDeleteBody.parse(big))
                .isInstanceOfSatisfying(ClassificationException.class,
                        e -> assertThat(e.error()).isEqualTo(CosError.ENTITY_TOO_LARGE));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<?xml version=\"1.0\"?><!DOCTYPE Delete [<!ENTITY x \"y\">]><Delete><Object><Key>&x;</Key></Object></Delete>",
        "<?xml version=\"1.0\"?><!DOCTYPE Delete SYSTEM \"file:///etc/passwd\"><Delete><Object><Key>a</Key></Object></Delete>",
        "<!DOCTYPE Delete [<!ENTITY xxe SYSTEM \"file:///etc/hostname\">]><Delete><Object><Key>&xxe;</Key></Object></Delete>",
        "<!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><Delete><Object><Key>&b;</Key></Object></Delete>",
        "<Delete><Object><Key>&undeclared;</Key></Object></Delete>",
        "<Delete><Object><Key>a</Key><Key>b</Key></Object></Delete>",
        "<Delete><Object><Key></Key></Object></Delete>",
        "<Delete><Object><VersionId>v</VersionId></Object></Delete>",
        "<Delete><Object><Key>a<b/></Key></Object></Delete>",
        "<Delete><Other/></Delete>",
        "<Delete></Delete>",
        "<NotDelete><Object><Key>a</Key></Object></NotDelete>",
        "<Delete><Object><Key>a</Key></Object></Delete><Delete/>",
        "<Delete>text<Object><Key>a</Key></Object></Delete>",
        "<Delete><?pi x?><Object><Key>a</Key></Object></Delete>",
        "<Delete><Object><Key>a</Key></Object>",
        "<Delete><Object><Key>&#0;</Key></Object></Delete>",
        "not xml",
        "",
    })
    void refusesHostileOrMalformedXml(String body) {
        assertThatThrownBy(() -> MultiDeleteBody.parse(utf8(body)))
                .isInstanceOfSatisfying(ClassificationException.class,
                        e -> assertThat(e.error()).isEqualTo(CosError.MALFORMED_XML));
    }
}
