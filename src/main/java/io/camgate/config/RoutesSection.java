package io.camgate.config;

import io.camgate.config.RouteSettings.Addressing;
import io.camgate.config.RouteSettings.UpstreamAuth;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads the {@code routes} section of {@code camgate.yaml}. A bucket or host may belong to one
 * route only, so that where a request goes never depends on the order of the list.
 */
final class RoutesSection {
    private static final Set<String> FIELDS = Set.of("name", "buckets", "hosts", "upstream", "addressing", "auth",
            "accessKey", "secretKey", "secretKeyFile", "secretKeyEnv", "region", "authorize", "foldsKeys", "maxConnections",
            "connectTimeout", "responseTimeout", "idleTimeout", "tls");

    private RoutesSection() {
    }

    /** The routes at {@code node}; problems are reported and the faulty routes left out. */
    static List<RouteSettings> read(YamlNode node, Path dir, UnaryOperator<String> environment) {
        List<RouteSettings> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> targets = new HashSet<>();
        for (YamlNode r : node.items()) {
            RouteSettings route = route(r, dir, environment);
            if (route == null) {
                continue;
            }
            if (!names.add(route.name())) {
                r.child("name").problem("route name \"" + route.name() + "\" is given twice");
            }
            for (String t : route.buckets()) {
                if (!targets.add("bucket " + t)) {
                    r.child("buckets").problem("bucket " + t + " is routed twice");
                }
            }
            for (String t : route.hosts()) {
                if (!targets.add("host " + t)) {
                    r.child("hosts").problem("host " + t + " is routed twice");
                }
            }
            out.add(route);
        }
        return out;
    }

    private static RouteSettings route(YamlNode r, Path dir, UnaryOperator<String> environment) {
        if (!r.expectObject(FIELDS)) {
            return null;
        }
        int before = r.problemCount();
        String name = r.child("name").text(true);
        List<String> buckets = r.child("buckets").strings();
        List<String> hosts = r.child("hosts").strings().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        if (buckets.isEmpty() && hosts.isEmpty()) {
            r.problem("a route needs buckets or hosts");
        }
        URI upstream = upstream(r.child("upstream"));
        UpstreamTlsSettings tls = UpstreamTlsSection.read(r.child("tls"), upstream == null ? null
                : upstream.getScheme(), dir);
        Addressing addressing = choice(r.child("addressing"), Addressing.class, Addressing.PATH);
        UpstreamAuth auth = choice(r.child("auth"), UpstreamAuth.class, UpstreamAuth.SIGV4);
        String accessKey = null;
        String secretKey = null;
        if (auth == UpstreamAuth.SIGV4 || auth == UpstreamAuth.COS) {
            accessKey = r.child("accessKey").text(true);
            secretKey = SecretField.read(r, "secretKey", dir, environment);
        } else if (r.has("accessKey")) {
            r.child("accessKey").problem("only sigv4 and cos routes take a key");
        }
        String region = r.child("region").text(false);
        boolean authorize = r.child("authorize").bool(true);
        // S3-compatible stores on a file system (s3proxy, MinIO) read a//b as a/b; COS keeps keys opaque.
        boolean foldsKeys = r.child("foldsKeys").bool(auth == UpstreamAuth.SIGV4 || auth == UpstreamAuth.NONE);
        int maxConnections = r.child("maxConnections").integer(64, 1, 10_000);
        Duration connect = DurationText.read(r.child("connectTimeout"), Duration.ofSeconds(5));
        Duration response = DurationText.read(r.child("responseTimeout"), Duration.ofSeconds(60));
        Duration idle = DurationText.read(r.child("idleTimeout"), Duration.ofSeconds(60));
        if (r.problemCount() > before) {
            return null;
        }
        return new RouteSettings(name, List.copyOf(buckets), hosts, upstream, addressing, auth, accessKey, secretKey,
                region == null ? "us-east-1" : region, authorize, maxConnections, connect, response, idle, foldsKeys, tls);
    }

    private static URI upstream(YamlNode node) {
        String text = node.text(true);
        if (text == null) {
            return null;
        }
        try {
            URI u = new URI(text);
            if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null && (u.getPath() == null || u.getPath().isEmpty()
                    || u.getPath().equals("/")) && u.getQuery() == null && u.getUserInfo() == null) {
                return u;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        node.problem("expected http://host:port or https://host:port with no path, not \"" + text + "\"");
        return null;
    }

    private static <E extends Enum<E>> E choice(YamlNode node, Class<E> type, E fallback) {
        String text = node.text(false);
        if (text == null) {
            return fallback;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text.strip())) {
                return e;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            allowed.add(e.name().toLowerCase(Locale.ROOT));
        }
        node.problem("expected one of " + allowed + ", not \"" + text + "\"");
        return fallback;
    }
}
