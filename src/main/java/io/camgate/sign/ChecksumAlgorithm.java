package io.camgate.sign;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The body checksums S3 clients send in {@code x-amz-checksum-<name>} headers and trailers, each
 * the base64 of its big-endian value: CRC32, CRC32C, CRC64/NVME, SHA-1 and SHA-256.
 */
public enum ChecksumAlgorithm {
    /** CRC-32 (ISO-HDLC), 4 bytes. */
    CRC32("crc32", 4),
    /** CRC-32C (Castagnoli), 4 bytes. */
    CRC32C("crc32c", 4),
    /** CRC-64/NVME, 8 bytes. */
    CRC64NVME("crc64nvme", 8),
    /** SHA-1, 20 bytes. */
    SHA1("sha1", 20),
    /** SHA-256, 32 bytes. */
    SHA256("sha256", 32);

    private static final String PREFIX = "x-amz-checksum-";

    private final String name;
    private final int length;

    ChecksumAlgorithm(String name, int length) {
        this.name = name;
        this.length = length;
    }

    /** The header or trailer name, {@code x-amz-checksum-<name>}. */
    public String headerName() {
        return PREFIX + name;
    }

    /** How many bytes the value has. */
    public int length() {
        return length;
    }

    /** The algorithm whose header or trailer is {@code headerName} (any case), or null. */
    public static ChecksumAlgorithm ofHeader(String headerName) {
        if (headerName.length() <= PREFIX.length() || !headerName.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return null;
        }
        String rest = headerName.substring(PREFIX.length()).toLowerCase(Locale.ROOT);
        for (ChecksumAlgorithm a : values()) {
            if (a.name.equals(rest)) {
                return a;
            }
        }
        return null;
    }

    /** A fresh running checksum of this algorithm. */
    RunningChecksum start() {
        try {
            return switch (this) {
                case CRC32 -> new RunningChecksum(this, new CRC32(), null);
                case CRC32C -> new RunningChecksum(this, new CRC32C(), null);
                case CRC64NVME -> new RunningChecksum(this, new Crc64Nvme(), null);
                case SHA1 -> new RunningChecksum(this, null, MessageDigest.getInstance("SHA-1"));
                case SHA256 -> new RunningChecksum(this, null, MessageDigest.getInstance("SHA-256"));
            };
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + name, e);
        }
    }
}
