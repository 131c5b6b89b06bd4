package io.camgate.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Reads a route's {@code tls} mapping ({@code ca}, {@code certificate}, {@code key}; paths
 * relative to the configuration directory, so a mounted Kubernetes Secret works) and proves the
 * files usable by building the client context from them, so a bad file is reported with its
 * pointer when the configuration is read rather than on the first request.
 */
final class UpstreamTlsSection {
    private static final Set<String> FIELDS = Set.of("ca", "certificate", "key");

    private UpstreamTlsSection() {
    }

    /**
     * The settings at {@code node} for a route to {@code scheme}, or null with problems
     * reported; an absent section of an https route is the JDK trust store.
     */
    static UpstreamTlsSettings read(YamlNode node, String scheme, Path dir) {
        if (node.isAbsent()) {
            return "https".equals(scheme) ? UpstreamTlsSettings.DEFAULT : null;
        }
        if (!"https".equals(scheme)) {
            node.problem("only an https:// upstream takes tls settings");
            return null;
        }
        if (!node.expectObject(FIELDS)) {
            return null;
        }
        int before = node.problemCount();
        Path ca = file(node.child("ca"), dir);
        Path certificate = file(node.child("certificate"), dir);
        Path key = file(node.child("key"), dir);
        if ((node.has("certificate") || node.has("key")) && !(node.has("certificate") && node.has("key"))) {
            node.problem("a client certificate needs both certificate and key");
        }
        if (node.problemCount() > before) {
            return null;
        }
        if (ca != null && !usable(new UpstreamTlsSettings(ca, null, null), node.child("ca"),
                "cannot use " + ca + " as a PEM bundle of CA certificates")) {
            return null;
        }
        UpstreamTlsSettings settings = new UpstreamTlsSettings(ca, certificate, key);
        if (certificate != null && !usable(settings, node.child("certificate"), "cannot use " + certificate
                + " with " + key + " as a PEM client certificate and its PKCS#8 PEM private key")) {
            return null;
        }
        return settings;
    }

    private static Path file(YamlNode node, Path dir) {
        if (node.isAbsent()) {
            return null;
        }
        String name = node.text(true);
        if (name == null) {
            return null;
        }
        Path p = dir.resolve(name);
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            node.problem("cannot read the file " + p);
            return null;
        }
        return p;
    }

    /** Whether a context builds from {@code settings}; else a problem on {@code node}, with why (never a key's bytes). */
    private static boolean usable(UpstreamTlsSettings settings, YamlNode node, String what) {
        try {
            settings.clientContext();
            return true;
        } catch (Exception e) {
            node.problem(what + ": " + reason(e));
            return false;
        }
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
