package io.camgate.admin;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The bearer token the admin listener's operations ({@code POST /admin/reload},
 * {@code POST /v1/authorize}) require when camgate.yaml gives one. Only the token's SHA-256
 * digest is kept, and a presented token is hashed and compared digest to digest in constant
 * time, so that the timing shows neither how much of it matched nor its length.
 */
final class OperatorToken {
    /** No token configured: every request is admitted. */
    static final OperatorToken NONE = new OperatorToken(null);

    private static final String BEARER = "Bearer ";

    private final byte[] digest;

    private OperatorToken(byte[] digest) {
        this.digest = digest;
    }

    /** The token {@code secret}, or {@link #NONE} when it is null. */
    static OperatorToken of(String secret) {
        return secret == null ? NONE : new OperatorToken(sha256(secret));
    }

    /** Whether {@code headers} carry {@code Authorization: Bearer <the token>} (always, for {@link #NONE}). */
    boolean admits(HttpHeaders headers) {
        if (digest == null) {
            return true;
        }
        String given = headers.get(HttpHeaderNames.AUTHORIZATION);
        if (given == null || !given.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(given.substring(BEARER.length()).strip()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
