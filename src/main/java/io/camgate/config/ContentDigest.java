package io.camgate.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The revision of a configuration directory: a SHA-256 over what a snapshot was read from, in
 * canonical form (entries sorted by name; each name and content length-prefixed), so the same
 * files give the same revision on every pod whatever the order they were read or reloaded in.
 * Secrets read from a file or the environment are content too and go in under a name of their
 * own; they only ever leave as part of the digest, never as text.
 */
final class ContentDigest {
    /** How directory revisions start, so they are not mistaken for store revisions. */
    static final String PREFIX = "sha256:";
    /** Hex digits kept: 64 bits tell configurations apart and stay readable in logs. */
    private static final int HEX_DIGITS = 16;

    private final Map<String, byte[]> entries = new TreeMap<>();

    /** Adds a file by its path relative to the directory, with {@code /} as separator. */
    void add(String name, String content) {
        entries.put(name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** The revision of everything added. */
    String revision() {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            sha.update(length(name.length));
            sha.update(name);
            sha.update(length(e.getValue().length));
            sha.update(e.getValue());
        }
        return PREFIX + HexFormat.of().formatHex(sha.digest()).substring(0, HEX_DIGITS);
    }

    private static byte[] length(int n) {
        return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }
}
