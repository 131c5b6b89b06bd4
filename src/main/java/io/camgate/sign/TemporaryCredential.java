package io.camgate.sign;

import io.camgate.identity.Principal;
import io.camgate.policy.PolicyDocument;
import java.time.Instant;
import java.util.Optional;

/**
 * A temporary SecretId/SecretKey and the token that must travel with every request signed by
 * it. {@link #toString()} leaves out the secret and the token.
 *
 * @param secretId      the temporary SecretId
 * @param secretKey     the temporary SecretKey; keep it out of logs
 * @param token         the value of {@code x-cos-security-token}; keep it out of logs
 * @param holder        the root account or sub-user the credential speaks for
 * @param expiresAt     the instant after which requests fail with {@code ExpiredToken}
 * @param sessionPolicy a user policy that further limits what the credential may do
 */
public record TemporaryCredential(String secretId, String secretKey, String token, Principal holder,
        Instant expiresAt, Optional<PolicyDocument> sessionPolicy) {

    @Override
    public String toString() {
        return "TemporaryCredential[" + secretId + ", holder " + holder.uin() + ", expires " + expiresAt
                + ", session policy " + sessionPolicy.map(PolicyDocument::name).orElse("none")
                + ", secret and token redacted]";
    }
}
