package io.camgate.admin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * Remembers, for as long as a timestamp stays acceptable, what each signed Cloud API request
 * was used for. The SDKs sign only {@code content-type} and {@code host}, so the action header
 * travels outside the signature: a signature seen with one action is refused with another, which
 * keeps a captured request from being replayed as a different action. The older signature form
 * carries a nonce; a (SecretId, nonce, timestamp) seen before is refused outright.
 */
final class ReplayGuard {
    private static final int CAPACITY = 100_000;

    private final Cache<String, String> seen;

    /** A guard that remembers for {@code window}: at least the skew allowed either side of now, twice. */
    ReplayGuard(Duration window) {
        this.seen = Caffeine.newBuilder().expireAfterWrite(window).maximumSize(CAPACITY).build();
    }

    /** Refuses {@code signature} when it was seen with an action other than {@code action}. */
    void bind(String signature, String action) throws CamException {
        String first = seen.asMap().putIfAbsent("tc3:" + signature, action);
        if (first != null && !first.equals(action)) {
            throw new CamException(CamError.AUTH_SIGNATURE_FAILURE,
                    "this signature was already used for another action");
        }
    }

    /** Refuses a nonce seen before with the same SecretId and timestamp. */
    void once(String secretId, String nonce, String timestamp) throws CamException {
        if (seen.asMap().putIfAbsent("nonce:" + secretId + ":" + nonce + ":" + timestamp, "") != null) {
            throw new CamException(CamError.AUTH_SIGNATURE_FAILURE, "this Nonce was already used");
        }
    }
}
