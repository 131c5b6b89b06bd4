package io.camgate.sign;

import io.camgate.policy.HexDigit;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
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
    private final Mac hmac;
    private byte[] lastKey;

    private Sha1Workspace() {
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
            hmac = Mac.getInstance("HmacSHA1");
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
        init(key);
        hmac.update(message.array(), 0, message.length());
        return hmac.doFinal();
    }

    /** Lower-case hex (as ASCII bytes) of HMAC-SHA1 of {@code message} under {@code key}: a SignKey. */
    byte[] hmacHex(byte[] key, String message) {
        init(key);
        byte[] mac = hmac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[mac.length * 2];
        for (int i = 0; i < mac.length; i++) {
            out[2 * i] = HEX[(mac[i] >>> 4) & 0xf];
            out[2 * i + 1] = HEX[mac[i] & 0xf];
        }
        return out;
    }

    private void init(byte[] key) {
        // A Mac is back in its keyed state after doFinal, so the same key needs no new init;
        // cached SignKeys keep their identity, which makes back-to-back requests of one client cheaper.
        if (key == lastKey) {
            return;
        }
        lastKey = null;
        try {
            hmac.init(new SecretKeySpec(key, "HmacSHA1"));
            lastKey = key;
        } catch (GeneralSecurityException e) {
            // An empty key is the only way here; treat it as a key that can never verify.
            throw new IllegalArgumentException("unusable HMAC key", e);
        }
    }

    /**
     * Reads 40 hex digits (either case) into 20 bytes, or returns null when {@code text} is not
     * exactly that, so a malformed signature can be told apart from a wrong one.
     */
    static byte[] parseSignature(String text) {
        if (text.length() != 40) {
            return null;
        }
        byte[] out = new byte[20];
        for (int i = 0; i < 20; i++) {
            int hi = HexDigit.value(text.charAt(2 * i));
            int lo = HexDigit.value(text.charAt(2 * i + 1));
            if (hi < 0 || lo < 0) {
                return null;
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

}
