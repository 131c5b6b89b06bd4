package io.camgate.policy;

/**
 * ASCII hexadecimal digits, as every wire format camgate reads spells them.
 * {@link Character#digit(char, int)} is not used because it also accepts fullwidth and other
 * scripts' digits, which would let two different spellings decode to the same bytes.
 */
public final class HexDigit {
    private HexDigit() {
    }

    /** The value of {@code c} as an ASCII hex digit (either case), or -1. */
    public static int value(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
