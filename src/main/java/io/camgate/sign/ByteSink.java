package io.camgate.sign;

import io.camgate.policy.HexDigit;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that writes the pieces of an HttpString and a StringToSign: ASCII,
 * raw UTF-8, and the COS UrlEncode of a string. One instance is reused per thread, so the hot
 * path does not allocate for it.
 *
 * <p>UrlEncode keeps only the RFC 3986 unreserved characters {@code A-Z a-z 0-9 - _ . ~} and
 * percent-encodes every other UTF-8 byte. Values use upper-case hex digits; keys are lower-cased
 * after encoding, which also lower-cases the hex digits.
 */
final class ByteSink {
    private static final byte[] UPPER_HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LOWER_HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** The unreserved set of RFC 3986, which COS UrlEncode leaves as is, indexed by ASCII code. */
    private static final boolean[] UNRESERVED = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            UNRESERVED[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~';
        }
    }

    private byte[] bytes = new byte[512];
    private int length;

    /** Empties the buffer, keeping its capacity. */
    void reset() {
        length = 0;
    }

    /** The bytes written so far; valid up to {@link #length()}. */
    byte[] array() {
        return bytes;
    }

    int length() {
        return length;
    }

    /** The content decoded as UTF-8 (debug output, and names built off the hot path). */
    String text() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    void put(byte b) {
        if (length == bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        bytes[length++] = b;
    }

    /** Makes room for {@code extra} more bytes, so that loops can write without checking. */
    private void ensure(int extra) {
        if (length + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + extra));
        }
    }

    /** Writes an ASCII-only string (a method, a hex digest, a window). */
    void ascii(String s) {
        int n = s.length();
        ensure(n);
        byte[] b = bytes;
        int at = length;
        for (int i = 0; i < n; i++) {
            b[at++] = (byte) s.charAt(i);
        }
        length = at;
    }

    /** Writes ASCII lower-cased (the method). */
    void lowerAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            put((byte) Character.toLowerCase(s.charAt(i)));
        }
    }

    /** Writes {@code s} as UTF-8, unencoded (the path). */
    void utf8(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                put((byte) c);
            } else {
                i = utf8(s, i);
            }
        }
    }

    /** Writes {@code s} UrlEncoded with upper-case hex (a value). */
    void encoded(String s) {
        encoded(s, 0, s.length());
    }

    /** Writes {@code s[from, to)} UrlEncoded with upper-case hex. */
    void encoded(String s, int from, int to) {
        // Room for the worst case of ASCII input (three bytes per char); other chars grow as they go.
        ensure(3 * (to - from));
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (UNRESERVED[c]) {
                    bytes[length++] = (byte) c;
                } else {
                    escape(c, UPPER_HEX);
                }
            } else {
                int mark = length;
                i = utf8(s, i);
                escapeFrom(mark, UPPER_HEX);
                // The escapes used more than the room made above; make it again for the rest.
                ensure(3 * (to - i - 1));
            }
        }
    }

    /**
     * Whether {@code canonical} is exactly {@code lowercase(UrlEncode(raw))}, the form a name
     * takes in an HttpString and in a signed-name list. Compares as it encodes, allocating nothing.
     */
    static boolean isCanonicalName(String raw, String canonical) {
        if (raw == canonical) {
            // A name looked up by its own canonical text: canonical when it needs no encoding at all.
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c >= 0x80 || !UNRESERVED[c] || (c >= 'A' && c <= 'Z')) {
                    return false;
                }
            }
            return true;
        }
        int at = 0;
        int n = canonical.length();
        for (int i = 0; i < raw.length(); i++) {
            int cp = raw.codePointAt(i);
            if (Character.charCount(cp) == 2) {
                i++;
            }
            if (cp < 0x80 && UNRESERVED[cp]) {
                if (at >= n || canonical.charAt(at++) != Character.toLowerCase((char) cp)) {
                    return false;
                }
                continue;
            }
            byte[] utf8 = cp < 0x80 ? null : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            int count = utf8 == null ? 1 : utf8.length;
            for (int k = 0; k < count; k++) {
                int b = utf8 == null ? cp : utf8[k] & 0xff;
                if (at + 3 > n || canonical.charAt(at) != '%'
                        || canonical.charAt(at + 1) != LOWER_HEX[b >>> 4]
                        || canonical.charAt(at + 2) != LOWER_HEX[b & 0xf]) {
                    return false;
                }
                at += 3;
            }
        }
        return at == n;
    }

    /** Writes {@code %XY}; the caller has made room for three bytes. */
    private void escape(int b, byte[] hex) {
        byte[] out = bytes;
        int at = length;
        out[at] = '%';
        out[at + 1] = hex[(b >>> 4) & 0xf];
        out[at + 2] = hex[b & 0xf];
        length = at + 3;
    }

    /**
     * Reads exactly {@code 2 * length} hex digits (either case) into {@code length} bytes, or
     * returns null when {@code text} is not that, so a malformed signature or digest can be told
     * apart from a wrong one.
     */
    static byte[] parseHex(String text, int length) {
        if (text.length() != 2 * length) {
            return null;
        }
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            int hi = HexDigit.value(text.charAt(2 * i));
            int lo = HexDigit.value(text.charAt(2 * i + 1));
            if (hi < 0 || lo < 0) {
                return null;
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    /** Writes {@code raw} as lower-case hex (a digest). */
    void hex(byte[] raw) {
        ensure(2 * raw.length);
        byte[] out = bytes;
        int at = length;
        for (byte b : raw) {
            out[at++] = LOWER_HEX[(b >>> 4) & 0xf];
            out[at++] = LOWER_HEX[b & 0xf];
        }
        length = at;
    }

    /** Replaces the raw UTF-8 bytes written since {@code mark} with their escapes. */
    private void escapeFrom(int mark, byte[] hex) {
        int count = length - mark;
        byte[] raw = Arrays.copyOfRange(bytes, mark, length);
        length = mark;
        ensure(3 * count);
        for (int k = 0; k < count; k++) {
            escape(raw[k] & 0xff, hex);
        }
    }

    /**
     * Writes the non-ASCII character at {@code i} (a surrogate pair counts as one) as UTF-8 and
     * returns the index of its last char. An unpaired surrogate is written as {@code ?}, as
     * Java's encoder (and so the Java SDK) does.
     */
    private int utf8(String s, int i) {
        char c = s.charAt(i);
        if (c < 0x800) {
            put((byte) (0xc0 | (c >>> 6)));
            put((byte) (0x80 | (c & 0x3f)));
            return i;
        }
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            int cp = Character.toCodePoint(c, s.charAt(i + 1));
            put((byte) (0xf0 | (cp >>> 18)));
            put((byte) (0x80 | ((cp >>> 12) & 0x3f)));
            put((byte) (0x80 | ((cp >>> 6) & 0x3f)));
            put((byte) (0x80 | (cp & 0x3f)));
            return i + 1;
        }
        if (Character.isSurrogate(c)) {
            put((byte) '?');
            return i;
        }
        put((byte) (0xe0 | (c >>> 12)));
        put((byte) (0x80 | ((c >>> 6) & 0x3f)));
        put((byte) (0x80 | (c & 0x3f)));
        return i;
    }
}
