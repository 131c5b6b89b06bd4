package io.camgate.sign;

/**
 * What a SigV4 request says about its body in {@code x-amz-content-sha256}: each mode needs its
 * own body check, and the request path must run exactly that one.
 */
public enum PayloadMode {
    /** The header holds the hex SHA-256 of the body; the body is hashed as it streams and compared. */
    SHA256_HEX(null),
    /** {@code UNSIGNED-PAYLOAD}: only the header signature protects the request. */
    UNSIGNED("UNSIGNED-PAYLOAD"),
    /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}: aws-chunked, every chunk signed in a chain. */
    STREAMING_SIGNED("STREAMING-AWS4-HMAC-SHA256-PAYLOAD"),
    /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER}: signed chunks and a signed trailer. */
    STREAMING_SIGNED_TRAILER("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"),
    /** {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}: aws-chunked without chunk signatures; a trailer checksum. */
    STREAMING_UNSIGNED_TRAILER("STREAMING-UNSIGNED-PAYLOAD-TRAILER");

    private final String token;

    PayloadMode(String token) {
        this.token = token;
    }

    /** The literal {@code x-amz-content-sha256} value, or null for {@link #SHA256_HEX}. */
    public String token() {
        return token;
    }

    /** Whether the body is aws-chunked. */
    public boolean isStreaming() {
        return this == STREAMING_SIGNED || this == STREAMING_SIGNED_TRAILER || this == STREAMING_UNSIGNED_TRAILER;
    }

    /** Whether every chunk carries a signature in the chain seeded by the request signature. */
    public boolean signsChunks() {
        return this == STREAMING_SIGNED || this == STREAMING_SIGNED_TRAILER;
    }

    /** Whether the body ends with trailer headers. */
    public boolean hasTrailer() {
        return this == STREAMING_SIGNED_TRAILER || this == STREAMING_UNSIGNED_TRAILER;
    }

    /**
     * The mode a literal value names, or null when {@code value} is none of the literals (it may
     * then be a hex digest).
     */
    static PayloadMode ofToken(String value) {
        for (PayloadMode mode : values()) {
            if (mode.token != null && mode.token.equals(value)) {
                return mode;
            }
        }
        return null;
    }
}
