package io.camgate.limits;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the limits of {@code accounts.yaml} are shared between replicas: the {@code limits:}
 * section of camgate.yaml. Without it each replica keeps its own buckets, as on one machine.
 *
 * @param uri        the Redis endpoint, {@code redis://host:port} or {@code rediss://host:port}
 *                   (TLS); never carries the password
 * @param password   the Redis password (AUTH), or null; never logged
 * @param caFile     the PEM file of CAs that sign Redis's TLS certificate, or null for the JVM's
 * @param timeout    how long one Redis call may take before this replica falls back to its
 *                   share G/N of each limit
 * @param replicas   N until the replicas have registered in Redis (at least 1)
 * @param exactBelow subjects whose request limit is below this many per second are decided
 *                   with one Redis call per request ({@link Limiter#admitExactly}); 0: never
 */
public record SharedLimitSettings(String uri, String password, Path caFile, Duration timeout, int replicas,
        long exactBelow) {
    /** Checks the values. */
    public SharedLimitSettings {
        if (replicas < 1 || exactBelow < 0 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("replicas >= 1, exactBelow >= 0 and a positive timeout are needed");
        }
    }

    /** Whether Redis is reached over TLS. */
    public boolean tls() {
        return uri.startsWith("rediss://");
    }

    @Override
    public String toString() {
        return "SharedLimitSettings[" + uri + (password == null ? "" : ", password redacted") + ", timeout " + timeout
                + ", replicas " + replicas + ", exactBelow " + exactBelow + "]";
    }
}
