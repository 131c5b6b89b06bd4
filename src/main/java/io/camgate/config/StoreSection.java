package io.camgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.camgate.policy.PolicyException;
import io.camgate.policy.PolicyProblem;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads the {@code store:} section of camgate.yaml into {@link StoreSettings}. Files are named
 * relative to the configuration directory; the password is never put in a problem.
 */
public final class StoreSection {
    private static final Set<String> FIELDS = Set.of("endpoints", "prefix", "user", "password", "passwordFile",
            "passwordEnv", "tls", "sealKeyFile", "workDir", "allowStaleStart", "startTimeout", "writeTimeout",
            "resync");
    private static final Set<String> TLS = Set.of("ca", "cert", "key");

    private StoreSection() {
    }

    /**
     * The store section of {@code configDir/camgate.yaml}, empty when there is no file or no section.
     *
     * @throws PolicyException with each problem's file, pointer and reason
     */
    public static Optional<StoreSettings> read(Path configDir, UnaryOperator<String> environment)
            throws PolicyException {
        Path file = configDir.resolve(GatewaySettingsLoader.FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode root = OpsSettings.readRoot(file);
        List<PolicyProblem> problems = new ArrayList<>();
        Optional<StoreSettings> read = read(new YamlNode(root, "", file.toString(), problems).child("store"),
                configDir, environment);
        if (!problems.isEmpty()) {
            throw new PolicyException(problems);
        }
        return read;
    }

    static Optional<StoreSettings> read(YamlNode node, Path dir, UnaryOperator<String> environment) {
        if (!node.present() || !node.expectObject(FIELDS)) {
            return Optional.empty();
        }
        List<URI> endpoints = new ArrayList<>();
        List<YamlNode> items = node.child("endpoints").items();
        if (items.isEmpty()) {
            node.child("endpoints").problem("at least one etcd endpoint, like http://127.0.0.1:2379");
        }
        for (YamlNode item : items) {
            String text = item.text(true);
            if (text != null) {
                try {
                    URI uri = new URI(text);
                    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                            || uri.getPort() < 0) {
                        item.problem("an endpoint is http://host:port or https://host:port, not \"" + text + "\"");
                    } else {
                        endpoints.add(uri);
                    }
                } catch (URISyntaxException e) {
                    item.problem("not a URL: \"" + text + "\"");
                }
            }
        }
        String prefix = node.child("prefix").text(false);
        if (prefix == null) {
            prefix = "/camgate/";
        } else if (!prefix.endsWith("/") || prefix.isBlank()) {
            node.child("prefix").problem("the prefix ends with /, like /camgate/prod/");
        }
        String user = node.child("user").text(false);
        String password = SecretField.given(node, "password") ? SecretField.read(node, "password", dir, environment)
                : null;
        if ((user == null) != (password == null)) {
            node.problem("give both user and a password, or neither");
        }
        YamlNode tls = node.child("tls");
        Path ca = null;
        Path cert = null;
        Path key = null;
        if (tls.present() && tls.expectObject(TLS)) {
            ca = file(tls.child("ca"), dir);
            cert = file(tls.child("cert"), dir);
            key = file(tls.child("key"), dir);
            if ((cert == null) != (key == null)) {
                tls.problem("give both cert and key for a client certificate, or neither");
            }
        }
        Path seal = file(node.child("sealKeyFile"), dir);
        String work = node.child("workDir").text(false);
        Duration start = duration(node.child("startTimeout"), Duration.ofSeconds(10));
        Duration write = duration(node.child("writeTimeout"), Duration.ofSeconds(2));
        Duration resync = duration(node.child("resync"), Duration.ofMinutes(10));
        return Optional.of(new StoreSettings(List.copyOf(endpoints), prefix, user, password, ca, cert, key, seal,
                work == null ? null : dir.resolve(work).normalize(), node.child("allowStaleStart").bool(false),
                start, write, resync));
    }

    private static Path file(YamlNode node, Path dir) {
        String text = node.text(false);
        if (text == null) {
            return null;
        }
        Path p = dir.resolve(text).normalize();
        if (!Files.isRegularFile(p)) {
            node.problem("no file " + p);
            return null;
        }
        return p;
    }

    private static Duration duration(YamlNode node, Duration fallback) {
        Duration d = DurationText.read(node, fallback);
        if (d != null && (d.isNegative() || d.isZero())) {
            node.problem("a duration above zero");
        }
        return d == null ? fallback : d;
    }
}
