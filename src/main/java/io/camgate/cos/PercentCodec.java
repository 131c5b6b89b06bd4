package io.camgate.cos;

import io.camgate.policy.HexDigit;
import java.nio.charset.StandardCharsets;

/**
 * Strict percent-decoding of the request-target and the one canonical encoding back.
 *
 * <p>Decoding happens exactly once and refuses rather than guesses: a raw character outside
 * RFC 3986's set, a {@code %} not followed by two hex digits, bytes that are not well-formed
 * UTF-8 (overlong forms, surrogates, code points past U+10FFFF) and any control character
 * (including {@code %00}) after decoding are all {@link CosError#INVALID_URI}. A {@code %25}
 * decodes to {@code %} and stays so: {@code %252F} is the three characters {@code %2F}.
 *
 * <p>A literal {@code +} is a plus sign, in the path and in the query. The reference (§1.1)
 * reports that COS itself turns a {@code +} in the path into a space when it builds its
 * signing string; we do not copy that: RFC 3986 gives {@code +} no special meaning, every SDK
 * sends a space as {@code %20}, and {@link #encodePath} sends a plus back as {@code %2B}, so
 * the object upstream is the one whose key holds the {@code +} that was authorized.
 */
public final class PercentCodec {
    private static final boolean[] UNRESERVED = new boolean[128];
    private static final boolean[] PATH_RAW = new boolean[128];
    private static final boolean[] QUERY_RAW = new boolean[128];
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            UNRESERVED[c] = true;
            UNRESERVED[c - 'a' + 'A'] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            UNRESERVED[c] = true;
        }
        for (char c : "-._~".toCharArray()) {
            UNRESERVED[c] = true;
        }
        for (int c = 0; c < 128; c++) {
            PATH_RAW[c] = UNRESERVED[c] || "!$&'()*+,;=:@/%".indexOf(c) >= 0;
            QUERY_RAW[c] = PATH_RAW[c] || c == '?';
        }
    }

    private PercentCodec() {
    }

    /** Decodes the raw path {@code raw[from, to)}. */
    public static String decodePath(String raw, int from, int to) throws ClassificationException {
        return decode(raw, from, to, PATH_RAW, "path");
    }

    /** Decodes one query name or value {@code raw[from, to)}. */
    public static String decodeQuery(String raw, int from, int to) throws ClassificationException {
        return decode(raw, from, to, QUERY_RAW, "query");
    }

    private static String decode(String raw, int from, int to, boolean[] allowed, String where)
            throws ClassificationException {
        boolean escaped = false;
        for (int i = from; i < to; i++) {
            char c = raw.charAt(i);
            if (c >= 128 || !allowed[c]) {
                throw invalid(where, "holds the raw character " + describe(c));
            }
            escaped |= c == '%';
        }
        if (!escaped) {
            return raw.substring(from, to);
        }
        byte[] bytes = new byte[to - from];
        int n = 0;
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                bytes[n++] = (byte) c;
                continue;
            }
            int hi = i + 2 < to ? HexDigit.value(raw.charAt(i + 1)) : -1;
            int lo = hi >= 0 ? HexDigit.value(raw.charAt(i + 2)) : -1;
            if (lo < 0) {
                throw invalid(where, "has a '%' that is not followed by two hex digits");
            }
            int b = hi << 4 | lo;
            ascii &= b < 0x80;
            bytes[n++] = (byte) b;
            i += 2;
        }
        return ascii ? ascii(bytes, n, where) : utf8(bytes, n, where);
    }

    /**
     * Bytes below 0x80 are each their own character: no UTF-8 to check, only the control
     * characters; the common escapes ({@code %3B} of a pre-signed URL's window) end here.
     */
    private static String ascii(byte[] b, int n, String where) throws ClassificationException {
        for (int i = 0; i < n; i++) {
            if (b[i] < 0x20 || b[i] == 0x7F) {
                throw invalid(where, "decodes to the control character " + describe((char) b[i]));
            }
        }
        return new String(b, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** Strict UTF-8: shortest forms only, no surrogates, nothing past U+10FFFF, no control characters. */
    private static String utf8(byte[] b, int n, String where) throws ClassificationException {
        char[] out = new char[n];
        int o = 0;
        int i = 0;
        while (i < n) {
            int b0 = b[i] & 0xFF;
            int cp;
            int len;
            if (b0 < 0x80) {
                cp = b0;
                len = 1;
            } else if (b0 >= 0xC2 && b0 <= 0xDF) {
                cp = b0 & 0x1F;
                len = 2;
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                cp = b0 & 0x0F;
                len = 3;
            } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                cp = b0 & 0x07;
                len = 4;
            } else {
                throw invalid(where, "is not well-formed UTF-8 after decoding");
            }
            if (i + len > n) {
                throw invalid(where, "ends inside a UTF-8 sequence");
            }
            for (int k = 1; k < len; k++) {
                int bk = b[i + k] & 0xFF;
                if ((bk & 0xC0) != 0x80) {
                    throw invalid(where, "is not well-formed UTF-8 after decoding");
                }
                cp = cp << 6 | (bk & 0x3F);
            }
            if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (len == 4 && (cp < 0x10000
                    || cp > 0x10FFFF))) {
                throw invalid(where, "holds an overlong UTF-8 form, a surrogate or a code point past U+10FFFF");
            }
            if (cp < 0x20 || cp == 0x7F) {
                throw invalid(where, "decodes to the control character " + describe((char) cp));
            }
            o += Character.toChars(cp, out, o);
            i += len;
        }
        return new String(out, 0, o);
    }

    /**
     * The one wire form of a decoded path: every byte outside {@code A-Z a-z 0-9 - _ . ~ /}
     * as {@code %XX} with upper-case hex. Two more bytes are escaped so that no URL library
     * between us and COS can reinterpret the path: the dots of a {@code .} or {@code ..}
     * segment (dot-segment removal would change the key) and a {@code /} right after the
     * leading one (a target starting {@code //} reads as an authority). Decoding the result
     * with {@link #decodePath} gives back {@code decodedPath} exactly.
     */
    public static String encodePath(String decodedPath) {
        if (isPlainPath(decodedPath)) {
            return decodedPath;
        }
        byte[] bytes = decodedPath.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        int segmentStart = 0;
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            if (b == '/') {
                segmentStart = i + 1;
                if (i == 1 && bytes[0] == '/') {
                    escape(out, b);
                } else {
                    out.append('/');
                }
            } else if (b == '.' && isDotSegment(bytes, segmentStart)) {
                escape(out, b);
            } else if (b < 128 && UNRESERVED[b]) {
                out.append((char) b);
            } else {
                escape(out, b);
            }
        }
        return out.toString();
    }

    /**
     * Every byte outside the unreserved set as {@code %XX} with upper-case hex: the form in
     * which COS compares condition values taken from the query ({@code cos:prefix}).
     */
    public static String encodeComponent(String decoded) {
        byte[] bytes = decoded.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 8);
        for (byte value : bytes) {
            int b = value & 0xFF;
            if (b < 128 && UNRESERVED[b]) {
                out.append((char) b);
            } else {
                escape(out, b);
            }
        }
        return out.toString();
    }

    private static boolean isPlainPath(String path) {
        if (path.startsWith("//")) {
            return false;
        }
        int segmentStart = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '/') {
                segmentStart = i + 1;
            } else if (c >= 128 || !UNRESERVED[c] || (c == '.' && isDotSegment(path, segmentStart))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDotSegment(String s, int start) {
        int end = s.indexOf('/', start);
        int len = (end < 0 ? s.length() : end) - start;
        return (len == 1 && s.charAt(start) == '.') || (len == 2 && s.charAt(start) == '.' && s.charAt(start + 1) == '.');
    }

    private static boolean isDotSegment(byte[] b, int start) {
        int end = start;
        while (end < b.length && b[end] != '/') {
            end++;
        }
        int len = end - start;
        return (len == 1 && b[start] == '.') || (len == 2 && b[start] == '.' && b[start + 1] == '.');
    }

    private static void escape(StringBuilder out, int b) {
        out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
    }

    private static String describe(char c) {
        return c >= 0x20 && c < 0x7F ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private static ClassificationException invalid(String where, String what) {
        return new ClassificationException(CosError.INVALID_URI, "The " + where + " " + what + ".");
    }
}
