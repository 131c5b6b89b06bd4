package io.camgate.cos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PercentCodecTest {
    private static String decode(String raw) throws ClassificationException {
        return PercentCodec.decodePath(raw, 0, raw.length());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/a//b                                 | /a//b",
        "/./x                                  | /./x",
        "/../x                                 | /../x",
        "/a+b                                  | /a+b",
        "/a%2Fb                                | /a/b",
        "/a%2fb                                | /a/b",
        "/a%20b                                | /a b",
        "/a%252Fb                              | /a%2Fb",
        "/a%5Cb                                | /a\\b",
        "/exampleobject(%E8%85%BE%E8%AE%AF%E4%BA%91) | /exampleobject(腾讯云)",
        "/%F0%9F%98%80                         | /\uD83D\uDE00",
    })
    void decodesEachEscapeOnceAndKeepsEverythingElse(String raw, String decoded) throws Exception {
        assertThat(decode(raw)).isEqualTo(decoded);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/a%", "/a%2", "/a%G1", "/a%00b", "/a%0Ab", "/a%7F", "/a%1F",
        "/%C0%AF", "/%E0%80%AF", "/%F0%80%80%AF", "/%ED%A0%80", "/%F4%90%80%80", "/%FF", "/%80", "/%C3",
        "/a b", "/a\\b", "/a#b", "/a\"b", "/a{b}", "/a|b", "/a^b", "/a<b>", "/ä", "/a\u0000b", "/a\tb",
    })
    void refusesMalformedEscapesInvalidUtf8AndControls(String raw) {
        assertThatThrownBy(() -> decode(raw))
                .isInstanceOfSatisfying(ClassificationException.class,
                        e -> assertThat(e.error()).isEqualTo(CosError.INVALID_URI));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/plain/key.txt    | /plain/key.txt",
        "/a//b             | /a//b",
        "//a               | /%2Fa",
        "/./x              | /%2E/x",
        "/a/../x           | /a/%2E%2E/x",
        "/a/..b/.c         | /a/..b/.c",
        "/a+b c            | /a%2Bb%20c",
        "/a%b              | /a%25b",
        "/腾讯云            | /%E8%85%BE%E8%AE%AF%E4%BA%91",
        "/a?b#c            | /a%3Fb%23c",
    })
    void encodesOneCanonicalWay(String decoded, String wire) {
        assertThat(PercentCodec.encodePath(decoded)).isEqualTo(wire);
    }

    @Property
    void encodedPathDecodesToTheSamePath(@ForAll("paths") String path) throws Exception {
        String wire = PercentCodec.encodePath(path);
        assertThat(decode(wire)).isEqualTo(path);
        assertThat(PercentCodec.encodePath(decode(wire))).isEqualTo(wire);
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.of("", ".", "..", "a", "+", "%", "%2F", " ", "腾讯", "\uD83D\uDE00", "a.b", "~", "\\"),
                Arbitraries.strings().withCharRange(' ', '~').withCharRange('\u00A0', '\u4E00').ofMaxLength(6));
        return segment.list().ofMaxSize(6).map(parts -> "/" + String.join("/", parts));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "image/jpeg | image%2Fjpeg",
        "a b+c      | a%20b%2Bc",
        "doc/       | doc%2F",
        "~-_.       | ~-_.",
    })
    void encodesQueryValuesAsCosComparesThem(String decoded, String encoded) {
        assertThat(PercentCodec.encodeComponent(decoded)).isEqualTo(encoded);
    }
}
