package io.camgate.sign;

import java.security.MessageDigest;

/**
 * The chain that signs an aws-chunked body: the signing key, request time and scope of a
 * verified SigV4 request, and its signature as the seed. Each chunk's signature is an HMAC over
 * {@code AWS4-HMAC-SHA256-PAYLOAD}, the time, the scope, the previous signature, the SHA-256 of
 * the empty string and the SHA-256 of the chunk's data; the trailer's is an HMAC over
 * {@code AWS4-HMAC-SHA256-TRAILER}, the time, the scope, the final chunk's signature and the
 * SHA-256 of the trailer lines. Holds a derived key: {@link #toString()} never shows it.
 */
public final class ChunkSigning {
    private final byte[] signingKey;
    private final String amzDate;
    private final String scope;
    private final byte[] seed;

    ChunkSigning(byte[] signingKey, String amzDate, String scope, byte[] seed) {
        this.signingKey = signingKey;
        this.amzDate = amzDate;
        this.scope = scope;
        this.seed = seed.clone();
    }

    /** The request's own signature, which the first chunk's signature chains from. */
    byte[] seed() {
        return seed.clone();
    }

    /** The signature of a chunk whose data hashes to {@code dataSha256}, after {@code previous}. */
    byte[] chunkSignature(byte[] previous, byte[] dataSha256) {
        return sign("AWS4-HMAC-SHA256-PAYLOAD\n", previous, dataSha256, true);
    }

    /** The signature of trailer lines hashing to {@code trailerSha256}, after the final chunk's {@code previous}. */
    byte[] trailerSignature(byte[] previous, byte[] trailerSha256) {
        return sign("AWS4-HMAC-SHA256-TRAILER\n", previous, trailerSha256, false);
    }

    /** Whether {@code presented} equals {@code expected}, in constant time. */
    static boolean matches(byte[] expected, byte[] presented) {
        return presented != null && MessageDigest.isEqual(expected, presented);
    }

    private byte[] sign(String algorithm, byte[] previous, byte[] hash, boolean emptyLine) {
        Sha256Workspace work = Sha256Workspace.get();
        ByteSink s = work.stringToSign;
        s.reset();
        s.ascii(algorithm);
        s.ascii(amzDate);
        s.put((byte) '\n');
        s.ascii(scope);
        s.put((byte) '\n');
        s.hex(previous);
        s.put((byte) '\n');
        if (emptyLine) {
            s.ascii(Sha256Workspace.EMPTY_SHA256_HEX);
            s.put((byte) '\n');
        }
        s.hex(hash);
        return work.hmac(signingKey, s);
    }

    @Override
    public String toString() {
        return "ChunkSigning[" + scope + ", key redacted]";
    }
}
