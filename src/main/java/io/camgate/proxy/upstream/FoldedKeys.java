package io.camgate.proxy.upstream;

/**
 * Object keys that a store keeping objects as files would read as another key: a key with an
 * empty segment ({@code a//b}, {@code /a}) or a {@code .} or {@code ..} segment. The gateway
 * keeps keys opaque and authorizes {@code a//b} as written, so behind such a store a deny on
 * {@code a/b/*} under an allowed {@code a/*} would be escaped through {@code a//b/x}. A trailing
 * slash ({@code photos/}, a folder marker) is left alone: it names no other object.
 */
final class FoldedKeys {
    private FoldedKeys() {
    }

    /** True when {@code key} has a segment such a store would fold away. */
    static boolean folds(String key) {
        int start = 0;
        int length = key.length();
        while (start <= length) {
            int end = key.indexOf('/', start);
            if (end < 0) {
                end = length;
            }
            int segment = end - start;
            boolean last = end == length;
            if (segment == 0 && !last && length > 0) {
                return true;
            }
            if (segment == 1 && key.charAt(start) == '.'
                    || segment == 2 && key.charAt(start) == '.' && key.charAt(start + 1) == '.') {
                return true;
            }
            start = end + 1;
        }
        return false;
    }
}
