package io.camgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HexDigitTest {
    @Test
    void readsAsciiHexDigitsInEitherCase() {
        String digits = "0123456789abcdef";
        for (int i = 0; i < 16; i++) {
            assertThat(HexDigit.value(digits.charAt(i))).isEqualTo(i);
            assertThat(HexDigit.value(Character.toUpperCase(digits.charAt(i)))).isEqualTo(i);
        }
    }

    @Test
    void refusesEverythingElseIncludingDigitsOfOtherScripts() {
        for (char c : new char[] {'g', 'G', '/', ':', '@', '`', ' ', '\uFF11', '\uFF21', '\u0661', '\u0966'}) {
            assertThat(HexDigit.value(c)).as("U+%04X", (int) c).isEqualTo(-1);
        }
    }
}
