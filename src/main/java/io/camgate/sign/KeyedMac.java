package io.camgate.sign;

import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One thread's HMAC of one algorithm, re-keyed only when another key (array) comes: a Mac is back
 * in its keyed state after {@code doFinal}, and cached signing keys keep their identity, so one
 * client's back-to-back requests skip the key setup.
 */
final class KeyedMac {
    private final String algorithm;
    private final Mac mac;
    /** The key array or key the Mac was last keyed with, compared by identity. */
    private Object lastKey;

    KeyedMac(String algorithm) {
        this.algorithm = algorithm;
        try {
            this.mac = Mac.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }

    /** The Mac, keyed with {@code key}, ready for {@code update} and {@code doFinal}. */
    Mac keyed(byte[] key) {
        if (key != lastKey) {
            init(new SecretKeySpec(key, algorithm), key);
        }
        return mac;
    }

    /** The Mac, keyed with {@code key} (a cached key made once, not per request), ready for use. */
    Mac keyed(SecretKeySpec key) {
        if (key != lastKey) {
            init(key, key);
        }
        return mac;
    }

    private void init(SecretKeySpec key, Object identity) {
        lastKey = null;
        try {
            mac.init(key);
        } catch (GeneralSecurityException e) {
            // An empty key is the only way here; treat it as a key that can never verify.
            throw new IllegalArgumentException("unusable HMAC key", e);
        }
        lastKey = identity;
    }
}
