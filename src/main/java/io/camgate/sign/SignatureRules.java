package io.camgate.sign;

import java.time.Duration;

/**
 * How strict signature checking is.
 *
 * @param clockSkew          how far ahead of the gateway's clock a window may start
 * @param maxWindow          the longest window accepted ({@code end - start})
 * @param requireSignedHost  whether {@code host} must be among the signed headers; an unsigned
 *                           host lets a signature be replayed against another bucket
 * @param debugMismatch      whether a signature mismatch reports the StringToSign and FormatString
 * @param signKeyCacheSize   how many derived SignKeys to keep
 */
public record SignatureRules(Duration clockSkew, Duration maxWindow, boolean requireSignedHost,
        boolean debugMismatch, int signKeyCacheSize) {
    /** 15 minutes of skew, windows up to 7 days, host signed, no debug detail, 10 000 SignKeys. */
    public static final SignatureRules DEFAULTS =
            new SignatureRules(Duration.ofMinutes(15), Duration.ofDays(7), true, false, 10_000);

    /** Checks the values. */
    public SignatureRules {
        if (clockSkew.isNegative() || maxWindow.isNegative() || signKeyCacheSize < 0) {
            throw new IllegalArgumentException("durations and cache size must not be negative");
        }
    }

    /** These rules with {@code requireSignedHost} set. */
    public SignatureRules withRequireSignedHost(boolean value) {
        return new SignatureRules(clockSkew, maxWindow, value, debugMismatch, signKeyCacheSize);
    }

    /** These rules with {@code debugMismatch} set. */
    public SignatureRules withDebugMismatch(boolean value) {
        return new SignatureRules(clockSkew, maxWindow, requireSignedHost, value, signKeyCacheSize);
    }

    /** These rules with {@code maxWindow} set. */
    public SignatureRules withMaxWindow(Duration value) {
        return new SignatureRules(clockSkew, value, requireSignedHost, debugMismatch, signKeyCacheSize);
    }
}
