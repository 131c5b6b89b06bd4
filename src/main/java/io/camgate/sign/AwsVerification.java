package io.camgate.sign;

/**
 * The outcome of a verified AWS signature: who the caller is, and what the request path must
 * still check on the body. The header signature covers the body only through the payload mode,
 * so a request is authenticated only once the body check the mode names has passed too:
 * <ul>
 * <li>{@link PayloadMode#SHA256_HEX}: the body's SHA-256 must equal {@link #expectedSha256()};
 * see {@link PlainBodyDigest}.</li>
 * <li>{@link PayloadMode#UNSIGNED}: no body check from the signature (header checksums aside).</li>
 * <li>the three streaming modes: the body is aws-chunked and goes through {@link AwsChunkedBody},
 * which needs {@link #chunkSigning()} for the two signed ones and {@link #decodedLength()}.</li>
 * </ul>
 */
public final class AwsVerification {
    private final Authentication authentication;
    private final PayloadMode payloadMode;
    private final byte[] expectedSha256;
    private final ChunkSigning chunkSigning;
    private final long decodedLength;

    AwsVerification(Authentication authentication, PayloadMode payloadMode, byte[] expectedSha256,
            ChunkSigning chunkSigning, long decodedLength) {
        this.authentication = authentication;
        this.payloadMode = payloadMode;
        this.expectedSha256 = expectedSha256;
        this.chunkSigning = chunkSigning;
        this.decodedLength = decodedLength;
    }

    /** The caller. */
    public Authentication authentication() {
        return authentication;
    }

    /** How the body is protected. */
    public PayloadMode payloadMode() {
        return payloadMode;
    }

    /** The SHA-256 the body must have ({@link PayloadMode#SHA256_HEX} only), as a copy; else null. */
    public byte[] expectedSha256() {
        return expectedSha256 == null ? null : expectedSha256.clone();
    }

    /** The chunk-signature chain ({@link PayloadMode#signsChunks()} only); else null. */
    public ChunkSigning chunkSigning() {
        return chunkSigning;
    }

    /** {@code x-amz-decoded-content-length} of a streaming body, else -1. */
    public long decodedLength() {
        return decodedLength;
    }
}
