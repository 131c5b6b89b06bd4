package io.camgate.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/** Reads the {@code listen} section of {@code camgate.yaml}. */
final class ListenSection {
    private static final Set<String> FIELDS = Set.of("address", "port", "tls", "headerTimeout", "bodyTimeout",
            "shutdownTimeout");
    private static final Set<String> TLS = Set.of("certificate", "key");

    private ListenSection() {
    }

    /** The settings at {@code node} (an absent section means 127.0.0.1:8080, plain HTTP), or null with problems. */
    static ListenSettings read(YamlNode node, Path dir) {
        if (node.isAbsent()) {
            return new ListenSettings("127.0.0.1", 8080, null, null, Duration.ofSeconds(10), Duration.ofSeconds(60),
                    Duration.ofSeconds(30));
        }
        if (!node.expectObject(FIELDS)) {
            return null;
        }
        String address = node.child("address").text(false);
        int port = node.child("port").integer(8080, 0, 65535);
        Path cert = null;
        Path key = null;
        YamlNode tls = node.child("tls");
        if (!tls.isAbsent() && tls.expectObject(TLS)) {
            cert = file(tls.child("certificate"), dir);
            key = file(tls.child("key"), dir);
        }
        Duration header = DurationText.read(node.child("headerTimeout"), Duration.ofSeconds(10));
        Duration body = DurationText.read(node.child("bodyTimeout"), Duration.ofSeconds(60));
        Duration shutdown = DurationText.read(node.child("shutdownTimeout"), Duration.ofSeconds(30));
        return new ListenSettings(address == null ? "127.0.0.1" : address, port, cert, key, header, body,
                shutdown);
    }

    private static Path file(YamlNode node, Path dir) {
        String name = node.text(true);
        if (name == null) {
            return null;
        }
        Path p = dir.resolve(name);
        if (!Files.isReadable(p)) {
            node.problem("cannot read the file " + p);
            return null;
        }
        return p;
    }
}
