package io.camgate.sign;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** UrlEncode and canonical names against the JDK's encoder, across buffer growth. */
class ByteSinkTest {
    private static final String ALPHABET = "aZ09-_.~ !*'()/;:@&=+$,%?#[]\u00e9\u4e2d\ud83d\ude00\t";

    /** The Java SDK's rule: URLEncoder with {@code +}, {@code *} and {@code ~} fixed up. */
    private static String reference(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    @Test
    void encodingMatchesTheSdkRuleAtEveryLength() {
        Random random = new Random(7);
        for (int length = 0; length < 1500; length += 7) {
            StringBuilder text = new StringBuilder();
            while (text.length() < length) {
                int at = random.nextInt(ALPHABET.length());
                if (Character.isHighSurrogate(ALPHABET.charAt(at))) {
                    text.append(ALPHABET, at, at + 2);
                } else if (!Character.isLowSurrogate(ALPHABET.charAt(at))) {
                    text.append(ALPHABET.charAt(at));
                }
            }
            String s = text.toString();
            ByteSink sink = new ByteSink();
            sink.ascii("x".repeat(random.nextInt(600)));
            int mark = sink.length();
            sink.encoded(s);
            String encoded = new String(sink.array(), mark, sink.length() - mark, StandardCharsets.US_ASCII);
            assertThat(encoded).isEqualTo(reference(s));
            assertThat(ByteSink.isCanonicalName(s, encoded.toLowerCase(Locale.ROOT))).isTrue();
            assertThat(ByteSink.isCanonicalName(s, encoded.toLowerCase(Locale.ROOT) + "x")).isFalse();
        }
    }

    @Test
    void digestsAreWrittenAsLowerCaseHex() {
        ByteSink sink = new ByteSink();
        sink.hex(new byte[] {0, 15, (byte) 0xab, (byte) 0xff});
        assertThat(sink.text()).isEqualTo("000fabff");
    }
}
