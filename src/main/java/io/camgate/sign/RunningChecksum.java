package io.camgate.sign;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.zip.Checksum;

/**
 * One body checksum being computed as the body streams, and the value it must end with. Not
 * thread-safe: it belongs to one request's body check.
 */
final class RunningChecksum {
    /** A checksum a request declares: the algorithm and the value the body must have. */
    record Expected(ChecksumAlgorithm algorithm, byte[] value) {
    }

    private final ChecksumAlgorithm algorithm;
    private final Checksum crc;
    private final MessageDigest digest;

    RunningChecksum(ChecksumAlgorithm algorithm, Checksum crc, MessageDigest digest) {
        this.algorithm = algorithm;
        this.crc = crc;
        this.digest = digest;
    }

    ChecksumAlgorithm algorithm() {
        return algorithm;
    }

    /** Adds {@code buf[index, index + length)} without moving its indices or copying it. */
    void update(ByteBuf buf, int index, int length) {
        update(buf, index, length, crc, digest);
    }

    /** Feeds {@code buf[index, index + length)} to a checksum or a digest (one of them non-null). */
    static void update(ByteBuf buf, int index, int length, Checksum crc, MessageDigest digest) {
        if (length == 0) {
            return;
        }
        if (buf.hasArray()) {
            if (crc != null) {
                crc.update(buf.array(), buf.arrayOffset() + index, length);
            } else {
                digest.update(buf.array(), buf.arrayOffset() + index, length);
            }
            return;
        }
        for (ByteBuffer part : buf.nioBufferCount() == 1 ? new ByteBuffer[] {buf.nioBuffer(index, length)}
                : buf.nioBuffers(index, length)) {
            if (crc != null) {
                crc.update(part);
            } else {
                digest.update(part);
            }
        }
    }

    /**
     * Checks the finished value against {@code expected} in constant time.
     *
     * @throws AuthenticationException {@code BadDigest} when they differ
     */
    void check(byte[] expected) throws AuthenticationException {
        if (!MessageDigest.isEqual(value(), expected)) {
            throw new AuthenticationException(AuthError.BAD_DIGEST);
        }
    }

    /** The value so far, big-endian, as S3 sends it before base64. */
    byte[] value() {
        if (digest != null) {
            return digest.digest();
        }
        long v = crc.getValue();
        byte[] out = new byte[algorithm.length()];
        for (int i = out.length - 1; i >= 0; i--) {
            out[i] = (byte) v;
            v >>>= 8;
        }
        return out;
    }

    /**
     * The expected value {@code base64} decodes to for {@code algorithm}.
     *
     * @throws AuthenticationException a 400 when it is not base64 of the algorithm's length
     */
    static byte[] expected(ChecksumAlgorithm algorithm, String base64) throws AuthenticationException {
        try {
            byte[] raw = Base64.getDecoder().decode(base64.strip());
            if (raw.length == algorithm.length()) {
                return raw;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new AuthenticationException(AuthError.invalidChecksum(
                "Value for " + algorithm.headerName() + " header is invalid."));
    }

    /**
     * The one {@code x-amz-checksum-<algorithm>} header of {@code request}, or null when there is none.
     *
     * @throws AuthenticationException a 400 for two such headers or an unusable value
     */
    static Expected fromHeaders(AwsSignedRequest request) throws AuthenticationException {
        Expected found = null;
        for (int i = 0, n = request.headerCount(); i < n; i++) {
            ChecksumAlgorithm algorithm = ChecksumAlgorithm.ofHeader(request.headerName(i));
            if (algorithm == null) {
                continue;
            }
            List<String> values = request.headerValues(algorithm.headerName());
            if (found != null || values.size() != 1) {
                throw new AuthenticationException(AuthError.invalidChecksum(
                        "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed."));
            }
            found = new Expected(algorithm, expected(algorithm, values.get(0)));
        }
        return found;
    }
}
