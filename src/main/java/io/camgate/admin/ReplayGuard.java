package io.camgate.admin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * Remembers the nonces of the older Cloud API signature form for as long as their timestamps
 * stay acceptable, so that a (SecretId, nonce, timestamp) is accepted once and a captured
 * request cannot be sent again.
 */
final class ReplayGuard {
    private static final int CAPACITY = 100_000;

    private final Cache<String, String> seen;

    /** A guard that remembers for {@code window}: at least the skew allowed either side of now, twice. */
    ReplayGuard(Duration window) {
        this.seen = Caffeine.newBuilder().expireAfterWrite(window).maximumSize(CAPACITY).build();
    }

    /** Refuses a nonce seen before with the same SecretId and timestamp. */
    void once(String secretId, String nonce, String timestamp) throws CamException {
        if (seen.asMap().putIfAbsent("nonce:" + secretId + ":" + nonce + ":" + timestamp, "") != null) {
            throw new CamException(CamError.AUTH_SIGNATURE_FAILURE, "this Nonce was already used");
        }
    }
}
