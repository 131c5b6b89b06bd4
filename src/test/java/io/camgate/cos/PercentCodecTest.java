package io.camgate.cos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camgate.testing.Trials;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
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
        "/a%\uFF12F", "/a%2\uFF26", "/a b", "/a\\b", "/a#b", "/a\"b", "/a{b}", "/a|b", "/a^b", "/a<b>", "/ä", "/a\u0000b", "/a\tb",
    })
    void refusesMalformedEscapesInvalidUtf8AndControls(String raw) {
        assertThatThrownBy(() -> decode(raw))
                .isInstanceOfSatisfying(ClassificationException.class,
                        e -> assertThat(e.error()).isEqualTo(CosError.INVALID_URI));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1796568559%3B1796575759 | 1796568559;1796575759",
        "a%2Bb%7E                | a+b~",
        "%3B%E8%85%BE            | ;腾",
        "%E8%85%BE%3B            | 腾;",
    })
    void decodesAQueryValueWhoseEscapesAreAsciiAndOnesMixedWithUtf8(String raw, String decoded) throws Exception {
        assertThat(PercentCodec.decodeQuery(raw, 0, raw.length())).isEqualTo(decoded);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1%3B2%00", "%7F", "%1F%3B", "a%0D%0A"})
    void refusesAQueryValueThatDecodesToAControlCharacter(String raw) {
        assertThatThrownBy(() -> PercentCodec.decodeQuery(raw, 0, raw.length()))
                .isInstanceOfSatisfying(ClassificationException.class, e -> {
                    assertThat(e.error()).isEqualTo(CosError.INVALID_URI);
                    assertThat(e.getMessage()).contains("control character");
                });
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

    @Test
    void encodedPathDecodesToTheSamePath() {
        Trials.run(1000, random -> {
            String path = "/" + String.join("/", Trials.list(random, 0, 6, PercentCodecTest::segment));
            String wire = PercentCodec.encodePath(path);
            assertThat(decode(wire)).as(path).isEqualTo(path);
            assertThat(PercentCodec.encodePath(decode(wire))).as(path).isEqualTo(wire);
        });
    }

    private static final List<String> SEGMENTS = List.of("", ".", "..", "a", "+", "%", "%2F", " ", "腾讯",
            "\uD83D\uDE00", "a.b", "~", "\\");

    /** A tricky segment, or up to six printable ASCII or Latin-to-CJK characters. */
    private static String segment(Random random) {
        if (random.nextBoolean()) {
            return Trials.pick(random, SEGMENTS);
        }
        StringBuilder out = new StringBuilder();
        for (int n = random.nextInt(7); n > 0; n--) {
            out.append(random.nextBoolean() ? (char) (' ' + random.nextInt('~' - ' ' + 1))
                    : (char) ('\u00A0' + random.nextInt('\u4E00' - '\u00A0' + 1)));
        }
        return out.toString();
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
