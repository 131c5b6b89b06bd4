package io.camgate.admin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The digests and MACs the CAM API's signature checks use, from the JDK's providers. */
final class Digests {
    private Digests() {
    }

    static byte[] sha256(byte[] data) {
        return digest("SHA-256", data);
    }

    static byte[] md5(byte[] data) {
        return digest("MD5", data);
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has " + algorithm, e);
        }
    }

    /** {@code algorithm} (HmacSHA1, HmacSHA256) of the UTF-8 bytes of {@code text} under {@code key}. */
    static byte[] hmac(String algorithm, byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has " + algorithm, e);
        }
    }
}
