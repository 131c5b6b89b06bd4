package io.camgate.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secret files at rest in the store with AES-256-GCM, so that reading etcd is not
 * reading the gateway's secret keys. The key is a mounted file holding 32 random bytes in
 * base64 on one line ({@code head -c 32 /dev/urandom | base64}). A sealed value is
 * {@code camgate-seal:v1:} followed by base64 of a fresh 12-byte nonce, the ciphertext and the
 * 16-byte tag; the key name is the associated data, so a sealed value moved to another key
 * does not open. Neither the key nor a plaintext is ever logged.
 */
public final class SecretSeal {
    private static final String MARK = "camgate-seal:v1:";
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private SecretSeal(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * Reads the key file.
     *
     * @throws IOException when it cannot be read or does not hold 32 bytes in base64
     */
    public static SecretSeal fromFile(Path file) throws IOException {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException e) {
            throw new IOException("the seal key file " + file + " is not base64");
        }
        if (raw.length != 32) {
            throw new IOException("the seal key file " + file + " holds " + raw.length + " bytes, not 32");
        }
        SecretSeal seal = new SecretSeal(raw);
        Arrays.fill(raw, (byte) 0);
        return seal;
    }

    /** {@code plain} sealed for the key {@code name}. */
    public byte[] seal(String name, byte[] plain) {
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(name.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(plain);
            byte[] out = new byte[NONCE + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE);
            System.arraycopy(sealed, 0, out, NONCE, sealed.length);
            return (MARK + Base64.getEncoder().encodeToString(out)).getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java platform", e);
        }
    }

    /**
     * The plaintext of {@code sealed}, stored under {@code name}.
     *
     * @throws IOException when it is not sealed, or not with this key for this name
     */
    public byte[] open(String name, byte[] sealed) throws IOException {
        String text = new String(sealed, StandardCharsets.US_ASCII);
        if (!text.startsWith(MARK)) {
            throw new IOException(name + " is not sealed; store secrets with camgate store import");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(text.substring(MARK.length()));
        } catch (IllegalArgumentException e) {
            throw new IOException(name + " is not a sealed value");
        }
        if (raw.length < NONCE + TAG_BITS / 8) {
            throw new IOException(name + " is too short to be a sealed value");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE));
            c.updateAAD(name.getBytes(StandardCharsets.UTF_8));
            return c.doFinal(raw, NONCE, raw.length - NONCE);
        } catch (GeneralSecurityException e) {
            throw new IOException(name + " does not open with the seal key (another key, or altered)");
        }
    }
}
