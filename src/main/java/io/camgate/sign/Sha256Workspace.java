package io.camgate.sign;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;

/**
 * The per-thread tools of one AWS SigV4 verification: SHA-256, HMAC-SHA256 and two byte sinks
 * (the canonical request and the string to sign). As with {@link Sha1Workspace}, JCA objects
 * are costly to make and not thread-safe, so each thread reuses one set.
 */
final class Sha256Workspace {
    /** The hex SHA-256 of no bytes: the payload line of an empty body. */
    static final String EMPTY_SHA256_HEX = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static final ThreadLocal<Sha256Workspace> PER_THREAD = ThreadLocal.withInitial(Sha256Workspace::new);

    final ByteSink canonical = new ByteSink();
    final ByteSink stringToSign = new ByteSink();
    private final MessageDigest sha256;
    private final KeyedMac hmac = new KeyedMac("HmacSHA256");

    private Sha256Workspace() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** This thread's workspace. */
    static Sha256Workspace get() {
        return PER_THREAD.get();
    }

    /** Lower-case hex of SHA-256 over the sink's content, written to {@code out}. */
    void sha256Hex(ByteSink in, ByteSink out) {
        sha256.update(in.array(), 0, in.length());
        out.hex(sha256.digest());
    }

    /** Raw SHA-256 of the sink's content. */
    byte[] sha256(ByteSink in) {
        sha256.update(in.array(), 0, in.length());
        return sha256.digest();
    }

    /** Raw HMAC-SHA256 of the sink's content under {@code key}. */
    byte[] hmac(byte[] key, ByteSink message) {
        Mac mac = hmac.keyed(key);
        mac.update(message.array(), 0, message.length());
        return mac.doFinal();
    }

    /** Raw HMAC-SHA256 of the UTF-8 bytes of {@code message} under {@code key}. */
    byte[] hmac(byte[] key, String message) {
        return hmac.keyed(key).doFinal(message.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads 64 hex digits (either case) into 32 bytes, or null when {@code text} is not exactly
     * that, so a malformed signature or digest can be told apart from a wrong one.
     */
    static byte[] parseHex32(String text) {
        return text == null ? null : ByteSink.parseHex(text, 32);
    }
}
