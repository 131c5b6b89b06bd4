package io.camgate.config;

import io.camgate.limits.SharedLimitSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The {@code limits:} section of camgate.yaml: the Redis that the replicas share their
 * request-rate and bandwidth limits through. Absent means each replica limits on its own.
 */
final class LimitsSection {
    private static final Set<String> FIELDS = Set.of("redis", "replicas", "exactBelow");
    private static final Set<String> REDIS = Set.of("uri", "password", "passwordFile", "passwordEnv", "caFile",
            "timeout");
    private static final Duration TIMEOUT = Duration.ofMillis(100);

    private LimitsSection() {
    }

    static Optional<SharedLimitSettings> read(YamlNode node, Path dir, UnaryOperator<String> environment) {
        if (!node.present() || !node.expectObject(FIELDS)) {
            return Optional.empty();
        }
        YamlNode redis = node.child("redis");
        if (!redis.present()) {
            redis.problem("missing: the Redis that holds the shared limits");
            return Optional.empty();
        }
        if (!redis.expectObject(REDIS)) {
            return Optional.empty();
        }
        int before = redis.problemCount();
        String uri = uri(redis.child("uri"));
        String password = SecretField.given(redis, "password")
                ? SecretField.read(redis, "password", dir, environment) : null;
        Path caFile = caFile(redis.child("caFile"), dir);
        Duration timeout = DurationText.read(redis.child("timeout"), TIMEOUT);
        if (timeout != null && timeout.isZero()) {
            redis.child("timeout").problem("must be more than 0");
        }
        int replicas = node.child("replicas").integer(1, 1, 10_000);
        int exactBelow = node.child("exactBelow").integer(0, 0, Integer.MAX_VALUE);
        if (redis.problemCount() > before || uri == null) {
            return Optional.empty();
        }
        return Optional.of(new SharedLimitSettings(uri, password, caFile, timeout, replicas, exactBelow));
    }

    private static String uri(YamlNode node) {
        String text = node.text(true);
        if (text == null) {
            return null;
        }
        try {
            URI u = new URI(text.strip());
            if (!"redis".equals(u.getScheme()) && !"rediss".equals(u.getScheme()) || u.getHost() == null) {
                node.problem("expected redis://host:port or rediss://host:port (TLS)");
                return null;
            }
            if (u.getUserInfo() != null) {
                node.problem("give the password as password, passwordFile or passwordEnv, not in the URI");
                return null;
            }
            return u.toString();
        } catch (URISyntaxException e) {
            node.problem("not a URI: " + e.getReason());
            return null;
        }
    }

    private static Path caFile(YamlNode node, Path dir) {
        String text = node.text(false);
        if (text == null) {
            return null;
        }
        Path p = dir.resolve(text.strip());
        if (!Files.isReadable(p)) {
            node.problem("cannot read " + p);
            return null;
        }
        return p;
    }
}
