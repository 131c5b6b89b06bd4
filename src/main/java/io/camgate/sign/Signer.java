package io.camgate.sign;

import io.camgate.identity.Principal;
import io.camgate.policy.PolicyDocument;
import java.util.Optional;

/**
 * Whoever a SecretId belongs to, resolved for one request: the principal, the secret (never
 * shown by {@link #toString()}), the token a temporary key requires, and its session policy.
 *
 * @param secretId      the SecretId
 * @param principal     the root account or sub-user
 * @param secretKey     the SecretKey
 * @param source        the configured key or issued credential the secret came from; a cached
 *                      SignKey is only reused for the same source, so a rotated secret takes effect
 * @param token         the required token, or null for a permanent key
 * @param sessionPolicy the temporary credential's extra policy
 */
record Signer(String secretId, Principal principal, String secretKey, Object source, String token,
        Optional<PolicyDocument> sessionPolicy) {

    @Override
    public String toString() {
        return "Signer[" + secretId + ", " + principal + ", secret redacted]";
    }
}
