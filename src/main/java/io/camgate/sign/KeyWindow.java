package io.camgate.sign;

/**
 * A signature's validity window, {@code <start>;<end>} in Unix seconds, as written in
 * {@code q-sign-time} and {@code q-key-time}. For AWS signatures the text is the request time
 * as signed ({@code x-amz-date}), followed by {@code ;<X-Amz-Expires>} for a presigned URL, and
 * for SigV2 the seconds {@code <start>;<end>}.
 *
 * @param start the first second the signature is valid
 * @param end   the last second the signature is valid
 * @param text  the window exactly as the client wrote it (it is part of what was signed)
 */
public record KeyWindow(long start, long end, String text) {
    /** Longest decimal accepted for one bound; enough for any real date, far below overflow. */
    private static final int MAX_DIGITS = 12;

    /**
     * Reads {@code <start>;<end>}: two unsigned decimals without leading zeros, start not after end.
     *
     * @throws AuthenticationException a 400 naming {@code field} when the text is not such a window
     */
    public static KeyWindow parse(String field, String text) throws AuthenticationException {
        int semicolon = text.indexOf(';');
        if (semicolon < 0) {
            throw malformed(field);
        }
        long start = seconds(text, 0, semicolon, field);
        long end = seconds(text, semicolon + 1, text.length(), field);
        if (start > end) {
            throw malformed(field);
        }
        return new KeyWindow(start, end, text);
    }

    private static long seconds(String text, int from, int to, String field) throws AuthenticationException {
        // No sign and no leading zero: one window has one spelling, so it can key the SignKey cache.
        if (to == from || to - from > MAX_DIGITS || (text.charAt(from) == '0' && to - from > 1)) {
            throw malformed(field);
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw malformed(field);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static AuthenticationException malformed(String field) {
        return new AuthenticationException(AuthError.malformedAuthorization(field + " is not <start>;<end>"));
    }

    /** The window's length in seconds. */
    public long length() {
        return end - start;
    }

    /**
     * Checks the window against the gateway's clock.
     *
     * @param nowSeconds the current Unix second
     * @throws AuthenticationException when it has ended ({@code Request has expired}), starts
     *                                 beyond the allowed skew, or is longer than allowed
     */
    public void check(long nowSeconds, SignatureRules rules) throws AuthenticationException {
        if (nowSeconds > end) {
            throw new AuthenticationException(AuthError.REQUEST_EXPIRED);
        }
        if (start > nowSeconds + rules.clockSkew().toSeconds()) {
            throw new AuthenticationException(AuthError.REQUEST_TIME_TOO_SKEWED);
        }
        if (length() > rules.maxWindow().toSeconds()) {
            throw new AuthenticationException(AuthError.WINDOW_TOO_LONG);
        }
    }
}
