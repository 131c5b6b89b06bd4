package io.camgate.sign;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;

/**
 * Derives and caches SigV4 signing keys:
 * {@code HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), "s3"), "aws4_request")}. One key
 * serves every request of one access key for one scope day and region, so a verification with a
 * known scope costs one SHA-256 and one HMAC chain of two. Cache keys hold no secret.
 */
final class AwsSigningKeys {
    /** The cache key: public values only. */
    private record Id(String accessKey, String date, String region) {
        @Override
        public int hashCode() {
            return (accessKey.hashCode() * 31 + date.hashCode()) * 31 + region.hashCode();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Id id && date.equals(id.date) && region.equals(id.region)
                    && accessKey.equals(id.accessKey);
        }
    }

    /** A derived key and the configured key or credential it came from. */
    private record Derived(Object source, byte[] signingKey) {
        @Override
        public String toString() {
            return "Derived[redacted]";
        }
    }

    private final Cache<Id, Derived> cache;

    AwsSigningKeys(int cacheSize) {
        this.cache = Caffeine.newBuilder().maximumSize(cacheSize).build();
    }

    /**
     * The signing key of {@code signer} for a scope's {@code date} ({@code yyyyMMdd}) and
     * {@code region}. A key derived from another source (a rotated secret) is derived again.
     */
    byte[] signingKey(Signer signer, String date, String region) {
        Id id = new Id(signer.secretId(), date, region);
        Derived derived = cache.getIfPresent(id);
        if (derived == null || derived.source() != signer.source()) {
            derived = new Derived(signer.source(), derive(signer.secretKey(), date, region));
            cache.put(id, derived);
        }
        return derived.signingKey();
    }

    /** The signing key itself, uncached. */
    static byte[] derive(String secretKey, String date, String region) {
        Sha256Workspace work = Sha256Workspace.get();
        byte[] key = work.hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        key = work.hmac(key, region);
        key = work.hmac(key, "s3");
        return work.hmac(key, "aws4_request");
    }
}
