package io.camgate.sign;

import io.camgate.identity.Principal;
import io.camgate.policy.PolicyDocument;
import io.camgate.policy.PolicyKind;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary credentials the gateway has issued, looked up by SecretId. Thread-safe.
 *
 * <p>Lifetimes follow COS: 1800 s unless asked otherwise, at most 7200 s for a root account
 * and 129600 s for a sub-user. An expired credential is kept for a while after it expires so
 * that requests using it get {@code ExpiredToken} rather than an unknown-key error; after that
 * it is dropped the next time a credential is issued. The number outstanding is capped.
 */
public final class TemporaryCredentials {
    /** The lifetime when none is asked for. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(1800);
    /** The longest lifetime for a root account. */
    public static final Duration MAX_ROOT_LIFETIME = Duration.ofSeconds(7200);
    /** The longest lifetime for a sub-user. */
    public static final Duration MAX_SUB_USER_LIFETIME = Duration.ofSeconds(129600);
    /** Every temporary SecretId starts with this, so it never collides with a configured one. */
    public static final String SECRET_ID_PREFIX = "AKIDTMP";

    private static final Duration RETENTION = Duration.ofHours(1);
    private static final int DEFAULT_CAPACITY = 100_000;

    private final Clock clock;
    private final int capacity;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, TemporaryCredential> issued = new ConcurrentHashMap<>();

    /** A store that reads time from {@code clock} and holds at most 100 000 credentials. */
    public TemporaryCredentials(Clock clock) {
        this(clock, DEFAULT_CAPACITY);
    }

    /** A store that reads time from {@code clock} and holds at most {@code capacity} credentials. */
    public TemporaryCredentials(Clock clock, int capacity) {
        this.clock = Objects.requireNonNull(clock);
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    /** Issues a credential for {@code holder} with the default lifetime and no session policy. */
    public TemporaryCredential issue(Principal holder) {
        return issue(holder, DEFAULT_LIFETIME, null);
    }

    /**
     * Issues a credential.
     *
     * @param holder        a root account or a sub-user
     * @param lifetime      positive and no longer than the holder's maximum
     * @param sessionPolicy a user policy limiting the credential further, or null
     * @throws IllegalArgumentException for an anonymous holder, a lifetime out of range, or a bucket policy
     * @throws IllegalStateException    when the store is full
     */
    public TemporaryCredential issue(Principal holder, Duration lifetime, PolicyDocument sessionPolicy) {
        if (!(holder instanceof Principal.Root) && !(holder instanceof Principal.SubUser)) {
            throw new IllegalArgumentException("temporary credentials are issued to a root account or a sub-user");
        }
        Duration max = holder instanceof Principal.Root ? MAX_ROOT_LIFETIME : MAX_SUB_USER_LIFETIME;
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(max) > 0) {
            throw new IllegalArgumentException("lifetime must be between 1 s and " + max.toSeconds() + " s");
        }
        if (sessionPolicy != null && sessionPolicy.kind() != PolicyKind.USER) {
            throw new IllegalArgumentException("a session policy is a user policy");
        }
        Instant now = clock.instant();
        purgeExpired(now);
        if (issued.size() >= capacity) {
            throw new IllegalStateException("too many temporary credentials outstanding");
        }
        TemporaryCredential credential;
        do {
            credential = new TemporaryCredential(SECRET_ID_PREFIX + randomText(18), randomText(30),
                    randomText(48), holder, now.plus(lifetime), Optional.ofNullable(sessionPolicy));
        } while (issued.putIfAbsent(credential.secretId(), credential) != null);
        return credential;
    }

    /** The credential with this SecretId, expired or not, while it is retained. */
    public Optional<TemporaryCredential> find(String secretId) {
        return Optional.ofNullable(issued.get(secretId));
    }

    /** Whether {@code credential} has expired now. */
    public boolean isExpired(TemporaryCredential credential) {
        return clock.instant().isAfter(credential.expiresAt());
    }

    private void purgeExpired(Instant now) {
        Instant cutoff = now.minus(RETENTION);
        issued.values().removeIf(c -> c.expiresAt().isBefore(cutoff));
    }

    private String randomText(int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
