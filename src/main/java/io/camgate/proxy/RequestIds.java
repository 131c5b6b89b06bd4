package io.camgate.proxy;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request ids for {@code x-cos-request-id}: a random per-process prefix and a counter, so ids
 * are unique across replicas without coordination and cost one atomic increment.
 */
final class RequestIds {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final String prefix;
    private final AtomicLong counter = new AtomicLong();

    /** Ids with a fresh random prefix. */
    public RequestIds() {
        byte[] seed = new byte[6];
        new SecureRandom().nextBytes(seed);
        StringBuilder b = new StringBuilder(12);
        for (byte x : seed) {
            b.append(HEX[(x >> 4) & 0xF]).append(HEX[x & 0xF]);
        }
        this.prefix = b.toString();
    }

    /** The next id: 12 hex digits of prefix, then 16 of counter. */
    public String next() {
        long n = counter.incrementAndGet();
        char[] out = new char[28];
        prefix.getChars(0, 12, out, 0);
        for (int i = 27; i >= 12; i--) {
            out[i] = HEX[(int) (n & 0xF)];
            n >>>= 4;
        }
        return new String(out);
    }
}
