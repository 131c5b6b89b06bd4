package io.camgate.policy;

/**
 * Matches text against a pattern in which {@code *} stands for any run of characters,
 * including the empty run and {@code /}. No other character is special.
 *
 * <p>The pattern is split at its stars into literal pieces: the first must be a prefix, the
 * last a suffix, and the ones between are found left to right at their earliest position.
 * Earliest placement is always safe for star-only globs, so there is no backtracking and the
 * cost stays linear in the text for a given pattern ({@code *a*a*a*a*a*b} against ten thousand
 * {@code a}s takes microseconds). No regular expressions are involved.
 */
public final class Glob {
    private Glob() {
    }

    /** True when {@code pattern} contains a star, i.e. needs more than an equality test. */
    public static boolean isWildcard(String pattern) {
        return pattern.indexOf('*') >= 0;
    }

    /** Whether {@code text} matches {@code pattern}, comparing characters exactly. */
    public static boolean matches(String pattern, String text) {
        return matches(pattern, 0, text, 0);
    }

    /**
     * Whether {@code text} from {@code textFrom} matches {@code pattern} from {@code patternFrom}.
     * Lets a caller that has already consumed a literal prefix check only the remainder.
     */
    public static boolean matches(String pattern, int patternFrom, String text, int textFrom) {
        int firstStar = pattern.indexOf('*', patternFrom);
        if (firstStar < 0) {
            int len = pattern.length() - patternFrom;
            return text.length() - textFrom == len && text.regionMatches(textFrom, pattern, patternFrom, len);
        }
        int headLen = firstStar - patternFrom;
        if (!text.regionMatches(textFrom, pattern, patternFrom, headLen)) {
            return false;
        }
        int lastStar = pattern.lastIndexOf('*');
        int tailLen = pattern.length() - lastStar - 1;
        int textEnd = text.length() - tailLen;
        if (textEnd < textFrom + headLen
                || !text.regionMatches(textEnd, pattern, lastStar + 1, tailLen)) {
            return false;
        }
        int pos = textFrom + headLen;
        int piece = firstStar + 1;
        while (piece < lastStar) {
            int nextStar = pattern.indexOf('*', piece);
            int pieceLen = nextStar - piece;
            if (pieceLen > 0) {
                int found = indexOf(text, pos, textEnd, pattern, piece, pieceLen);
                if (found < 0) {
                    return false;
                }
                pos = found + pieceLen;
            }
            piece = nextStar + 1;
        }
        return pos <= textEnd;
    }

    private static int indexOf(String text, int from, int end, String pattern, int pieceFrom, int pieceLen) {
        for (int i = from; i + pieceLen <= end; i++) {
            if (text.regionMatches(i, pattern, pieceFrom, pieceLen)) {
                return i;
            }
        }
        return -1;
    }
}
