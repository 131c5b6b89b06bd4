package io.camgate.proxy;

import java.time.Duration;

/**
 * Limits on what a client may send and how long it may take.
 *
 * @param maxInitialLineLength longest request line
 * @param maxHeaderSize        largest header block
 * @param headerReadTimeout    time from connection (or the end of the previous response) to a
 *                             complete request head; defeats clients that trickle headers
 * @param bodyTimeout          longest the gateway waits for the next bytes of a request body it
 *                             is reading; defeats allowed uploads that stall and pin upstream
 *                             connections
 * @param lingerBytes          how much of a denied request's body is read and dropped before
 *                             closing, so the client sees the 403 rather than a reset
 * @param lingerTimeout        how long that may take
 */
record ProxyLimits(int maxInitialLineLength, int maxHeaderSize, Duration headerReadTimeout,
        Duration bodyTimeout, long lingerBytes, Duration lingerTimeout) {
    /** Defaults: 8 KiB line, 16 KiB headers, 10 s for headers, 60 s between body bytes, linger up to 64 MiB or 10 s. */
    public static ProxyLimits defaults() {
        return new ProxyLimits(8 * 1024, 16 * 1024, Duration.ofSeconds(10), Duration.ofSeconds(60), 64L * 1024 * 1024,
                Duration.ofSeconds(10));
    }
}
