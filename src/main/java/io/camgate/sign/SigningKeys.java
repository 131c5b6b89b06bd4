package io.camgate.sign;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.camgate.identity.AccessKey;
import io.camgate.identity.Directory;
import io.camgate.identity.Principal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;

/**
 * Finds who a SecretId belongs to and derives its SignKeys. A SignKey is
 * {@code hex(HMAC-SHA1(SecretKey, KeyTime))}; it is cached by (SecretId, KeyTime), so a
 * verification with a known window costs one SHA-1 and one HMAC. Cache keys hold no secret.
 */
final class SigningKeys {
    /**
     * The cache key: public values only. A window has a single spelling ({@link KeyWindow#parse}),
     * so its bounds stand for its text.
     */
    private record Id(String secretId, long start, long end) {
        // Written out: the generated record methods showed up as a quarter of a verification's time.
        // The bounds are mixed, not summed by 31: a client signing each URL as it makes it sends
        // windows of one length one second apart, and 31 * start + end then steps by 32, which
        // left the low bits fixed and piled the cache's entries into a few hash bins.
        @Override
        public int hashCode() {
            return secretId.hashCode() * 31 + Long.hashCode(start * 0x9E3779B97F4A7C15L + end * 0xC2B2AE3D27D4EB4FL);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Id id && start == id.start && end == id.end && secretId.equals(id.secretId);
        }
    }

    /** A derived key, ready to key an HMAC, and the source it was derived from. */
    private record Derived(Object source, SecretKeySpec signKey) {
        @Override
        public String toString() {
            return "Derived[redacted]";
        }
    }

    private final TemporaryCredentials temporary;
    private final Cache<Id, Derived> cache;

    SigningKeys(TemporaryCredentials temporary, int cacheSize) {
        this.temporary = temporary;
        this.cache = Caffeine.newBuilder().maximumSize(cacheSize).recordStats().build();
    }

    /** Hits and misses of the SignKey cache. */
    CacheStats stats() {
        return cache.stats();
    }

    /** How many SignKeys are cached. */
    long size() {
        return cache.estimatedSize();
    }

    /**
     * The signer of {@code secretId}: an active configured key whose holder exists, or an issued
     * temporary credential that has not expired and whose holder still exists.
     *
     * @throws AuthenticationException {@code InvalidAccessKeyId} for an unknown or inactive key,
     *                                 {@code ExpiredToken} for an expired temporary one
     */
    Signer resolve(String secretId, Directory directory) throws AuthenticationException {
        return resolve(temporary, secretId, directory);
    }

    /** {@link #resolve(String, Directory)} against the given store of temporary credentials. */
    static Signer resolve(TemporaryCredentials temporary, String secretId, Directory directory)
            throws AuthenticationException {
        Optional<AccessKey> configured = directory.key(secretId);
        if (configured.isPresent()) {
            AccessKey key = configured.get();
            Principal holder = directory.principal(key.holderUin()).orElse(null);
            if (!key.isActive() || holder == null || key.secretKey().isEmpty()) {
                throw new AuthenticationException(AuthError.INVALID_ACCESS_KEY_ID);
            }
            // The directory's own SecretId string: its hash is already computed for the cache lookup.
            return new Signer(key.secretId(), holder, key.secretKey(), key, null, Optional.empty());
        }
        TemporaryCredential credential = temporary.find(secretId)
                .orElseThrow(() -> new AuthenticationException(AuthError.INVALID_ACCESS_KEY_ID));
        Principal holder = directory.principal(credential.holder().uin())
                .filter(p -> p.equals(credential.holder()))
                .orElseThrow(() -> new AuthenticationException(AuthError.INVALID_ACCESS_KEY_ID));
        if (temporary.isExpired(credential)) {
            throw new AuthenticationException(AuthError.EXPIRED_TOKEN);
        }
        return new Signer(credential.secretId(), holder, credential.secretKey(), credential, credential.token(),
                credential.sessionPolicy());
    }

    /** The SignKey for {@code keyTime}: the ASCII bytes of its hex form, as the next HMAC's key. */
    SecretKeySpec signKey(Signer signer, KeyWindow keyTime) {
        Id id = new Id(signer.secretId(), keyTime.start(), keyTime.end());
        Derived derived = cache.getIfPresent(id);
        if (derived == null || derived.source() != signer.source()) {
            derived = new Derived(signer.source(), new SecretKeySpec(Sha1Workspace.get()
                    .hmacHex(signer.secretKey().getBytes(StandardCharsets.UTF_8), keyTime.text()), "HmacSHA1"));
            cache.put(id, derived);
        }
        return derived.signKey();
    }

    /**
     * Checks the token a request carries against the one the signer requires, in constant time.
     * A permanent key takes no token; a temporary key requires its own.
     */
    static void checkToken(Signer signer, String presented) throws AuthenticationException {
        String required = signer.token();
        if (required == null && presented == null) {
            return;
        }
        if (required == null || presented == null || !MessageDigest.isEqual(
                required.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8))) {
            throw new AuthenticationException(AuthError.INVALID_TOKEN);
        }
    }
}
