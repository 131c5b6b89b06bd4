package io.camgate.sign;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The per-thread tools of one verification: a SHA-1 digest, an HMAC-SHA1, and two byte sinks
 * (HttpString and StringToSign). JCA objects are costly to create and not thread-safe, so each
 * thread keeps one set and reuses it for every request it verifies.
 */
final class Sha1Workspace {
    private static final ThreadLocal<Sha1Workspace> PER_THREAD = ThreadLocal.withInitial(Sha1Workspace::new);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    final ByteSink httpString = new ByteSink();
    final ByteSink stringToSign = new ByteSink();
    private final MessageDigest sha1;
    private final KeyedMac hmac = new KeyedMac("HmacSHA1");

    private Sha1Workspace() {
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-1", e);
        }
    }

    /** This thread's workspace. */
    static Sha1Workspace get() {
        return PER_THREAD.get();
    }

    /** Lower-case hex of SHA-1 over the sink's content, written to {@code out}. */
    void sha1Hex(ByteSink in, ByteSink out) {
        sha1.update(in.array(), 0, in.length());
        out.hex(sha1.digest());
    }

    /** Lower-case hex of SHA-1 over {@code in}, written to {@code out}. */
    void sha1Hex(byte[] in, ByteSink out) {
        out.hex(sha1.digest(in));
    }

    /** Raw HMAC-SHA1 of the sink's content under {@code key}. */
    byte[] hmac(byte[] key, ByteSink message) {
        return hmac(hmac.keyed(key), message);
    }

    /** Raw HMAC-SHA1 of the sink's content under a cached SignKey. */
    byte[] hmac(SecretKeySpec key, ByteSink message) {
        return hmac(hmac.keyed(key), message);
    }

    private static byte[] hmac(Mac mac, ByteSink message) {
        mac.update(message.array(), 0, message.length());
        return mac.doFinal();
    }

    /** Lower-case hex (as ASCII bytes) of HMAC-SHA1 of {@code message} under {@code key}: a SignKey. */
    byte[] hmacHex(byte[] key, String message) {
        byte[] mac = hmac.keyed(key).doFinal(message.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[mac.length * 2];
        for (int i = 0; i < mac.length; i++) {
            out[2 * i] = HEX[(mac[i] >>> 4) & 0xf];
            out[2 * i + 1] = HEX[mac[i] & 0xf];
        }
        return out;
    }

    /**
     * Reads 40 hex digits (either case) into 20 bytes, or returns null when {@code text} is not
     * exactly that, so a malformed signature can be told apart from a wrong one.
     */
    static byte[] parseSignature(String text) {
        return ByteSink.parseHex(text, 20);
    }

}
